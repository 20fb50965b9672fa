package scantest

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Damage is harm done to a sheet's identity on its way back: a pen line
// across a QR code, a corner torn off.
type Damage int

// Kinds of damage. TornCorner takes the bottom-right corner with the
// main QR code and its alignment mark; BothCodes cross-hatches both
// codes, as someone does who crosses a thing out for good. A single line
// across a level-H code is sometimes read and sometimes not (it depends
// on where it falls in the symbol, so on the payload), which makes a
// poor fixture for "neither code reads".
const (
	NoDamage Damage = iota
	PenOverQR
	TornCorner
	BothCodes
)

// drawSpare draws the blank sheet's second identity, as the PDF export
// does: the same payload as a smaller QR code at level H in
// layout.SpareQRBox, and the sheet number in large digits (text
// stand-ins) in layout.SheetNumberBox.
func drawSpare(img *image.RGBA, pl layout.Payload, s float64, rng *rand.Rand) {
	text, err := pl.Encode()
	if err != nil {
		panic(err)
	}
	drawCode(img, text, layout.SpareQRBox(pl.Paper), qrcode.Highest, s)
	b := layout.SheetNumberBox(pl.Paper)
	drawText(img, layout.Rect{X: b.CenterX() - 20, Y: b.Y + 2, W: 40, H: 20}, s, 18, rng)
}

// drawCode draws text as a QR code filling box, quiet zone included.
func drawCode(img *image.RGBA, text string, box layout.Rect, level qrcode.RecoveryLevel, s float64) {
	q, err := qrcode.New(text, level)
	if err != nil {
		panic(err)
	}
	bm := q.Bitmap()
	m := box.W / float64(len(bm))
	for y, row := range bm {
		for x, on := range row {
			if on {
				fillPt(img, layout.Rect{X: box.X + float64(x)*m, Y: box.Y + float64(y)*m, W: m, H: m}, s, 0)
			}
		}
	}
}

// damage harms the upright page before it is distorted into the scan.
func (p Page) damage(img *image.RGBA, rng *rand.Rand) {
	paper := p.Payload.Paper
	switch p.Damage {
	case PenOverQR:
		penAcross(img, layout.QRBox(paper), p.DPI/72, rng)
	case BothCodes:
		hatch(img, layout.QRBox(paper), p.DPI/72, rng)
		hatch(img, layout.SpareQRBox(paper), p.DPI/72, rng)
	case TornCorner:
		tear(img, layout.QRBox(paper), p.DPI/72, rng)
	}
}

// penAcross draws a 0.7 mm ballpoint line across a code, through its
// finder patterns' row or column (where a line hurts most), a little
// slanted.
func penAcross(img *image.RGBA, box layout.Rect, s float64, rng *rand.Rand) {
	pen := color.RGBA{20, 30, 110, 255}
	f := 0.2 + 0.6*rng.Float64() // anywhere across the symbol
	if rng.IntN(2) == 0 {
		f = 0.22 // through the top finder patterns
	}
	slant := (rng.Float64()*2 - 1) * box.H * 0.15
	for _, d := range []float64{-0.5, 0, 0.5} { // 0.7 mm: three 1-pt lines overlapped
		if rng.IntN(2) == 0 {
			y := box.Y + f*box.H + d
			line(img, box.X-4, y-slant, box.X1()+4, y+slant, s, pen)
		} else {
			x := box.X + f*box.W + d
			line(img, x-slant, box.Y-4, x+slant, box.Y1()+4, s, pen)
		}
	}
}

// hatch cross-hatches a code with ballpoint lines a sixth of its width
// apart in both diagonals, a little irregular and kept inside the code's
// box: every finder pattern and far more than a level-H code's 30 % of
// modules are hit.
func hatch(img *image.RGBA, box layout.Rect, s float64, rng *rand.Rand) {
	pen := color.RGBA{20, 30, 110, 255}
	step := box.W / 6
	for c := -box.H + step/2; c < box.W; c += step {
		j := (rng.Float64() - 0.5) * step * 0.3
		for _, d := range []float64{-0.5, 0, 0.5} {
			// The line x - y = c (box coordinates), clipped to the box,
			// and its mirror image.
			y0, y1 := max(0, -(c+j+d)), min(box.H, box.W-(c+j+d))
			if y1 <= y0 {
				continue
			}
			x0, x1 := c+j+d+y0, c+j+d+y1
			line(img, box.X+x0, box.Y+y0, box.X+x1, box.Y+y1, s, pen)
			line(img, box.X1()-x0, box.Y+y0, box.X1()-x1, box.Y+y1, s, pen)
		}
	}
}

// tear removes the page's corner below a ragged line that runs from just
// under the table's last row (whose writing stays whole) down across the
// code box, taking most of the code and the corner mark: what is left
// shows the scanner's lid.
func tear(img *image.RGBA, box layout.Rect, s float64, rng *rand.Rand) {
	b := img.Bounds()
	ax, ay := (box.X1()+2)*s, (box.Y-3)*s
	bx, by := (box.X+box.W*(0.05+0.25*rng.Float64()))*s, (box.Y+box.H*(0.25+0.25*rng.Float64()))*s
	length := math.Hypot(ax-bx, by-ay)
	sign := 1.0
	if (float64(b.Max.X)-ax)*(by-ay)-(float64(b.Max.Y)-ay)*(bx-ax) < 0 {
		sign = -1 // the bottom-right corner is the side torn off
	}
	phase := rng.Float64() * 10
	lid := color.RGBA{238, 238, 236, 255}
	for y := 0; y < b.Max.Y; y++ {
		for x := 0; x < b.Max.X; x++ {
			// The signed distance beyond the line, against a ragged edge
			// of about a point.
			d := sign * ((float64(x)-ax)*(by-ay) - (float64(y)-ay)*(bx-ax)) / length
			if d < s*math.Sin(phase+float64(x+y)/(3*s)) {
				continue
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = lid.R, lid.G, lid.B, 255
		}
	}
}
