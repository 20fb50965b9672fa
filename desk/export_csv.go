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
	// BOM starts the file with a byte order mark, for Excel.
	BOM bool
	Scope
}

// ExportCSV writes the CSV of totals (export.WriteTotalsCSV) to opt.Path
// and records it. It holds no personal data: counts per petition only.
func ExportCSV(ctx context.Context, s *store.Store, opt CSVOptions, progress Progress) error {
	e := fileExport{kind: "csv", pids: opt.Petitions}
	err := writeAudited(ctx, s, opt.Path, e, func(w io.Writer) (int, error) {
		return 0, export.WriteTotalsCSV(ctx, w, s, export.CSVOptions{BOM: opt.BOM, Petitions: opt.Petitions, Now: opt.Now})
	})
	if err == nil {
		report(progress, 1, 1)
	}
	return err
}
