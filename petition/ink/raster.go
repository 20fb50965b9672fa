package ink

import (
	"image"
	"image/color"
	"math"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Render draws the strokes into a new w×h image on a transparent
// background, scaled to fit the pad's 1000×300 area.
func Render(strokes []petition.Stroke, w, h int, c color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	Draw(img, Segments(strokes, DefaultStyle), float32(w)/PadWidth, float32(h)/PadHeight, c)
	return img
}

// Draw paints segments (in pad units) onto img, scaled by sx and sy, as
// round-capped lines with soft edges.
func Draw(img *image.RGBA, segs []Segment, sx, sy float32, c color.Color) {
	r, g, b, _ := c.RGBA()
	scale := (sx + sy) / 2
	for _, s := range segs {
		drawSegment(img, s.X0*sx, s.Y0*sy, s.X1*sx, s.Y1*sy, max(s.Width*scale/2, 0.6), uint8(r>>8), uint8(g>>8), uint8(b>>8))
	}
}

// drawSegment fills the pixels within radius of the segment, blending by
// coverage so lines have smooth edges.
func drawSegment(img *image.RGBA, x0, y0, x1, y1, rad float32, r, g, b uint8) {
	bounds := img.Bounds()
	minX := max(int(math.Floor(float64(min(x0, x1)-rad-1))), bounds.Min.X)
	maxX := min(int(math.Ceil(float64(max(x0, x1)+rad+1))), bounds.Max.X-1)
	minY := max(int(math.Floor(float64(min(y0, y1)-rad-1))), bounds.Min.Y)
	maxY := min(int(math.Ceil(float64(max(y0, y1)+rad+1))), bounds.Max.Y-1)
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	for y := minY; y <= maxY; y++ {
		for x := minX; x <= maxX; x++ {
			px, py := float32(x)+0.5, float32(y)+0.5
			t := float32(0)
			if l2 > 0 {
				t = min(max(((px-x0)*dx+(py-y0)*dy)/l2, 0), 1)
			}
			ex, ey := px-(x0+t*dx), py-(y0+t*dy)
			d := float32(math.Sqrt(float64(ex*ex + ey*ey)))
			cov := min(max(rad+0.5-d, 0), 1)
			if cov > 0 {
				blend(img, x, y, r, g, b, cov)
			}
		}
	}
}

func blend(img *image.RGBA, x, y int, r, g, b uint8, cov float32) {
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	a := float32(p[3]) / 255
	na := cov + a*(1-cov)
	if na <= 0 {
		return
	}
	mix := func(src uint8, dst uint8) uint8 {
		return uint8((float32(src)*cov + float32(dst)*a*(1-cov)) / na)
	}
	p[0], p[1], p[2], p[3] = mix(r, p[0]), mix(g, p[1]), mix(b, p[2]), uint8(na*255)
}
