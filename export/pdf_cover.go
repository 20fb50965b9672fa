package export

import (
	"fmt"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Cover letter geometry. The recipient's address sits where the windows
// of DL and C5 window envelopes are (DIN 5008 form B on A4: 25 mm from
// the left, about 50 mm from the top; the same spot suits US #10 window
// envelopes on Letter), so the letter folded in three shows it.
const (
	addressX    = 25 * layout.MMToPt
	returnLineY = 45 * layout.MMToPt
	addressY    = 50 * layout.MMToPt
	addressW    = 85 * layout.MMToPt
	dateY       = 97 * layout.MMToPt
	bodyY       = 105 * layout.MMToPt
)

// coverSizes are the body sizes tried before the letter takes two pages.
var coverSizes = []float64{10.5, 10, 9.5, 9, 8.5}

// coverText is the letter to one target: salutation, letter, demands, the
// count of signatures and the closing.
func coverItems(p *petition.Petition, t petition.Target, tot petition.Totals, mode petition.AddressMode) []blockItem {
	items := []blockItem{{family: fontBold, scale: 1.1, text: p.Title + refSuffix(p)}}
	if t.Salutation != "" {
		items = append(items, blockItem{family: fontRegular, scale: 1, space: 0.8, text: t.Salutation})
	}
	items = append(items, blockItem{family: fontRegular, scale: 1, space: 0.5, text: p.Letter})
	for i, dm := range p.Demands {
		sp := 0.0
		if i == 0 {
			sp = 0.4
		}
		items = append(items, blockItem{family: fontRegular, scale: 1, indent: 14, bullet: true, space: sp, text: dm})
	}
	return append(items,
		blockItem{family: fontBold, scale: 1, space: 0.8, text: countSentence(tot)},
		blockItem{family: fontRegular, scale: 1, space: 0.4, text: listedSentence(mode)},
		blockItem{family: fontRegular, scale: 1, space: 0.8, text: "Yours sincerely,"},
		blockItem{family: fontRegular, scale: 1, space: 0.3, text: p.Organisation},
	)
}

// countSentence is the line the recipient counts on.
func countSentence(t petition.Totals) string {
	return fmt.Sprintf("This petition carries %s: %d collected in person, %d on paper sheets.",
		plural(t.Valid(), "signature", "signatures"), t.Digital, t.Paper)
}

// listedSentence tells the recipient what the sheets give of each signer,
// so a missing street reads as the petition's choice, not an omission.
func listedSentence(mode petition.AddressMode) string {
	switch mode {
	case petition.AddressFull:
		return "The signature sheets give each signer's name and postal address."
	case petition.AddressPostcodeTown:
		return "The signature sheets give each signer's name, postcode, town and country."
	}
	return "The signature sheets give each signer's name, town and country."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// planCover lays the letter out, shrinking it to fit one page if it can;
// it returns the lines of each cover page.
func (d *doc) planCover(items []blockItem) [][]textLine {
	c := layout.Content(d.paper)
	avail := layout.FooterBox(d.paper).Y - 10 - bodyY
	var lines []textLine
	for _, s := range coverSizes {
		var h float64
		if lines, h = d.layoutBlock(items, c.W, s); h <= avail {
			return [][]textLine{lines}
		}
	}
	return splitLines(lines, avail)
}

// drawCover draws one target's cover letter pages; first is the page
// number of its first page within the target's part.
func (d *doc) drawCover(p *petition.Petition, t petition.Target, pages [][]textLine, date string, first, total int) {
	c := layout.Content(d.paper)
	for i, lines := range pages {
		d.addPage()
		if i == 0 {
			d.senderBlock(p, c)
			d.addressBlock(t)
			d.setFont(fontRegular, 10)
			d.text(c.X, dateY, c.W, date, right)
		}
		d.drawLines(lines, c.X, bodyY)
		d.packFooter(p, "", first+i, total)
	}
}

func (d *doc) senderBlock(p *petition.Petition, c layout.Rect) {
	d.fitText(c.X, c.Y, c.W, p.Organisation, fontBold, 12, 8, left)
	d.setFont(fontRegular, 8.5)
	for i, l := range p.SenderAddress {
		if i == 0 && l == p.Organisation {
			continue
		}
		d.text(c.X, c.Y+16+float64(i)*10.5, c.W, l, left)
	}
	// The one-line return address just above the window, in small type.
	d.pdf.SetTextColor(90, 90, 90)
	d.fitText(addressX, returnLineY, addressW, strings.Join(senderLines(p), " · "), fontRegular, 7, 5, left)
	d.line(addressX, returnLineY+9, addressX+addressW, returnLineY+9, 160, 0.4)
	d.pdf.SetTextColor(0, 0, 0)
}

func senderLines(p *petition.Petition) []string {
	if len(p.SenderAddress) == 0 {
		return []string{p.Organisation}
	}
	if p.SenderAddress[0] == p.Organisation {
		return p.SenderAddress
	}
	return append([]string{p.Organisation}, p.SenderAddress...)
}

func recipientLines(t petition.Target) []string {
	lines := []string{t.Name}
	if t.Title != "" {
		lines = append(lines, t.Title)
	}
	return append(lines, t.Address...)
}

func (d *doc) addressBlock(t petition.Target) {
	for i, l := range recipientLines(t) {
		d.fitText(addressX, addressY+float64(i)*13, addressW, l, fontRegular, 10.5, 7, left)
	}
}

// packFooter writes the title and "page x of y" at the foot of a pack
// page; extra (e.g. "Sheet 3 of 12") goes on the second line.
func (d *doc) packFooter(p *petition.Petition, extra string, page, total int) {
	f := layout.FooterBox(d.paper)
	c := layout.Content(d.paper)
	y := f.Y + f.H - 20
	d.line(c.X, y-4, c.X1(), y-4, 190, 0.4)
	d.pdf.SetTextColor(70, 70, 70)
	d.fitText(c.X, y, c.W*0.75, p.Title+refSuffix(p)+" · "+p.Organisation, fontRegular, 7.5, 5, left)
	d.setFont(fontRegular, 7.5)
	d.text(c.X, y, c.W, fmt.Sprintf("page %d of %d", page, total), right)
	if extra != "" {
		d.text(c.X, y+10, c.W, extra, right)
	}
	d.pdf.SetTextColor(0, 0, 0)
}

// C5 envelope, landscape: 229 × 162 mm.
var c5 = gopdf.Rect{W: 229 * layout.MMToPt, H: 162 * layout.MMToPt}

// drawEnvelope adds a C5 envelope page for the target: the return address
// top left, the recipient in the lower right quarter, where post offices
// look for it. Print it on an envelope, or cut it out as a label.
func (d *doc) drawEnvelope(p *petition.Petition, t petition.Target) {
	d.pdf.AddPageWithOption(gopdf.PageOption{PageSize: &c5})
	d.font, d.size = "", 0
	m := 15 * layout.MMToPt
	d.pdf.SetTextColor(60, 60, 60)
	for i, l := range senderLines(p) {
		d.fitText(m, m+float64(i)*10, 90*layout.MMToPt, l, fontRegular, 8, 6, left)
	}
	d.pdf.SetTextColor(0, 0, 0)
	x, y := 115*layout.MMToPt, 85*layout.MMToPt
	for i, l := range recipientLines(t) {
		fam := fontRegular
		if i == 0 {
			fam = fontBold
		}
		d.fitText(x, y+float64(i)*15, c5.W-x-m, l, fam, 12, 8, left)
	}
}
