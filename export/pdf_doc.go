package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/assets"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Font families registered in every document.
const (
	fontRegular = "go"
	fontBold    = "go-bold"
	fontItalic  = "go-italic"
)

// doc wraps a gopdf document with the few drawing helpers the pack and the
// blank sheets share. All coordinates are points, top-left origin, as in
// package layout.
type doc struct {
	pdf   *gopdf.GoPdf
	paper layout.Paper
	w, h  float64
	font  string
	size  float64
	err   error // first drawing error; later calls are no-ops
}

func newDoc(paper layout.Paper, info gopdf.PdfInfo) (*doc, error) {
	w, h := paper.Size()
	d := &doc{pdf: &gopdf.GoPdf{}, paper: paper, w: w, h: h}
	d.pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: w, H: h}})
	d.pdf.SetCompressLevel(1) // BestSpeed: signatures make most of the content, and level 6 took three times as long for a file 15% smaller
	for _, f := range []struct {
		name string
		ttf  []byte
	}{{fontRegular, assets.FontRegular}, {fontBold, assets.FontBold}, {fontItalic, assets.FontItalic}} {
		if err := d.pdf.AddTTFFontData(f.name, f.ttf); err != nil {
			return nil, fmt.Errorf("loading the PDF font: %w", err)
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
	d.font, d.size = "", 0 // gopdf forgets nothing, but be explicit per page
}

// setFont switches font only when it changes, to keep the content small.
func (d *doc) setFont(family string, size float64) {
	if d.err != nil || (family == d.font && size == d.size) {
		return
	}
	if err := d.pdf.SetFont(family, "", size); err != nil {
		d.err = err
		return
	}
	d.font, d.size = family, size
}

// width measures text in the current font.
func (d *doc) width(s string) float64 {
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
