package scan

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
)

// What is kept of a page for the sheet's record and the PDF pack: the
// scanner's own JPEG when it is already a sensible size (up to about 300
// dpi and 4 MB) and upright, byte for byte; anything else (PNG, TIFF, a
// 600-dpi scan, a phone photo upside down) re-encoded as a greyscale JPEG
// at no more than 200 dpi, turned upright. 200 dpi keeps handwriting
// legible in print; a page then weighs 300-600 KB.
const (
	keepMaxDPI   = 320
	keepMaxBytes = 4 << 20
	storeDPI     = 200
	storeQuality = 85
)

// kept is the stored page image and how its pixels relate to the source.
type kept struct {
	jpeg   []byte
	w, h   int     // the stored image's size
	sw, sh float64 // the source scaled, before turning
	scale  float64 // stored pixels per source pixel
	turns  int     // quarter turns of the page in the source (see quarterTurns)
}

// mapPoint takes a source pixel position to the stored image.
func (k kept) mapPoint(p pt) pt {
	q := p.scale(k.scale)
	switch k.turns {
	case 1:
		return pt{q.Y, k.sw - q.X}
	case 2:
		return pt{k.sw - q.X, k.sh - q.Y}
	case 3:
		return pt{k.sh - q.Y, q.X}
	}
	return q
}

func keepImage(d *decoded, dpi float64, turns int) kept {
	if d.format == fmtJPEG && turns == 0 && dpi <= keepMaxDPI && len(d.data) <= keepMaxBytes {
		w, h := float64(d.y.w), float64(d.y.h)
		return kept{jpeg: d.data, w: d.y.w, h: d.y.h, sw: w, sh: h, scale: 1}
	}
	f := 1.0
	if dpi > storeDPI {
		f = storeDPI / dpi
	}
	g := shrink(&d.y, f)
	k := kept{sw: float64(g.Rect.Dx()), sh: float64(g.Rect.Dy()), scale: float64(g.Rect.Dx()) / float64(d.y.w), turns: turns}
	g = turn(g, turns)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: storeQuality}); err != nil {
		return kept{}
	}
	k.jpeg, k.w, k.h = buf.Bytes(), g.Rect.Dx(), g.Rect.Dy()
	return k
}

// turn rotates an image so that a page lying `turns` quarter turns
// clockwise comes out upright; it follows mapPoint.
func turn(g *image.Gray, turns int) *image.Gray {
	if turns == 0 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ow, oh := h, w
	if turns == 2 {
		ow, oh = w, h
	}
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var ox, oy int
			switch turns {
			case 1:
				ox, oy = y, w-1-x
			case 2:
				ox, oy = w-1-x, h-1-y
			default:
				ox, oy = h-1-y, x
			}
			out.Pix[oy*out.Stride+ox] = g.Pix[y*g.Stride+x]
		}
	}
	return out
}

// shrink scales the plane by f (<= 1) averaging the source pixels each
// output pixel covers.
func shrink(p *plane, f float64) *image.Gray {
	w, h := max(1, int(math.Round(float64(p.w)*f))), max(1, int(math.Round(float64(p.h)*f)))
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		sy0, sy1 := y*p.h/h, max((y+1)*p.h/h, y*p.h/h+1)
		for x := 0; x < w; x++ {
			sx0, sx1 := x*p.w/w, max((x+1)*p.w/w, x*p.w/w+1)
			sum, n := 0, 0
			for sy := sy0; sy < sy1; sy++ {
				row := p.pix[sy*p.str:]
				for sx := sx0; sx < sx1; sx++ {
					sum += int(row[sx])
				}
				n += sx1 - sx0
			}
			out.Pix[y*out.Stride+x] = byte(sum / n)
		}
	}
	return out
}

// Foreign prepares a page without a QR code (a sheet printed by someone
// else) for storing: its image is read and kept as for any page, upright
// as scanned; nothing is counted.
func Foreign(src Source) Result {
	res := Result{File: src.File, Page: src.Page, NoQR: true}
	d := decodeFor(src, &res)
	if d == nil {
		return res
	}
	// Without marks the resolution is a guess: the width of an A4 page.
	k := keepImage(d, float64(d.y.w)/8.27, 0)
	res.Image, res.ImageW, res.ImageH = k.jpeg, k.w, k.h
	res.Confidence = 1
	return res
}
