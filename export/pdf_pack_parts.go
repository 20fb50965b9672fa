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
	date     string
	plan     sheetPlan
	cover    [][]textLine
	sigs     *sigLayer
	mode     petition.AddressMode // what the recipient sees of each signer
	country  string               // the current part's target's country

	totalSteps, done int // progress, over all parts
	page, partTotal  int // "page x of y" within the part

	row               int       // valid rows drawn so far in this part
	leftOut           []ScanRef // unreadable scans, left out
	sheet, pageIdx    int       // current sheet (0-based) and page of the plan
	letterIdx         int
	open              bool
	table             layout.Table
	filled, firstRows int
}

// perSheet is the number of rows on one sheet of the pack.
func (pw *packWriter) perSheet() int { return max(pw.p.RowsPerSheet, 1) }

// partPages counts the numbered pages of a part: cover, sheets, scans.
func (pw *packWriter) partPages() int {
	per := pw.perSheet()
	n := pw.tot.Digital
	pages := len(pw.cover) + n/per*len(pw.plan.pages) + pw.scans.pages
	if rem := n % per; rem > 0 {
		for _, pr := range pw.plan.pages {
			if pr.First <= rem {
				pages++
			}
		}
	}
	return pages
}

func (pw *packWriter) step() error {
	pw.done++
	reportPages(pw.progress, pw.done, pw.totalSteps)
	return pw.ctx.Err()
}

// part draws cover, sheets, scans and envelope for one target.
func (pw *packWriter) part(src PackSource, t petition.Target) error {
	pw.partTotal = pw.partPages()
	pw.country = petition.TargetCountry(t)
	pw.d.drawCover(pw.p, t, pw.cover, pw.date, 1, pw.partTotal)
	pw.page = len(pw.cover)
	for range pw.cover {
		if err := pw.step(); err != nil {
			return err
		}
	}
	pw.row, pw.sheet, pw.open = 0, -1, false
	err := src.ForEachSignature(pw.p.ID, func(sig *petition.Signature) error {
		if sig.IsStruck() {
			return nil
		}
		return pw.addRow(sig)
	})
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
	pw.d.drawEnvelope(pw.p, t)
	return pw.d.err
}

// addRow places the next valid signature, opening pages as needed.
func (pw *packWriter) addRow(sig *petition.Signature) error {
	per := pw.perSheet()
	sheet, in := pw.row/per, pw.row%per+1
	if sheet != pw.sheet {
		pw.closePage()
		pw.sheet, pw.pageIdx, pw.letterIdx = sheet, -1, 0
	}
	if !pw.open || in >= pw.firstRows+len(pw.table.Rows) {
		pw.closePage()
		for {
			pw.pageIdx++
			if pw.pageIdx >= len(pw.plan.pages) {
				return errors.New("pack layout: row beyond the sheet")
			}
			if err := pw.startPage(pw.plan.pages[pw.pageIdx]); err != nil {
				return err
			}
			if len(pw.table.Rows) > 0 {
				break
			}
			pw.closePage()
		}
	}
	if pw.row >= pw.tot.Digital {
		return errChanged
	}
	row := petition.ForRecipient(sig, pw.mode, pw.country)
	pw.d.fillRow(pw.table, pw.table.Rows[in-pw.firstRows], row, sig.Strokes, pw.sigs)
	pw.filled++
	pw.row++
	return pw.d.err
}

func (pw *packWriter) startPage(pr layout.PageRows) error {
	d := pw.d
	d.addPage()
	d.drawPageText(&pw.plan, pr, pw.letterIdx)
	if pr.Kind == layout.KindLetter {
		pw.letterIdx++
	}
	t, err := layout.Rows(d.paper, pr.Kind, pr.First, pr.N)
	if err != nil {
		return err
	}
	offset := pw.sheet * pw.perSheet()
	d.drawTable(t, pw.plan.lab, offset)
	pw.page++
	sheets := (pw.tot.Digital + pw.perSheet() - 1) / pw.perSheet()
	d.packFooter(pw.p, fmt.Sprintf("Sheet %d of %d", pw.sheet+1, sheets), pw.page, pw.partTotal)
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
	d := pw.d
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
	return d.err
}

// scanPage draws one scanned page; an image that cannot be read is left
// out, with a note where it would be (see leaveOut), so one bad page
// does not stop the whole pack.
func (pw *packWriter) scanPage(b []byte, sheet, page, pages int) error {
	d := pw.d
	d.addPage()
	if err := pw.drawScan(b); err != nil {
		pw.leaveOut(sheet, page)
	}
	pw.page++
	d.packFooter(pw.p, fmt.Sprintf("Paper sheet %d, scan page %d of %d", sheet, page, pages), pw.page, pw.partTotal)
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
	d.text(54, y, d.w-108, fmt.Sprintf("Paper sheet %d, scan page %d: left out", sheet, page), gopdf.Left)
	y += 28
	for _, line := range d.wrap(leftOutNote, fontRegular, 11, d.w-108) {
		d.setFont(fontRegular, 11)
		d.text(54, y, d.w-108, line, gopdf.Left)
		y += 15
	}
}

// leftOutNote stands where an unreadable scan would be.
const leftOutNote = "The scanned image of this page could not be read, so it is not in this pack. " +
	"The signatures on the paper sheet are still counted in the totals. " +
	"Scan the paper sheet again and make the pack anew, or enclose the paper sheet itself."
