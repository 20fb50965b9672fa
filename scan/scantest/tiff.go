package scantest

import (
	"encoding/binary"
	"image"
	"image/color"
)

// MultiTIFF writes pages as one uncompressed 8-bit greyscale TIFF, one
// image file directory per page, as a sheet feeder does (the TIFF
// encoder of x/image writes a single page only).
func MultiTIFF(pages ...image.Image) []byte {
	le := binary.LittleEndian
	out := []byte("II*\x00\x00\x00\x00\x00")
	link := 4 // where the offset of the next directory goes
	for _, img := range pages {
		b := img.Bounds()
		w, h := b.Dx(), b.Dy()
		pixOff := len(out)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				out = append(out, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
			}
		}
		if len(out)%2 == 1 {
			out = append(out, 0)
		}
		le.PutUint32(out[link:], uint32(len(out)))
		tags := [][3]uint32{ // tag, type (3 short, 4 long), value
			{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, uint32(pixOff)}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(w * h)},
		}
		out = le.AppendUint16(out, uint16(len(tags)))
		for _, t := range tags {
			out = le.AppendUint16(out, uint16(t[0]))
			out = le.AppendUint16(out, uint16(t[1]))
			out = le.AppendUint32(out, 1)
			if t[1] == 3 {
				out = le.AppendUint16(out, uint16(t[2]))
				out = le.AppendUint16(out, 0)
			} else {
				out = le.AppendUint32(out, t[2])
			}
		}
		link = len(out)
		out = le.AppendUint32(out, 0)
	}
	return out
}

// BlackAndWhite turns a scan into what a copier's black-and-white mode
// makes: every pixel black or white, by a plain threshold (the light grey
// grid vanishes) or dithered (greys become patterns of black dots).
func BlackAndWhite(img image.Image, dither bool) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	errs := make([]float64, (w+2)*(h+1)) // Floyd-Steinberg error, one spare column each side
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := float64(color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y)
			if dither {
				v += errs[y*(w+2)+x+1]
			}
			out := 0.0
			if v >= 128 {
				out = 255
			}
			g.Pix[y*g.Stride+x] = byte(out)
			if e := v - out; dither {
				i := y*(w+2) + x + 1
				errs[i+1] += e * 7 / 16
				errs[i+w+2-1] += e * 3 / 16
				errs[i+w+2] += e * 5 / 16
				errs[i+w+2+1] += e / 16
			}
		}
	}
	return g
}

// OneBitTIFF writes a black-and-white page as a 1-bit uncompressed TIFF,
// as a copier's "text" mode saves it: eight pixels to a byte, each line
// padded to a byte. whiteIsZero picks the photometric interpretation
// (many CCITT files say WhiteIsZero; the others, BlackIsZero).
func OneBitTIFF(g *image.Gray, whiteIsZero bool) []byte {
	le := binary.LittleEndian
	w, h := g.Rect.Dx(), g.Rect.Dy()
	line := (w + 7) / 8
	out := []byte("II*\x00\x00\x00\x00\x00")
	for y := 0; y < h; y++ {
		bits := make([]byte, line)
		for x := 0; x < w; x++ {
			if white := g.Pix[y*g.Stride+x] >= 128; white != whiteIsZero {
				bits[x/8] |= 0x80 >> (x % 8)
			}
		}
		out = append(out, bits...)
	}
	photometric := uint32(1)
	if whiteIsZero {
		photometric = 0
	}
	le.PutUint32(out[4:], uint32(len(out)))
	tags := [][3]uint32{
		{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 1}, {259, 3, 1}, {262, 3, photometric},
		{273, 4, 8}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(line * h)},
	}
	out = le.AppendUint16(out, uint16(len(tags)))
	for _, t := range tags {
		out = le.AppendUint16(out, uint16(t[0]))
		out = le.AppendUint16(out, uint16(t[1]))
		out = le.AppendUint32(out, 1)
		if t[1] == 3 {
			out = le.AppendUint16(out, uint16(t[2]))
			out = le.AppendUint16(out, 0)
		} else {
			out = le.AppendUint32(out, t[2])
		}
	}
	return le.AppendUint32(out, 0)
}
