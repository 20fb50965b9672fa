// Package scantest makes synthetic scans of filled signature sheets for
// the scanner's tests and benchmarks: a blank sheet drawn from the real
// sheet geometry of petition/layout (marks, QR code, grid, printed text
// stand-ins), handwriting strokes in chosen rows, then the scanner's or
// phone's distortions — rotation, upside down, slight perspective, 150 to
// 600 dpi, uneven light, noise and JPEG compression. Every page knows its
// true count.
package scantest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Fill is what a row holds.
type Fill int

// Row fillings. Crossed rows hold a name and a signature struck through
// by a line across the row: they do not count.
const (
	Blank Fill = iota
	Full
	NameOnly
	SignatureOnly
	Crossed
)

// Counts reports whether a row with this filling counts as a signature.
func (f Fill) Counts() bool { return f == Full || f == NameOnly || f == SignatureOnly }

// Page describes one synthetic scan.
type Page struct {
	Payload     layout.Payload
	Rows        []Fill  // one per row on the page (len Payload.N); missing rows are blank
	DPI         float64 // resolution of the scan
	Angle       float64 // clockwise rotation in degrees: within ±5, or about ±90 for a photo taken sideways
	UpsideDown  bool
	Perspective float64 // 0 for a scanner; about 0.02 for a phone photo
	// Keystone is a photo taken at an angle from below: the top edge is
	// shorter than the bottom one by this share (0.15 for 15 %).
	Keystone float64
	// Pencil, when set, is the grey level of every row's writing (a light
	// pencil is 160-200, lighter than the printed grid).
	Pencil uint8
	// Spill writes over the row lines into blank rows below: long
	// descenders reaching 30-60 % into the next row, and signatures
	// written across the line, most of them in their own row.
	Spill   bool
	Margin  float64 // extra dark border around the page, as a share of its width (phone photo)
	Light   float64 // 0..0.5: how much darker the dimmest corner is
	Noise   float64 // standard deviation of the sensor noise, in grey levels
	Quality int     // JPEG quality; 0 means 85
	Damage  Damage  // a pen line across a QR code, a torn corner
	Seed    uint64
}

// Truth is the number of rows that count, among the rows the page has:
// a letter page has only a few under the letter, and fills past them are
// never drawn (counting them made a right count of 0 look like a silent
// miscount).
func (p Page) Truth() int {
	n := 0
	for _, f := range p.Rows[:min(len(p.Rows), p.Payload.N)] {
		if f.Counts() {
			n++
		}
	}
	return n
}

// JPEG renders the page and encodes it as a colour JPEG.
func (p Page) JPEG() []byte { return p.Encode(p.Render()) }

// Render draws the sheet upright at the page's resolution, then maps it
// through the distortions into the scan.
func (p Page) Render() *image.RGBA {
	rng := rand.New(rand.NewPCG(p.Seed, 0x5ca9))
	return p.RenderOn(BlankPage(p.Payload, p.DPI/72, rng))
}

// RenderOn writes the rows into a given upright blank page at p.DPI (for
// instance the real blank-sheet PDF rasterised by pdftoppm), then
// distorts it into the scan. The blank image is drawn on.
func (p Page) RenderOn(upright *image.RGBA) *image.RGBA {
	rng := rand.New(rand.NewPCG(p.Seed, 0x1a2b))
	for i, f := range p.Rows {
		spill := p.Spill && i+1 < len(p.Rows) && p.Rows[i+1] == Blank
		drawFill(upright, p.Payload, i, f, p.DPI/72, p.Pencil, spill, rng)
	}
	p.damage(upright, rng)
	return p.distort(upright, rng)
}

// Encode writes an image as a JPEG at the page's quality.
func (p Page) Encode(img image.Image) []byte {
	q := p.Quality
	if q == 0 {
		q = 85
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		panic(err) // encoding an in-memory image does not fail
	}
	return buf.Bytes()
}

// BlankPage draws an empty sheet page as printed, at s pixels per point.
func BlankPage(pl layout.Payload, s float64, rng *rand.Rand) *image.RGBA {
	w, h := pl.Paper.Size()
	img := image.NewRGBA(image.Rect(0, 0, int(w*s), int(h*s)))
	fillRect(img, img.Bounds(), color.RGBA{250, 250, 246, 255})
	for _, m := range layout.Marks(pl.Paper) {
		fillPt(img, m, s, 0)
	}
	drawQR(img, pl, s)
	drawSpare(img, pl, s, rng)
	drawText(img, layout.BlankFooterBox(pl.Paper), s, 7, rng)
	tb, err := layout.Rows(pl.Paper, pl.Kind, pl.First, pl.N)
	if err != nil {
		panic(err)
	}
	top := layout.Content(pl.Paper)
	if pl.Kind == layout.KindRows {
		drawText(img, layout.HeaderBox(pl.Paper), s, 10, rng)
	} else {
		top.H = tb.Label.Y - top.Y - 8
		drawText(img, top, s, 10, rng)
	}
	drawTable(img, tb, s, rng)
	return img
}

func drawQR(img *image.RGBA, pl layout.Payload, s float64) {
	text, err := pl.Encode()
	if err != nil {
		panic(err)
	}
	drawQRText(img, text, pl.Paper, s)
}

// drawQRText draws text as a QR code filling the layout's QR box, quiet
// zone included, as the PDF export does.
func drawQRText(img *image.RGBA, text string, paper layout.Paper, s float64) {
	drawCode(img, text, layout.QRBox(paper), qrcode.Medium, s)
}

// drawTable draws the grid (light grey, as printed), the label row's text
// and the row numbers.
func drawTable(img *image.RGBA, tb layout.Table, s float64, rng *rand.Rand) {
	if len(tb.Rows) == 0 {
		return
	}
	b := tb.Bounds()
	g := uint8(layout.GridGrey)
	lw := layout.LineWidth
	ys := []float64{tb.Label.Y, tb.Label.Y1()}
	for _, r := range tb.Rows {
		ys = append(ys, r.Y1)
	}
	for _, y := range ys {
		fillPt(img, layout.Rect{X: b.X, Y: y - lw/2, W: b.W, H: lw}, s, g)
	}
	for _, x := range []float64{tb.Number.X0, tb.Name.X0, tb.Address.X0, tb.Signature.X0, tb.Signature.X1} {
		fillPt(img, layout.Rect{X: x - lw/2, Y: b.Y, W: lw, H: b.H}, s, g)
	}
	for _, c := range []layout.Column{tb.Name, tb.Address, tb.Signature} {
		drawText(img, layout.Rect{X: c.X0 + 3, Y: tb.Label.Y + 4, W: c.W() * 0.5, H: 10}, s, 8, rng)
	}
	for _, r := range tb.Rows {
		digits := 1 + int(math.Log10(float64(r.Number)))
		drawText(img, layout.Rect{X: tb.Number.X0 + 4, Y: r.Y0 + 6, W: float64(digits) * 5, H: 9}, s, 8, rng)
	}
}

// drawText fills a box with lines of dark glyph-like marks standing in for
// printed text: thin vertical and horizontal strokes in word groups.
func drawText(img *image.RGBA, box layout.Rect, s, size float64, rng *rand.Rand) {
	lead := size * 1.35
	for y := box.Y; y+size <= box.Y1(); y += lead {
		x := box.X
		for x < box.X1()-size {
			word := size * (1 + 3*rng.Float64())
			for gx := x; gx < min(x+word, box.X1()); gx += size * 0.55 {
				hgt := size * 0.7
				if rng.IntN(4) == 0 {
					hgt = size
				}
				fillPt(img, layout.Rect{X: gx, Y: y + size - hgt, W: size * 0.09, H: hgt}, s, 20)
				fillPt(img, layout.Rect{X: gx, Y: y + size*0.3 + size*0.4*rng.Float64(), W: size * 0.4, H: size * 0.08}, s, 20)
			}
			x += word + size*0.4
		}
	}
}

func fillPt(img *image.RGBA, r layout.Rect, s float64, grey uint8) {
	rect := image.Rect(int(math.Round(r.X*s)), int(math.Round(r.Y*s)), int(math.Round(r.X1()*s)), int(math.Round(r.Y1()*s)))
	if rect.Dx() == 0 {
		rect.Max.X++
	}
	if rect.Dy() == 0 {
		rect.Max.Y++
	}
	fillRect(img, rect, color.RGBA{grey, grey, grey, 255})
}

func fillRect(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, 255
		}
	}
}

// PageWithQR is a blank A4 page at dpi with an arbitrary QR code where a
// sheet's QR code would be: for the "unrelated QR code" case.
func PageWithQR(text string, dpi float64) *image.RGBA {
	s := dpi / 72
	w, h := layout.A4.Size()
	img := image.NewRGBA(image.Rect(0, 0, int(w*s), int(h*s)))
	fillRect(img, img.Bounds(), color.RGBA{250, 250, 250, 255})
	drawQRText(img, text, layout.A4, s)
	return img
}
