package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// MaxBlankSheets bounds one print run, so a typo cannot print a ream.
const MaxBlankSheets = 1000

// reportPages passes page progress on to a Progress (declared beside the
// Excel summary), if anyone listens. For PDFs one unit is one page.
func reportPages(p Progress, done, total int) {
	if p != nil {
		p(done, total)
	}
}

// PDFOptions are the choices common to the pack and the blank sheets.
type PDFOptions struct {
	Paper layout.Paper
	Now   time.Time // the date printed on the letter and in the metadata; zero means now
}

func (o PDFOptions) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// SheetReserver reserves sheet numbers for printed sheets; *store.Store
// satisfies it. Numbers are read first and reserved only once the file
// is written, so a failed print wastes none.
type SheetReserver interface {
	NextSheetNumber(pid string) (int, error)
	// ReservePaperSheets reserves n numbers from first on, or returns
	// petition.ErrSheetNumbersTaken if first is no longer the next one.
	ReservePaperSheets(pid string, first, n int) ([]petition.Sheet, error)
}

// ErrSheetCount is returned for a number of blank sheets out of range.
var ErrSheetCount = fmt.Errorf("the number of sheets must be between 1 and %d", MaxBlankSheets)

// PrintBlank writes n blank sheets with the petition's next sheet numbers
// to w and, once they are written and synced (w may be an *os.File),
// reserves those numbers in the store. A failed write reserves nothing;
// numbers taken meanwhile (another print, an import) return
// petition.ErrSheetNumbersTaken and w must be written again.
func PrintBlank(ctx context.Context, w io.Writer, r SheetReserver, p *petition.Petition, n int, opt PDFOptions, progress Progress) ([]petition.Sheet, error) {
	if n < 1 || n > MaxBlankSheets {
		return nil, ErrSheetCount
	}
	first, err := r.NextSheetNumber(p.ID)
	if err != nil {
		return nil, err
	}
	nums := make([]int, n)
	for i := range nums {
		nums[i] = first + i
	}
	if err := BlankSheets(ctx, w, p, nums, opt, progress); err != nil {
		return nil, err
	}
	if f, ok := w.(interface{ Sync() error }); ok {
		if err := f.Sync(); err != nil { // a full disk shows here, before numbers are spent
			return nil, err
		}
	}
	return r.ReservePaperSheets(p.ID, first, n)
}

// ErrNoPrivacyNotice refuses blank sheets for a petition without a
// privacy notice: a signer must read on the sheet what is done with their
// name and address before giving them.
var ErrNoPrivacyNotice = errors.New("the petition has no privacy notice: a signature sheet must tell signers how their details are used; add one in the petition editor")

// BlankSheets writes printable sheets with the given (already reserved)
// numbers: on every page the petition's text, empty numbered rows, the
// deadline, the return address, the privacy notice, four alignment marks
// and two QR codes with the page's layout.Payload (a main one and a
// smaller spare), with the sheet number in large digits.
func BlankSheets(ctx context.Context, w io.Writer, p *petition.Petition, sheets []int, opt PDFOptions, progress Progress) error {
	if len(sheets) < 1 || len(sheets) > MaxBlankSheets {
		return ErrSheetCount
	}
	if p == nil || p.ID == "" {
		return errors.New("no petition to print sheets for")
	}
	if strings.TrimSpace(p.PrivacyNotice) == "" {
		return ErrNoPrivacyNotice
	}
	d, err := newDoc(opt.Paper, gopdf.PdfInfo{
		Title: p.Title + " – blank signature sheets", Author: p.Organisation,
		Subject: p.Reference, Creator: "Petition Desk", CreationDate: opt.now(),
	})
	if err != nil {
		return err
	}
	plan := d.planSheet(p, p.Targets, newLabels(p.Languages))
	total := len(sheets) * len(plan.pages)
	for i, num := range sheets {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := d.blankSheet(p, &plan, num); err != nil {
			return err
		}
		reportPages(progress, (i+1)*len(plan.pages), total)
	}
	return d.writeTo(w)
}

func (d *doc) blankSheet(p *petition.Petition, plan *sheetPlan, num int) error {
	short := layout.ShortID(p.ID)
	for i, pr := range plan.pages {
		d.addPage()
		d.drawMarks()
		d.drawPageText(plan, pr, i)
		t, err := layout.Rows(d.paper, pr.Kind, pr.First, pr.N)
		if err != nil {
			return err
		}
		d.drawTable(t, plan.lab)
		d.blankFooter(p, plan.lab, num, i+1, len(plan.pages))
		payload, err := layout.Payload{Petition: short, Sheet: num, Page: i + 1, Paper: d.paper, Kind: pr.Kind, First: pr.First, N: pr.N}.Encode()
		if err != nil {
			return err
		}
		if err := d.drawQR(payload); err != nil {
			return err
		}
		if err := d.drawSheetIdentity(payload, num, i+1, len(plan.pages)); err != nil {
			return err
		}
	}
	return d.err
}

// blankFooter: "Please return by DATE" (the post-by date less the
// return margin, so a sheet handed back that day still makes the post),
// the deadline itself, where to send the sheet and the privacy notice,
// beside the QR code; dates in the sheet's first language.
func (d *doc) blankFooter(p *petition.Petition, lab labels, sheet, page, pages int) {
	f := layout.BlankFooterBox(d.paper) // the spare QR code sits at its left
	d.pdf.SetTextColor(0, 0, 0)
	d.fitText(f.X, f.Y, f.W*0.6, lab.returnBy()+": "+lab.date(p.ReturnBy()), fontBold, 10, 6, left)
	d.pdf.SetTextColor(80, 80, 80)
	d.fitText(f.X+f.W*0.6, f.Y+1.5, f.W*0.4, fmt.Sprintf("%s · %s %d · %d/%d", p.Reference, lab.sheet(), sheet, page, pages), fontRegular, 7.5, 5, right)
	back := p.SenderAddress
	if len(back) == 0 {
		back = []string{p.Organisation}
	}
	d.fitText(f.X, f.Y+13, f.W, lab.deadline()+": "+lab.date(p.Deadline)+" · "+lab.returnTo()+": "+strings.Join(back, ", "), fontRegular, 7.5, 5, left)
	d.drawFitted(p.PrivacyNotice, fontItalic, layout.Rect{X: f.X, Y: f.Y + 24, W: f.W, H: f.H - 24}, 7, 5)
	d.pdf.SetTextColor(0, 0, 0)
}

// drawFitted wraps text into box, shrinking from size to min; text that
// still overflows is cut with an ellipsis.
func (d *doc) drawFitted(text, family string, box layout.Rect, size, min float64) {
	items := []blockItem{{family: family, scale: 1, text: text}}
	var lines []textLine
	for s := size; s >= min; s -= 0.5 {
		var h float64
		if lines, h = d.layoutBlock(items, box.W, s); h <= box.H {
			d.drawLines(lines, box.X, box.Y)
			return
		}
	}
	for len(lines) > 0 && lines[len(lines)-1].y+lines[len(lines)-1].size*1.25 > box.H {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 {
		lines[n-1].text += " …"
	}
	d.drawLines(lines, box.X, box.Y)
}
