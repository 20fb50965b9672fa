package export

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// WriteSheetsCSV writes the workbook's "Sheets" table as CSV: one line per
// signature sheet of the chosen petitions, with where and by whom it was
// collected, its first and last signature, its counts and status. It holds
// no signer's name or address. Times are "YYYY-MM-DD HH:MM" in opt's
// location (time.Local if nil); text is neutralised as in WriteTotalsCSV.
func WriteSheetsCSV(ctx context.Context, w io.Writer, src Source, opt CSVOptions) error {
	loc := opt.Location
	if loc == nil {
		loc = time.Local
	}
	list, err := choosePetitions(src, opt.Petitions)
	if err != nil {
		return err
	}
	cw, err := newCSV(w, opt, sheetsColumns)
	if err != nil {
		return err
	}
	s := &summary{ctx: ctx, src: src, opt: SummaryOptions{Location: loc}}
	for i := range list {
		if err := ctx.Err(); err != nil {
			return err
		}
		lines, err := s.sheetLines(&list[i])
		if err != nil {
			return err
		}
		if err := cw.WriteAll(lines); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sheetLines reads one petition's sheets and the first and last signature
// on each digital one (one pass over its signatures, none kept).
func (s *summary) sheetLines(p *petition.Petition) ([][]string, error) {
	sheets, err := s.src.Sheets(p.ID)
	if err != nil {
		return nil, err
	}
	pp := newPass(s.opt.Location, sheets)
	err = s.src.ForEachSignature(p.ID, func(sig *petition.Signature) error {
		pp.signature(sig, sig.Signed.In(s.opt.Location))
		return nil
	})
	if err != nil {
		return nil, err
	}
	lines := make([][]string, 0, len(sheets))
	for i := range sheets {
		sh := &sheets[i]
		status, err := s.sheetStatusWords(sh)
		if err != nil {
			return nil, err
		}
		var first, last string
		if sp := pp.spans[sh.Number]; sp != nil {
			first, last = sp.first.Format(csvTime), sp.last.Format(csvTime)
		}
		lines = append(lines, []string{neutralise(p.Reference), strconv.Itoa(sh.Number), string(sh.Origin),
			neutralise(sh.Location), neutralise(sh.Collector), petition.DateOf(sh.Opened.In(s.opt.Location)).String(),
			first, last, strconv.Itoa(sh.Filled), strconv.Itoa(sh.Struck), strconv.Itoa(sh.Valid()),
			status, sh.PostedOn.String()})
	}
	return lines, nil
}

// csvTime is how a moment is written in a CSV: to the minute, ISO order.
const csvTime = "2006-01-02 15:04"
