package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // scanned pages are JPEG; DecodeConfig reads their size
	_ "image/png"
	"slices"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// errChanged means the signatures changed while the pack was written, so
// its counts would disagree with its rows.
var errChanged = errors.New("the signatures changed while the pack was made: please export it again")

// packWriter draws one part (one target) of the pack, page by page, as
// signatures stream in.
type packWriter struct {
	d        *doc
	p        *petition.Petition
	ctx      context.Context
	progress Progress
	tot      petition.Totals
	scans    scanSet
	scanFn   ScanPagesFunc
	digital  map[int]petition.Sheet // the digital sheets printed, by number
	sigs     *sigLayer
	mode     petition.AddressMode // what the recipient sees of each signer
	country  string               // the current part's target's country
	cur      *packPart            // the part being drawn

	out   PackOut
	paper layout.Paper
	info  gopdf.PdfInfo
	limit int       // pages a file holds at most; 0: one file
	file  fileState // the file being written
	files []string  // suffixes of the files written
	pages int       // pages written, over all files

	totalSteps, done int // progress, over all parts
	page             int // "page x of y" within the part

	row               int       // valid rows drawn so far in this part
	leftOut           []ScanRef // unreadable scans, left out
	sheet, pageIdx    int       // current sheet (the app's number) and page of the plan
	letterIdx         int
	open              bool
	table             layout.Table
	filled, firstRows int // rows used on the open page; its first row
}

func (pw *packWriter) step() error {
	pw.done++
	reportPages(pw.progress, pw.done, pw.totalSteps)
	return pw.ctx.Err()
}

// words is the language of the part being drawn.
func (pw *packWriter) words() words { return pw.cur.lab.first() }

// drawPart draws cover, sheets, scans and envelope for one target.
func (pw *packWriter) drawPart(src PackSource, part packPart) error {
	pw.cur = &part
	t := part.t
	pw.country = petition.TargetCountry(t)
	for i := range part.cover {
		if err := pw.beforePage("", i+1); err != nil {
			return err
		}
	}
	pw.d.drawCover(pw.p, t, pw.words(), part.cover, part.date, 1, part.pages)
	pw.page = len(part.cover)
	for range part.cover {
		if err := pw.step(); err != nil {
			return err
		}
	}
	pw.row, pw.sheet, pw.open = 0, 0, false
	err := src.ForEachSignature(pw.p.ID, pw.addRow)
	if err != nil {
		return err
	}
	pw.closePage()
	if pw.row != pw.tot.Digital {
		return errChanged
	}
	if err := pw.scanPages(); err != nil {
		return err
	}
	if err := pw.beforePage("", 0); err != nil {
		return err
	}
	pw.d.drawEnvelope(pw.p, t)
	return pw.d.err
}

// addRow places a signature in its own row of its own sheet, as the app
// numbers them, so a request to strike "sheet 4, row 12" finds the row;
// a struck row is crossed out and left empty.
func (pw *packWriter) addRow(sig *petition.Signature) error {
	if _, ok := pw.digital[sig.Sheet]; !ok {
		if sig.IsStruck() { // a sheet whose every row is struck is not printed
			return nil
		}
		return errChanged
	}
	if sig.Sheet != pw.sheet {
		pw.closePage()
		pw.sheet, pw.pageIdx, pw.letterIdx = sig.Sheet, -1, 0
	}
	for !pw.open || sig.Row >= pw.firstRows+len(pw.table.Rows) {
		if err := pw.nextPage(); err != nil {
			return err
		}
	}
	if sig.Row < pw.firstRows {
		return errChanged // rows out of order: the store changed under us
	}
	r := pw.table.Rows[sig.Row-pw.firstRows]
	pw.filled = sig.Row - pw.firstRows + 1
	if sig.IsStruck() {
		pw.d.line(pw.table.Name.X0+4, (r.Y0+r.Y1)/2, pw.table.Signature.X1-4, (r.Y0+r.Y1)/2, 110, 0.8)
		return pw.d.err
	}
	if pw.row >= pw.tot.Digital {
		return errChanged
	}
	row := petition.ForRecipient(sig, pw.mode, pw.country)
	pw.d.fillRow(pw.table, r, row, sig.Strokes, pw.sigs)
	pw.row++
	return pw.d.err
}

// nextPage opens the current sheet's next page that has rows.
func (pw *packWriter) nextPage() error {
	pw.closePage()
	for {
		pw.pageIdx++
		if pw.pageIdx >= len(pw.cur.plan.pages) {
			return fmt.Errorf("pack layout: sheet %d has a row beyond its %d rows", pw.sheet, pw.p.RowsPerSheet)
		}
		if err := pw.startPage(pw.cur.plan.pages[pw.pageIdx]); err != nil {
			return err
		}
		if len(pw.table.Rows) > 0 {
			return nil
		}
		pw.closePage()
	}
}

func (pw *packWriter) startPage(pr layout.PageRows) error {
	w := pw.words()
	if err := pw.beforePage(fmt.Sprintf(w.sheetN, pw.sheet), pw.page+1); err != nil {
		return err
	}
	d := pw.d
	d.addPage()
	d.drawPageText(&pw.cur.plan, pr, pw.letterIdx)
	if pr.Kind == layout.KindLetter {
		pw.letterIdx++
	}
	t, err := layout.Rows(d.paper, pr.Kind, pr.First, pr.N)
	if err != nil {
		return err
	}
	d.drawTable(t, pw.cur.plan.lab)
	pw.page++
	d.packFooter(pw.p, w, fmt.Sprintf(w.sheetN, pw.sheet), pw.page, pw.cur.pages)
	pw.table, pw.firstRows, pw.filled, pw.open = t, pr.First, 0, true
	return pw.step()
}

// closePage strikes out the unused rows of a partly filled last page with
// one diagonal line, so nothing can be added after the pack is printed.
func (pw *packWriter) closePage() {
	if !pw.open {
		return
	}
	pw.open = false
	pw.sigs.endPage(pw.d.pdf)
	rows := pw.table.Rows
	if pw.filled == 0 || pw.filled >= len(rows) {
		return
	}
	y0, y1 := rows[pw.filled].Y0, rows[len(rows)-1].Y1
	pw.d.line(pw.table.Name.X0+4, y1-3, pw.table.Signature.X1-4, y0+3, 110, 0.8)
}

// scanPages adds every scanned paper sheet, one image per page, fitted
// inside the margins with its proportions kept.
func (pw *packWriter) scanPages() error {
	for _, n := range pw.scans.sheets {
		imgs, err := pw.scanFn(pw.p.ID, n)
		if err != nil {
			return fmt.Errorf("reading the scan of sheet %d: %w", n, err)
		}
		for i, b := range imgs {
			if err := pw.scanPage(b, n, i+1, len(imgs)); err != nil {
				return err
			}
		}
	}
	return pw.d.err
}

// scanPage draws one scanned page; an image that cannot be read is left
// out, with a note where it would be (see leaveOut), so one bad page
// does not stop the whole pack.
func (pw *packWriter) scanPage(b []byte, sheet, page, pages int) error {
	w := pw.words()
	label := fmt.Sprintf(w.scanFooter, sheet, page, pages)
	if err := pw.beforePage(label, pw.page+1); err != nil {
		return err
	}
	d := pw.d
	d.addPage()
	if err := pw.drawScan(b); err != nil {
		pw.leaveOut(sheet, page)
	}
	pw.page++
	d.packFooter(pw.p, w, label, pw.page, pw.cur.pages)
	return pw.step()
}

// errUnreadableScan is drawScan's error for an image without a size.
var errUnreadableScan = errors.New("not a readable image")

// drawScan fits a scanned image inside the margins, its proportions kept.
func (pw *packWriter) drawScan(b []byte) error {
	d := pw.d
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width < 1 || cfg.Height < 1 {
		return errUnreadableScan
	}
	// Above the footer's rule (see packFooter), so "page x of y" never
	// covers the scan.
	f := layout.FooterBox(d.paper)
	box := layout.Rect{X: 18, Y: 18, W: d.w - 36}
	box.H = f.Y + f.H - 24 - 6 - box.Y
	s := min(box.W/float64(cfg.Width), box.H/float64(cfg.Height))
	w, h := float64(cfg.Width)*s, float64(cfg.Height)*s
	holder, err := gopdf.ImageHolderByBytes(b)
	if err != nil {
		return err
	}
	// Giving the Rect keeps gopdf from decoding the whole image for its size.
	return d.pdf.ImageByHolder(holder, box.X+(box.W-w)/2, box.Y, &gopdf.Rect{W: w, H: h})
}

// leaveOut writes a note where an unreadable scan would be and records
// the page for PackResult.LeftOut (once, though every part has it).
func (pw *packWriter) leaveOut(sheet, page int) {
	d := pw.d
	ref := ScanRef{Sheet: sheet, Page: page}
	if !slices.Contains(pw.leftOut, ref) {
		pw.leftOut = append(pw.leftOut, ref)
	}
	y := 72.0
	d.setFont(fontBold, 14)
	w := pw.words()
	d.text(54, y, d.w-108, fmt.Sprintf(w.leftOutHead, sheet, page), gopdf.Left)
	y += 28
	for _, line := range d.wrap(w.leftOutNote, fontRegular, 11, d.w-108) {
		d.setFont(fontRegular, 11)
		d.text(54, y, d.w-108, line, gopdf.Left)
		y += 15
	}
}
