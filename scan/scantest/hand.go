package scantest

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// penStyle is a ballpoint at the scale the cells are drawn: about 0.6 to
// 1.1 pt wide.
var penStyle = ink.Style{MinWidth: 10, MaxWidth: 18, Steps: 4}

// drawFill writes into row i of the page what f says.
func drawFill(img *image.RGBA, pl layout.Payload, i int, f Fill, s float64, pencil uint8, rng *rand.Rand) {
	tb, _ := layout.Rows(pl.Paper, pl.Kind, pl.First, pl.N)
	if i >= len(tb.Rows) || f == Blank {
		return
	}
	r := tb.Rows[i]
	pen := color.RGBA{uint8(15 + rng.IntN(30)), uint8(25 + rng.IntN(40)), uint8(90 + rng.IntN(80)), 255}
	if rng.IntN(6) == 0 { // a pencil or a fading pen
		g := uint8(95 + rng.IntN(30))
		pen = color.RGBA{g, g, g + 10, 255}
	}
	if pencil != 0 {
		pen = color.RGBA{pencil, pencil, pencil, 255}
	}
	if f == Full || f == NameOnly || f == Crossed {
		// Some names are short ("Li Na"): a small share of the cell.
		short := rng.IntN(4) == 0
		writeIn(img, tb.Name, r, s, scribble(rng, 1+rng.IntN(3), 0.2+0.25*rng.Float64()), pen, short, rng)
		if rng.IntN(2) == 0 { // many fill in the address too
			writeIn(img, tb.Address, r, s, scribble(rng, 3, 0.3), pen, false, rng)
		}
	}
	if f == Full || f == SignatureOnly || f == Crossed {
		writeIn(img, tb.Signature, r, s, scribble(rng, 1+rng.IntN(2), 0.5+0.4*rng.Float64()), pen, rng.IntN(4) == 0, rng)
	}
	if f == Crossed {
		strike(img, tb, r, s, pen, rng)
	}
	if rng.IntN(4) == 0 && i+1 < len(tb.Rows) {
		// A long descender (a g, a y, a flourish) reaching 3-5 pt into the
		// next row, which stays blank all the same.
		x := tb.Name.X0 + 10 + rng.Float64()*(tb.Signature.X1-tb.Name.X0-20)
		line(img, x, r.Y1-4, x-2+4*rng.Float64(), r.Y1+3+2*rng.Float64(), s, pen)
	}
}

// line draws a pen line between two page points.
func line(img *image.RGBA, x0, y0, x1, y1, s float64, pen color.RGBA) {
	st := petition.Stroke{{X: float32(x0 * s), Y: float32(y0 * s)}, {X: float32(x1 * s), Y: float32(y1 * s), T: 60}}
	ink.Draw(img, ink.Segments([]petition.Stroke{st}, ink.Style{MinWidth: float32(0.9 * s), MaxWidth: float32(1.1 * s), Steps: 2}), 1, 1, pen)
}

// writeIn draws strokes (pad units) into a random part of a cell, kept a
// point inside the row so the truth of a neighbouring row never changes.
func writeIn(img *image.RGBA, c layout.Column, r layout.Row, s float64, strokes []petition.Stroke, pen color.RGBA, short bool, rng *rand.Rand) {
	w := c.W() * (0.45 + 0.45*rng.Float64())
	if short {
		w = c.W() * (0.15 + 0.1*rng.Float64())
	}
	x := c.X0 + 4 + (c.W()-8-w)*rng.Float64()
	h := (r.Y1 - r.Y0) * (0.5 + 0.25*rng.Float64())
	y := r.Y0 + 1.5 + (r.Y1-r.Y0-3-h)*rng.Float64()
	draw(img, strokes, x*s, y*s, w*s, h*s, pen)
}

// draw renders strokes in a w×h pixel box at (x, y).
func draw(img *image.RGBA, strokes []petition.Stroke, x, y, w, h float64, pen color.RGBA) {
	sx, sy := float32(w/ink.PadWidth), float32(h/ink.PadHeight)
	segs := ink.Segments(strokes, penStyle)
	// Widths are in pad units scaled by the mean of sx and sy; keep the
	// pen's width independent of how the box is stretched.
	target := float32(h / ink.PadHeight * 0.55)
	for i := range segs {
		sg := &segs[i]
		sg.X0, sg.X1 = sg.X0+float32(x)/sx, sg.X1+float32(x)/sx
		sg.Y0, sg.Y1 = sg.Y0+float32(y)/sy, sg.Y1+float32(y)/sy
		sg.Width *= target / ((sx + sy) / 2)
	}
	ink.Draw(img, segs, sx, sy, pen)
}

// scribble makes handwriting-like strokes in the pad's 1000×300 units:
// words of loops along a baseline (a name, an address), or one large
// flourish (a signature, words=1 with a big amplitude).
func scribble(rng *rand.Rand, words int, amp float64) []petition.Stroke {
	var out []petition.Stroke
	gap := 60.0
	wordW := (1000 - gap*float64(words-1)) / float64(words)
	for wd := 0; wd < words; wd++ {
		x0 := float64(wd) * (wordW + gap)
		n := 30 + rng.IntN(30)
		freq := 3 + 9*rng.Float64()
		phase := rng.Float64() * 6
		var st petition.Stroke
		for i := 0; i < n; i++ {
			t := float64(i) / float64(n-1)
			loop := math.Sin(t*freq*2*math.Pi + phase)
			x := x0 + wordW*t + 18*math.Cos(t*freq*2*math.Pi+phase)
			y := 150 + 150*amp*loop + 25*math.Sin(t*3+phase)
			st = append(st, petition.Point{X: float32(x), Y: float32(min(max(y, 5), 295)), T: uint32(i * 15)})
		}
		out = append(out, st)
	}
	return out
}

// strike draws a hand-drawn line through the whole row.
func strike(img *image.RGBA, tb layout.Table, r layout.Row, s float64, pen color.RGBA, rng *rand.Rand) {
	x0, x1 := tb.Name.X0+2+6*rng.Float64(), tb.Signature.X1-2-6*rng.Float64()
	mid := (r.Y0 + r.Y1) / 2
	ya, yb := mid+3*(rng.Float64()-0.5), mid+3*(rng.Float64()-0.5)
	var st petition.Stroke
	for i := 0; i <= 40; i++ {
		t := float64(i) / 40
		y := ya + (yb-ya)*t + 0.4*math.Sin(t*7+rng.Float64())
		st = append(st, petition.Point{X: float32((x0 + (x1-x0)*t) * s), Y: float32(y * s), T: uint32(i * 10)})
	}
	segs := ink.Segments([]petition.Stroke{st}, ink.Style{MinWidth: float32(1.2 * s), MaxWidth: float32(1.4 * s), Steps: 2})
	ink.Draw(img, segs, 1, 1, pen)
}
