package export

import (
	"strconv"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// sheetPlan is how every sheet of a document is paginated: computed once
// from the petition's text, then used for each sheet.
type sheetPlan struct {
	pages  []layout.PageRows // one entry per page of a sheet
	letter [][]textLine      // lines of each letter page
	header []textLine        // lines of the header box on rows pages
	lab    labels
}

// Body sizes tried for the letter, largest first; below 7 pt a letter is
// hard to read, so it flows onto a second page instead.
var letterSizes = []float64{10, 9.5, 9, 8.5, 8, 7.5, 7}

const letterGap = 10 // between the letter and the table under it

// planSheet fits the letter above RowsFirstPage rows, shrinking its font;
// if it does not fit even at 7 pt, page 1 gets no rows, and a letter too
// long for one page flows over several. Whatever is chosen travels in the
// QR payload (page kind, first row, row count), so the scanner never needs
// the letter.
func (d *doc) planSheet(p *petition.Petition, targets []petition.Target) sheetPlan {
	c := layout.Content(d.paper)
	items := letterItems(p, targets)
	perSheet := max(p.RowsPerSheet, 1)
	plan := sheetPlan{lab: newLabels(p.Languages), header: d.fitHeader(headerItems(p, targets))}
	for _, under := range []int{min(p.RowsFirstPage, perSheet), 0} {
		avail := layout.TableTop(d.paper, under) - letterGap - c.Y
		for _, s := range letterSizes {
			if lines, h := d.layoutBlock(items, c.W, s); h <= avail {
				plan.letter = [][]textLine{lines}
				plan.pages = layout.SplitSheet(d.paper, 1, under, perSheet)
				return plan
			}
		}
	}
	lines, _ := d.layoutBlock(items, c.W, 9)
	plan.letter = splitLines(lines, layout.TableBottom(d.paper)-c.Y)
	plan.pages = layout.SplitSheet(d.paper, len(plan.letter), 0, perSheet)
	return plan
}

// fitHeader shrinks the rows-page header until it fits its box, and cuts
// it (with an ellipsis) if even 5 pt is too big.
func (d *doc) fitHeader(items []blockItem) []textLine {
	box := layout.HeaderBox(d.paper)
	var lines []textLine
	for s := 7.5; s >= 5; s -= 0.5 {
		var h float64
		if lines, h = d.layoutBlock(items, box.W, s); h <= box.H {
			return lines
		}
	}
	for len(lines) > 0 && lines[len(lines)-1].y+lines[len(lines)-1].size*1.25 > box.H {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 {
		lines[n-1].text += " …"
	}
	return lines
}

// drawPageText draws what stands above the table: the letter on a letter
// page (letterIdx counts letter pages), the header box on a rows page.
func (d *doc) drawPageText(plan *sheetPlan, pr layout.PageRows, letterIdx int) {
	c := layout.Content(d.paper)
	if pr.Kind == layout.KindLetter {
		d.drawLines(plan.letter[min(letterIdx, len(plan.letter)-1)], c.X, c.Y)
		return
	}
	d.drawLines(plan.header, c.X, c.Y)
}

// drawTable draws the label row, the light grey grid and the row numbers;
// offset is added to the sheet's own row numbers (the pack numbers its
// rows across sheets).
func (d *doc) drawTable(t layout.Table, lab labels, offset int) {
	if len(t.Rows) == 0 {
		return
	}
	d.fillRect(t.Label, 238)
	d.pdf.SetTextColor(60, 60, 60)
	ly := t.Label.Y + (layout.LabelHeight-7.5*1.2)/2
	for _, col := range []struct {
		c layout.Column
		s string
	}{{t.Name, lab.name()}, {t.Address, lab.address()}, {t.Signature, lab.signature()}} {
		d.fitText(col.c.X0+3, ly, col.c.W()-6, col.s, fontBold, 7.5, 5.5, left)
	}
	b := t.Bounds()
	g, lw := uint8(layout.GridGrey), float64(layout.LineWidth)
	d.line(b.X, b.Y, b.X1(), b.Y, g, lw)
	d.line(b.X, t.Label.Y1(), b.X1(), t.Label.Y1(), g, lw)
	for _, r := range t.Rows {
		d.line(b.X, r.Y1, b.X1(), r.Y1, g, lw)
	}
	for _, x := range []float64{t.Number.X0, t.Name.X0, t.Address.X0, t.Signature.X0, t.Signature.X1} {
		d.line(x, b.Y, x, b.Y1(), g, lw)
	}
	d.pdf.SetTextColor(90, 90, 90)
	for _, r := range t.Rows {
		d.fitText(t.Number.X0+1, r.Y0+(r.Y1-r.Y0-9.6)/2, t.Number.W()-3, strconv.Itoa(r.Number+offset)+".", fontRegular, 8, 5, right)
	}
	d.pdf.SetTextColor(0, 0, 0)
}

// fillRow writes one signer's name and address as the recipient may see
// them (see petition.ForRecipient), and queues the drawing of the
// signature.
func (d *doc) fillRow(t layout.Table, r layout.Row, row petition.Printed, strokes []petition.Stroke, sigs *sigLayer) {
	h := r.Y1 - r.Y0
	d.fitText(t.Name.X0+3, r.Y0+(h-10.8)/2, t.Name.W()-6, row.Name, fontRegular, 9, 6, left)
	if row.Line1 == "" { // one line, centred in the cell
		d.fitText(t.Address.X0+3, r.Y0+(h-8.4)/2, t.Address.W()-6, row.Line2, fontRegular, 7, 5, left)
	} else {
		top := r.Y0 + (h-2*8.4)/2
		d.fitText(t.Address.X0+3, top, t.Address.W()-6, row.Line1, fontRegular, 7, 5, left)
		d.fitText(t.Address.X0+3, top+8.4, t.Address.W()-6, row.Line2, fontRegular, 7, 5, left)
	}
	cell := layout.Rect{X: t.Signature.X0 + 4, Y: r.Y0 + 1.5, W: t.Signature.W() - 8, H: h - 3}
	sigs.add(strokes, cell)
}

// drawMarks draws the four solid alignment marks.
func (d *doc) drawMarks() {
	for _, m := range layout.Marks(d.paper) {
		d.fillRect(m, 0)
	}
}
