package scan

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// plane is an 8-bit luminance image: 0 is black, 255 white. For a colour
// JPEG it is the decoder's own Y plane, shared, not copied.
type plane struct {
	pix  []byte
	w, h int
	str  int // stride
}

func (p *plane) at(x, y int) byte { return p.pix[y*p.str+x] }

// decoded is one page image ready to analyse.
type decoded struct {
	y      plane
	format format
	data   []byte // the encoded bytes, kept as they are when sensible
	// bilevel: the page came black and white only (a copier's "text"
	// mode); y holds it smoothed back into greys (bilevel.go).
	bilevel, dithered bool
}

// codec reads one image format: its header (for the size) and the image.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// codecs are the formats decode reads (HEIC is recognised, not read).
var codecs = map[format]codec{
	fmtJPEG: {jpeg.DecodeConfig, jpeg.Decode},
	fmtPNG:  {png.DecodeConfig, png.Decode},
	fmtTIFF: {tiff.DecodeConfig, tiff.Decode},
	fmtWebP: {webp.DecodeConfig, webp.Decode},
}

// decode checks the header for the size first, then decodes the image.
// Decoders in the standard library do not panic on bad input, but the
// TIFF decoder is younger; any panic becomes ErrDamaged.
func decode(src Source) (d *decoded, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, ErrDamaged
		}
	}()
	data := src.Data
	f := sniff(data)
	c, ok := codecs[f]
	switch {
	case f == fmtHEIC:
		return nil, ErrHEIC
	case !ok:
		return nil, ErrNotImage
	}
	in := func() io.Reader { return bytes.NewReader(data) }
	if f == fmtTIFF && src.ifd != 0 {
		in = func() io.Reader { return tiffPageReader(data, src.ifd) }
	}
	cfg, err := c.config(in())
	if err != nil {
		return nil, ErrDamaged
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err := c.decode(in())
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrDamaged, err)
	}
	b := img.Bounds()
	if err := checkSize(b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	d = &decoded{y: luminance(img), format: f, data: data}
	if d.bilevel = isBilevel(&d.y); d.bilevel {
		d.y, d.dithered = fixBilevel(&d.y)
	}
	return d, nil
}

func checkSize(w, h int) error {
	switch {
	case w <= 0 || h <= 0:
		return ErrDamaged
	case w > MaxPixels/h:
		return ErrTooLarge
	case w < 64 || h < 64:
		return fmt.Errorf("the image is too small (%d × %d pixels) to be a scanned sheet", w, h)
	}
	return nil
}

// luminance returns the image's Y plane, shared where the decoder made
// one (a colour or grey JPEG), computed with the JPEG weights otherwise.
func luminance(img image.Image) plane {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr:
		return plane{m.Y[m.YOffset(b.Min.X, b.Min.Y):], b.Dx(), b.Dy(), m.YStride}
	case *image.NYCbCrA: // a lossy WebP with an alpha channel
		return plane{m.Y[m.YOffset(b.Min.X, b.Min.Y):], b.Dx(), b.Dy(), m.YStride}
	case *image.Gray:
		return plane{m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], b.Dx(), b.Dy(), m.Stride}
	}
	p := plane{make([]byte, b.Dx()*b.Dy()), b.Dx(), b.Dy(), b.Dx()}
	switch m := img.(type) {
	case *image.RGBA:
		rgbToY(p, m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y))
	case *image.NRGBA:
		rgbToY(p, m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y))
	default:
		for y := 0; y < p.h; y++ {
			for x := 0; x < p.w; x++ {
				r, g, bb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				p.pix[y*p.str+x] = byte((19595*r + 38470*g + 7471*bb + 1<<15) >> 24)
			}
		}
	}
	return p
}

// rgbToY converts 4-byte RGBA pixels (alpha ignored: scans are opaque).
func rgbToY(p plane, pix []byte, stride, off int) {
	for y := 0; y < p.h; y++ {
		row := pix[off+y*stride:]
		out := p.pix[y*p.str : y*p.str+p.w]
		for x := range out {
			r, g, b := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2])
			out[x] = byte((19595*r + 38470*g + 7471*b + 1<<15) >> 16)
		}
	}
}
