package desk

import (
	"context"
	"io"
	"time"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/store"
)

// Scope is what the Excel summary and the CSV totals cover.
type Scope struct {
	// Petitions lists the ids to include, in that order; empty means all.
	// The audit entry names them as given.
	Petitions []string
	Now       time.Time // deadline states are computed for it (time.Now if zero)
}

// SummaryOptions are the choices behind one Excel summary.
type SummaryOptions struct {
	Path string // the .xlsx file to write
	// PersonalData adds the signers' names and addresses ("Signatures").
	PersonalData bool
	// AppVersion names the app in the workbook's properties
	// ("Petition Desk 0.2.0"); the caller has it from the build.
	AppVersion string
	Scope
}

// ExportSummary writes the Excel summary (export.WriteSummary) to
// opt.Path and records it: with personal data the signers' rows count,
// without none do. The workbook is streamed into the file's temporary
// name beside it (writeAudited): no other file is written, so personal
// data goes nowhere but where the user put it.
func ExportSummary(ctx context.Context, s *store.Store, opt SummaryOptions, progress Progress) (export.SummaryResult, error) {
	var res export.SummaryResult
	e := fileExport{kind: "xlsx", personal: opt.PersonalData, room: s.DataBytes() / 4, pids: opt.Petitions}
	err := writeAudited(ctx, s, opt.Path, e, func(w io.Writer) (int, error) {
		var err error
		res, err = export.WriteSummary(ctx, w, s, export.SummaryOptions{
			PersonalData: opt.PersonalData, Petitions: opt.Petitions, Now: opt.Now,
			Progress: progress, AppVersion: opt.AppVersion,
		})
		if !res.PersonalData {
			return 0, err
		}
		return res.Signatures, err
	})
	return res, err
}
