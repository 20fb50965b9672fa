package layout

import (
	"fmt"
	"strings"
)

// MMToPt converts millimetres to points.
const MMToPt = 72 / 25.4

// Paper is a supported paper size.
type Paper int

// The supported paper sizes. A4 is the default.
const (
	A4 Paper = iota
	Letter
)

// Papers lists the paper sizes, for choosers.
var Papers = []Paper{A4, Letter}

// String returns "a4" or "letter", as the command line spells them.
func (p Paper) String() string {
	if p == Letter {
		return "letter"
	}
	return "a4"
}

// ParsePaper reads "a4" or "letter" (also "us", "usletter"), any case.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "a4", "":
		return A4, nil
	case "letter", "us", "usletter", "us-letter":
		return Letter, nil
	}
	return A4, fmt.Errorf("paper must be a4 or letter, not %q", s)
}

// Size returns the page width and height in points (portrait).
func (p Paper) Size() (w, h float64) {
	if p == Letter {
		return 612, 792 // 8.5 × 11 in
	}
	return 595.28, 841.89 // 210 × 297 mm
}

// RowHeight is the height of one signature row: 7.4 mm on A4, 7.1 mm on
// US Letter (shorter paper, same 27 rows on a rows page).
func (p Paper) RowHeight() float64 {
	if p == Letter {
		return 20
	}
	return 21
}

// Rect is an axis-aligned box in points, top-left origin.
type Rect struct{ X, Y, W, H float64 }

// X1 is the right edge.
func (r Rect) X1() float64 { return r.X + r.W }

// Y1 is the bottom edge.
func (r Rect) Y1() float64 { return r.Y + r.H }

// CenterX is the horizontal centre.
func (r Rect) CenterX() float64 { return r.X + r.W/2 }

// CenterY is the vertical centre.
func (r Rect) CenterY() float64 { return r.Y + r.H/2 }

// Fixed distances, in points. Marks sit 6.35 mm in from the edges, clear
// of the unprintable border of ordinary printers (about 4-5 mm).
const (
	MarkInset   = 18  // page edge to the outer edge of a mark
	MarkSize    = 24  // side of a solid black alignment mark (8.5 mm)
	Margin      = 48  // page edge to the content (inside the marks)
	QRSize      = 72  // side of the QR box (1 inch), quiet zone included
	FooterGap   = 4   // space between the table and the footer box
	LabelHeight = 18  // the label row above the numbered rows
	NumberWidth = 22  // the row-number column
	HeaderH     = 56  // header box of a rows page (title and demands)
	HeaderGap   = 4   // space between header box and label row
	LineWidth   = 0.6 // grid lines, printed light grey (GridGrey)
	GridGrey    = 150 // grey level of the grid lines, 0 black .. 255 white
)

// Marks returns the four solid square alignment marks, in the order
// top-left, top-right, bottom-left, bottom-right. The QR code sits just
// inside the bottom-right mark, which tells an upside-down scan apart.
func Marks(p Paper) [4]Rect {
	w, h := p.Size()
	lo, hiX, hiY := float64(MarkInset), w-MarkInset-MarkSize, h-MarkInset-MarkSize
	return [4]Rect{
		{lo, lo, MarkSize, MarkSize}, {hiX, lo, MarkSize, MarkSize},
		{lo, hiY, MarkSize, MarkSize}, {hiX, hiY, MarkSize, MarkSize},
	}
}

// QRBox is where the QR code is printed: bottom right, inside the margin.
// The symbol fills the box including a 4-module white quiet zone; the
// payload (see Payload) is at most 40 alphanumeric characters, so the
// symbol is version 2 or 3 and a module is at least 1.9 pt (4 px at 150
// dpi).
func QRBox(p Paper) Rect {
	w, h := p.Size()
	return Rect{w - Margin - QRSize, h - Margin - QRSize, QRSize, QRSize}
}

// SpareQRSize is the side of the second, smaller QR code of a blank sheet
// (quiet zone included). It carries the same payload at error-correction
// level H, so a pen line across the main code or a torn corner loses
// nothing.
const SpareQRSize = 60

// SpareQRBox is where blank sheets print the second QR code: bottom left,
// inside the margin, its bottom on the main code's bottom, so a page torn
// or scribbled at one corner keeps the other. (Pages of the pack carry
// only the main code.)
func SpareQRBox(p Paper) Rect {
	_, h := p.Size()
	return Rect{Margin, h - Margin - SpareQRSize, SpareQRSize, SpareQRSize}
}

// BlankFooterBox is the footer of a blank sheet: FooterBox less the spare
// QR code at its left.
func BlankFooterBox(p Paper) Rect {
	f, s := FooterBox(p), SpareQRBox(p)
	d := s.X1() + 6 - f.X
	return Rect{f.X + d, f.Y, f.W - d, f.H}
}

// SheetNumberBox is where blank sheets print the sheet number in large
// digits: centred in the bottom margin, between the lower alignment
// marks, for a person to read when both codes are damaged.
func SheetNumberBox(p Paper) Rect {
	w, h := p.Size()
	return Rect{w/2 - 120, h - Margin + 2, 240, 24}
}

// Content is the area inside the margins where text and table go.
func Content(p Paper) Rect {
	w, h := p.Size()
	return Rect{Margin, Margin, w - 2*Margin, h - 2*Margin}
}

// FooterBox holds the deadline, the return address and the privacy
// notice on blank sheets (and the page number in the pack), left of the QR.
func FooterBox(p Paper) Rect {
	c, q := Content(p), QRBox(p)
	return Rect{c.X, q.Y, q.X - 8 - c.X, QRSize}
}

// TableBottom is the y where the last row of every table ends: tables are
// anchored at the bottom so their position depends only on the row count.
func TableBottom(p Paper) float64 { return QRBox(p).Y - FooterGap }

// HeaderBox is the box above the table on a rows page (kind R), holding
// the petition's title and demands.
func HeaderBox(p Paper) Rect {
	c := Content(p)
	return Rect{c.X, c.Y, c.W, HeaderH}
}

// MaxRows is the most rows a page can hold: a rows page fills the space
// under its header box. 28 on A4, 27 on US Letter.
func MaxRows(p Paper) int {
	top := HeaderBox(p).Y1() + HeaderGap + LabelHeight
	return int((TableBottom(p) - top) / p.RowHeight())
}
