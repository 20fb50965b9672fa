package export

import (
	"archive/zip"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Source is what the Excel summary and the CSV totals read. *store.Store
// satisfies it; tests and benchmarks feed their own. ForEachSignature must
// stream rows in sheet and row order and must not be asked to hold them.
type Source interface {
	Petitions() ([]petition.Petition, error)
	Totals(pid string) (petition.Totals, error)
	Sheets(pid string) ([]petition.Sheet, error)
	ForEachSignature(pid string, fn func(sig *petition.Signature) error) error
}

// Progress is told how much of an export is done, out of total units. It
// is called from the exporting goroutine; a UI must hand it to its own
// thread (fyne.Do). done == total means the file is complete.
type Progress func(done, total int)

// SummaryOptions are the choices behind one Excel summary.
type SummaryOptions struct {
	// PersonalData adds the "Signatures" worksheet with signers' names and
	// addresses. Without it no signer's name or address is in the file.
	PersonalData bool
	// Petitions lists the ids to include, in that order; empty means all.
	Petitions []string
	// Now is the moment deadline states are computed for (time.Now if zero).
	Now time.Time
	// Location is the calendar dates and weeks are counted in (time.Local if nil).
	Location *time.Location
	// Progress, if set, follows the work: one unit per signature, plus one
	// for writing the file.
	Progress Progress
	// AppVersion is the app's version, for the workbook's creator
	// ("Petition Desk 0.1.0"); the caller has it from the build.
	AppVersion string
	// SheetRows is how many rows a worksheet holds below its header
	// before the table continues on the next ("Signatures 2", …); 0 is
	// Excel's limit, 1,048,575. Tests set a small one.
	SheetRows int
}

// SummaryResult says what went into a summary, for a closing message.
type SummaryResult struct {
	Petitions, Sheets, Signatures int
	PersonalData                  bool
}

// UnknownPetitionError says a chosen petition id is not in the source.
type UnknownPetitionError struct{ ID string }

func (e *UnknownPetitionError) Error() string {
	return fmt.Sprintf("no petition has the id %q", e.ID)
}

// Worksheet names, in the order they appear in the workbook.
const (
	sheetTotals     = "Totals"
	sheetSheets     = "Sheets"
	sheetByWeek     = "By week"
	sheetSignatures = "Signatures"
)

// progressEvery is how many signatures pass between progress reports and
// cancellation checks: often enough for a smooth bar, rarely enough to cost nothing.
const progressEvery = 1000

// WriteSummary writes the Excel summary (.xlsx) to w: "Totals" with a
// chart, "By group" (only when the database holds several groups, see
// GroupSource), "Sheets", "By week" and, only with opt.PersonalData,
// "Signatures" (continued on "Signatures 2", … past SheetRows).
// Signatures are streamed one at a time and their rows go straight into
// w's zip (see book): memory does not grow with them, and nothing is
// written anywhere but w.
func WriteSummary(ctx context.Context, w io.Writer, src Source, opt SummaryOptions) (SummaryResult, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Location == nil {
		opt.Location = time.Local
	}
	list, err := choosePetitions(src, opt.Petitions)
	if err != nil {
		return SummaryResult{}, err
	}
	f := excelize.NewFile()
	defer f.Close()
	s := &summary{ctx: ctx, f: f, bk: newBook(w, opt.Now), src: src, opt: opt}
	s.res.PersonalData = opt.PersonalData
	if err := s.write(list); err != nil {
		return s.res, err
	}
	if err := ctx.Err(); err != nil {
		return s.res, err
	}
	if err := s.bk.finish(f); err != nil {
		return s.res, fmt.Errorf("writing the workbook: %w", err)
	}
	s.report(s.total)
	return s.res, nil
}

// fastZip compresses with flate's BestSpeed: the worksheets are repetitive
// XML that compresses well even so. Measured on 100,000 signatures, the
// default level made the whole export about a fifth slower for a file
// only a quarter smaller (5.3 MB instead of 7.0 MB).
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}

// docProps are the workbook's properties: without them excelize leaves
// its own (author "xuri", created 2006-09-16), which a file manager or
// Excel's Info pane shows as if they were true.
func docProps(opt SummaryOptions) *excelize.DocProperties {
	now := opt.Now.UTC().Format(time.RFC3339)
	creator := strings.TrimSpace("Petition Desk " + opt.AppVersion)
	title := "Petition signatures: summary"
	if opt.PersonalData {
		title += " with personal data"
	}
	return &excelize.DocProperties{
		Creator: creator, LastModifiedBy: creator, Title: title,
		Created: now, Modified: now, Language: "en",
	}
}

// choosePetitions returns the petitions to export: all of them, or the
// chosen ids in the order given (each once).
func choosePetitions(src Source, ids []string) ([]petition.Petition, error) {
	all, err := src.Petitions()
	if err != nil || len(ids) == 0 {
		return all, err
	}
	byID := make(map[string]petition.Petition, len(all))
	for _, p := range all {
		byID[p.ID] = p
	}
	var list []petition.Petition
	seen := map[string]bool{}
	for _, id := range ids {
		p, ok := byID[id]
		if !ok {
			return nil, &UnknownPetitionError{ID: id}
		}
		if !seen[id] {
			seen[id] = true
			list = append(list, p)
		}
	}
	return list, nil
}

// summary is one Excel summary being written.
type summary struct {
	ctx                context.Context
	f                  *excelize.File
	bk                 *book
	src                Source
	opt                SummaryOptions
	st                 styles
	sheets, weeks, sig *table // streamed worksheets (sig is nil without personal data)
	res                SummaryResult
	done, total        int
}

// write builds every worksheet: the totals first (small, written in
// excelize's normal mode so the chart can refer to them), then one pass
// over each petition's signatures that feeds the three streamed sheets.
func (s *summary) write(list []petition.Petition) error {
	var err error
	if s.st, err = newStyles(s.f); err != nil {
		return err
	}
	s.st.personal = s.opt.PersonalData
	if err := s.f.SetDocProps(docProps(s.opt)); err != nil {
		return err
	}
	if err := s.f.SetSheetName("Sheet1", sheetTotals); err != nil {
		return err
	}
	rows, err := totalsRows(s.src, list, s.opt.Now)
	if err != nil {
		return err
	}
	if err := writeTotalsSheet(s.f, s.st, rows, s.opt.Now.In(s.opt.Location)); err != nil {
		return err
	}
	if err := s.writeGroupSheet(list); err != nil {
		return err
	}
	if err := s.openStreams(); err != nil {
		return err
	}
	sheetsOf := make([][]petition.Sheet, len(list))
	for i, p := range list {
		if sheetsOf[i], err = s.src.Sheets(p.ID); err != nil {
			return err
		}
		s.total += digitalRows(sheetsOf[i])
	}
	s.total++ // writing the file
	s.report(0)
	for i := range list {
		if err := s.petition(&list[i], sheetsOf[i]); err != nil {
			return err
		}
	}
	s.res.Petitions = len(list)
	return s.closeStreams()
}

func (s *summary) openStreams() error {
	var err error
	// Sheets and By week get their rows after each petition's
	// signatures, so they are held while Signatures writes directly.
	if s.sheets, err = newTable(s.f, s.bk.hold, s.st, sheetSheets, sheetsColumns, s.opt.SheetRows); err != nil {
		return err
	}
	if s.weeks, err = newTable(s.f, s.bk.hold, s.st, sheetByWeek, weekColumns, s.opt.SheetRows); err != nil {
		return err
	}
	if s.opt.PersonalData {
		s.sig, err = newTable(s.f, s.bk.direct, s.st, sheetSignatures, signatureColumns, s.opt.SheetRows)
	}
	return err
}

func (s *summary) closeStreams() error {
	for _, t := range []*table{s.sheets, s.weeks, s.sig} {
		if t == nil {
			continue
		}
		if err := t.finish(); err != nil {
			return err
		}
	}
	return nil
}

// digitalRows counts the signature rows of a petition: each digital
// sheet's filled rows are its stored signatures.
func digitalRows(sheets []petition.Sheet) int {
	n := 0
	for _, sh := range sheets {
		if sh.Origin == petition.OriginDigital {
			n += sh.Filled
		}
	}
	return n
}

// report passes progress on, if anyone listens.
func (s *summary) report(done int) {
	s.done = done
	if s.opt.Progress != nil {
		s.opt.Progress(done, s.total)
	}
}
