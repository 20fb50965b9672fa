package desk

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/store"
)

// CSVOptions are the choices behind the CSV of totals.
type CSVOptions struct {
	Path string // the .csv file to write
	// BOM starts the file with a byte order mark, for Excel (and CRLF
	// line ends); Sep separates the fields (',' if zero; ';' for German and
	// French spreadsheets, with a decimal comma).
	BOM bool
	Sep rune
	// SheetsPath, if set, also receives the sheets table as CSV (no
	// signer's name or address), written and recorded with the totals.
	SheetsPath string
	Scope
}

// ExportCSV writes the CSV of totals (export.WriteTotalsCSV) to opt.Path
// and records it. It holds no personal data: counts per petition only.
func ExportCSV(ctx context.Context, s *store.Store, opt CSVOptions, progress Progress) error {
	e := fileExport{kind: "csv", pids: opt.Petitions}
	eo := export.CSVOptions{BOM: opt.BOM, Sep: opt.Sep, Petitions: opt.Petitions, Now: opt.Now}
	err := writeAudited(ctx, s, opt.Path, e, func(w io.Writer) (int, error) {
		return 0, export.WriteTotalsCSV(ctx, w, s, eo)
	})
	if err == nil && opt.SheetsPath != "" {
		err = writeAudited(ctx, s, opt.SheetsPath, e, func(w io.Writer) (int, error) {
			return 0, export.WriteSheetsCSV(ctx, w, s, eo)
		})
	}
	if err == nil {
		report(progress, 1, 1)
	}
	return err
}
