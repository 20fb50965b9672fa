package export

import (
	"fmt"
	"strconv"
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

// coverFacts is what the cover letter to one target says besides the
// petition's own text: counts, enclosures, and who else gets a copy.
type coverFacts struct {
	tot         petition.Totals
	mode        petition.AddressMode
	sheets      int // digital signature sheets enclosed
	scanPages   int // scanned pages enclosed
	scannedSigs int // signatures on the enclosed scanned paper sheets
	heldSigs    int // signatures on paper sheets without a scan, kept by the group
	others      []petition.Target
	w           words
}

// coverItems is the letter to one target: salutation, letter, demands,
// the counts, the closing, a line to sign on with the signer's name and
// role, the enclosures and the copies.
func coverItems(p *petition.Petition, t petition.Target, f coverFacts) []blockItem {
	w := f.w
	items := []blockItem{{family: fontBold, scale: 1.1, text: p.Title + refSuffix(p)}}
	items = appendLetterBody(items, p, t.Salutation, fontRegular)
	items = append(items,
		blockItem{family: fontBold, scale: 1, space: 0.8, text: f.countText(p)},
		blockItem{family: fontRegular, scale: 1, space: 0.4, text: w.listedFor(f.mode)},
		blockItem{family: fontRegular, scale: 1, space: 0.8, text: w.closing},
		blockItem{family: fontRegular, scale: 1, space: 2.2, rule: 62 * layout.MMToPt},
	)
	for _, l := range []string{p.SenderName, p.SenderRole, p.Organisation} {
		if l != "" {
			items = append(items, blockItem{family: fontRegular, scale: 1, text: l})
		}
	}
	items = append(items, blockItem{family: fontRegular, scale: 0.9, space: 1, text: f.enclosuresText()})
	if cc := f.copyText(); cc != "" {
		items = append(items, blockItem{family: fontRegular, scale: 0.9, space: 0.2, text: cc})
	}
	return items
}

// countText is what the recipient counts on: the total, what is enclosed
// (in person, on scanned paper) and what the group holds on paper without
// a scan, so no signature is claimed that the pack does not show.
func (f coverFacts) countText(p *petition.Petition) string {
	w := f.w
	out := []string{fmt.Sprintf(w.total, w.count(f.tot.Valid(), w.signatures))}
	enclosed := f.tot.Digital + f.scannedSigs
	switch {
	case f.tot.Digital > 0 && f.scannedSigs > 0:
		out = append(out, fmt.Sprintf(w.enclosedBoth, w.count(enclosed, w.signatures), strconv.Itoa(f.tot.Digital), strconv.Itoa(f.scannedSigs)))
	case f.tot.Digital > 0:
		out = append(out, fmt.Sprintf(w.enclosedPerson, w.count(f.tot.Digital, w.signatures)))
	case f.scannedSigs > 0:
		out = append(out, fmt.Sprintf(w.enclosedScanned, w.count(f.scannedSigs, w.signatures)))
	}
	if f.heldSigs > 0 {
		out = append(out, fmt.Sprintf(w.held, p.Organisation, w.count(f.heldSigs, w.signatures)))
	}
	return strings.Join(out, " ")
}

// enclosuresText is "Enclosures: 3 signature sheets, 2 scanned pages".
func (f coverFacts) enclosuresText() string {
	w := f.w
	var parts []string
	if f.sheets > 0 {
		parts = append(parts, w.count(f.sheets, w.sheets))
	}
	if f.scanPages > 0 {
		parts = append(parts, w.count(f.scanPages, w.scanPages))
	}
	return w.enclosures + ": " + strings.Join(parts, ", ")
}

// copyText is "Copy to: …" naming the petition's other targets, or "".
func (f coverFacts) copyText() string {
	if len(f.others) == 0 {
		return ""
	}
	names := make([]string, len(f.others))
	for i, t := range f.others {
		names[i] = targetName(t)
	}
	return f.w.copyTo + ": " + strings.Join(names, "; ")
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
func (d *doc) drawCover(p *petition.Petition, t petition.Target, w words, pages [][]textLine, date string, first, total int) {
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
		d.packFooter(p, w, "", first+i, total)
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
// page; extra (e.g. "Sheet 3") goes on the second line.
func (d *doc) packFooter(p *petition.Petition, w words, extra string, page, total int) {
	f := layout.FooterBox(d.paper)
	c := layout.Content(d.paper)
	y := f.Y + f.H - 20
	d.line(c.X, y-4, c.X1(), y-4, 190, 0.4)
	d.pdf.SetTextColor(70, 70, 70)
	d.fitText(c.X, y, c.W*0.75, p.Title+refSuffix(p)+" · "+p.Organisation, fontRegular, 7.5, 5, left)
	d.setFont(fontRegular, 7.5)
	pageOf := fmt.Sprintf(w.pageOf, page, total)
	if d.partLabel != "" {
		pageOf = d.partLabel + " · " + pageOf
	}
	d.text(c.X, y, c.W, pageOf, right)
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
