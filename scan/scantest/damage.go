package scantest

import (
	"image"
	"image/color"
	"math/rand/v2"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Damage is harm done to a sheet's identity on its way back: a pen line
// across a QR code, a corner torn off.
type Damage int

// Kinds of damage. TornCorner takes the bottom-right corner with the
// main QR code and its alignment mark; BothCodes draws a pen line across
// each code.
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
		penAcross(img, layout.QRBox(paper), p.DPI/72, rng)
		penAcross(img, layout.SpareQRBox(paper), p.DPI/72, rng)
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

// tear removes the page's corner beyond a ragged diagonal through the
// code box: what is left shows the scanner's lid.
func tear(img *image.RGBA, box layout.Rect, s float64, rng *rand.Rand) {
	b := img.Bounds()
	// The tear runs from the right edge above the box to the bottom edge
	// left of its middle.
	ax, ay := float64(b.Max.X), (box.Y-6-10*rng.Float64())*s
	bx, by := (box.X+box.W*(0.2+0.3*rng.Float64()))*s, float64(b.Max.Y)
	lid := color.RGBA{238, 238, 236, 255}
	for y := int(ay); y < b.Max.Y; y++ {
		for x := int(bx); x < b.Max.X; x++ {
			// Beyond the line from a to b, with a ragged edge.
			side := (float64(x)-ax)*(by-ay) - (float64(y)-ay)*(bx-ax)
			if side < float64(rng.IntN(3))*s*(by-ay) {
				continue
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = lid.R, lid.G, lid.B, 255
		}
	}
}
