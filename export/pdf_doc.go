package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// doc wraps a gopdf document with the few drawing helpers the pack and the
// blank sheets share. All coordinates are points, top-left origin, as in
// package layout.
type doc struct {
	pdf   *gopdf.GoPdf
	paper layout.Paper
	w, h  float64
	font  string  // the style asked for (fontRegular, fontBold, fontItalic)
	size  float64 // points
	err   error   // first drawing error; later calls are no-ops

	shaper  *shaper         // for text the Go fonts cannot draw alone
	loaded  map[string]bool // fonts registered with gopdf
	pdfFont string          // the font gopdf has set, and its size
	pdfSize float64

	partLabel string // "Part 2 of 12" before "page x of y", in a split pack
}

func newDoc(paper layout.Paper, info gopdf.PdfInfo) (*doc, error) {
	w, h := paper.Size()
	sh, err := newShaper()
	if err != nil {
		return nil, err
	}
	d := &doc{pdf: &gopdf.GoPdf{}, paper: paper, w: w, h: h, shaper: sh, loaded: map[string]bool{}}
	d.pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: w, H: h}})
	d.pdf.SetCompressLevel(1) // BestSpeed: signatures make most of the content, and level 6 took three times as long for a file 15% smaller
	for _, f := range []fontFile{fileGo, fileGoBold, fileGoItalic} {
		if d.useFont(f.name); d.err != nil {
			return nil, d.err
		}
	}
	d.pdf.SetInfo(info)
	return d, nil
}

// writeTo streams the finished document through a buffer: gopdf's WriteTo
// writes object by object, where WritePdf would build the file in memory.
func (d *doc) writeTo(w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if _, err := d.pdf.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}

func (d *doc) addPage() {
	d.pdf.AddPage()
	d.pdfFont, d.pdfSize = "", 0 // gopdf forgets nothing, but be explicit per page
}

// useFont registers an embedded font with gopdf the first time a document
// needs it, so a document embeds only the fonts it draws with.
func (d *doc) useFont(name string) {
	if d.loaded[name] || d.err != nil {
		return
	}
	for _, f := range allFontFiles {
		if f.name == name {
			if err := d.pdf.AddTTFFontData(f.name, f.data); err != nil {
				d.fail(fmt.Errorf("loading the PDF font %s: %w", name, err))
				return
			}
			d.loaded[name] = true
			return
		}
	}
	d.fail(fmt.Errorf("no PDF font %q", name))
}

// setFont chooses the style and size of the text that follows.
func (d *doc) setFont(family string, size float64) {
	d.font, d.size = family, size
	d.setPDFFont(family, size)
}

// setPDFFont switches gopdf's font only when it changes, to keep the
// content small.
func (d *doc) setPDFFont(name string, size float64) {
	if d.err != nil || (name == d.pdfFont && size == d.pdfSize) {
		return
	}
	d.useFont(name)
	if err := d.pdf.SetFont(name, "", size); err != nil {
		d.fail(err)
		return
	}
	d.pdfFont, d.pdfSize = name, size
}

// width measures text in the current style.
func (d *doc) width(s string) float64 {
	if !d.shaper.plain(s, d.font) {
		return d.shaper.shape(s, d.font, d.size).width
	}
	d.setPDFFont(d.font, d.size)
	w, err := d.pdf.MeasureTextWidth(s)
	if err != nil {
		d.fail(err)
	}
	return w
}

func (d *doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// text writes one line with its top at y, aligned in the box [x, x+w].
func (d *doc) text(x, y, w float64, s string, align int) {
	if d.err != nil || s == "" {
		return
	}
	d.setPDFFont(d.font, d.size)
	if !d.shaper.plain(s, d.font) {
		// The baseline where Cell puts the Go font's, so that a line
		// mixing both reads as one.
		base := y + d.pdf.TypoAscender()
		l := d.shaper.shape(s, d.font, d.size)
		switch {
		case align&right != 0:
			x += w - l.width
		case align&center != 0:
			x += (w - l.width) / 2
		}
		d.drawShaped(l, x, base)
		return
	}
	d.pdf.SetXY(x, y)
	d.fail(d.pdf.CellWithOption(&gopdf.Rect{W: w, H: d.size * 1.2}, s, gopdf.CellOption{Align: align | gopdf.Top}))
}

// fitText writes s on one line in the box, shrinking the font down to min
// and cutting the text with an ellipsis if even that is too wide.
func (d *doc) fitText(x, y, w float64, s, family string, size, min float64, align int) {
	d.setFont(family, size)
	for d.width(s) > w && size > min {
		size = max(min, size-0.5)
		d.setFont(family, size)
	}
	if d.width(s) > w {
		r := []rune(s)
		for len(r) > 1 && d.width(string(r)+"…") > w {
			r = r[:len(r)-1]
		}
		s = string(r) + "…"
	}
	d.text(x, y, w, s, align)
}

// wrap breaks text into lines no wider than w in the given font; blank
// lines in the text are kept as paragraph breaks ("").
func (d *doc) wrap(text, family string, size, w float64) []string {
	d.setFont(family, size)
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			out = append(out, "")
			continue
		}
		if !d.shaper.plain(para, family) {
			out = append(out, d.wrapShaped(para, w)...)
			continue
		}
		lines, err := d.pdf.SplitTextWithWordWrap(para, w)
		if err != nil {
			d.fail(err)
			return nil
		}
		out = append(out, lines...)
	}
	return out
}

// rect fills a box with the current fill colour.
func (d *doc) fillRect(r layout.Rect, grey uint8) {
	d.pdf.SetFillColor(grey, grey, grey)
	d.pdf.RectFromUpperLeftWithStyle(r.X, r.Y, r.W, r.H, "F")
}

// line draws a straight line in the given grey and width.
func (d *doc) line(x0, y0, x1, y1 float64, grey uint8, width float64) {
	d.pdf.SetStrokeColor(grey, grey, grey)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x0, y0, x1, y1)
}

// Alignment shorthands.
const (
	left   = gopdf.Left
	right  = gopdf.Right
	center = gopdf.Center
)
