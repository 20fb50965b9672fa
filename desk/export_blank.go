package desk

import (
	"context"
	"errors"
	"io"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// BlankOptions are the choices behind a stack of blank sheets to print.
type BlankOptions struct {
	Path     string // the PDF file to write
	Petition *petition.Petition
	Sheets   int // how many, 1 to export.MaxBlankSheets
	export.PDFOptions
}

// blankTries is how often blank sheets are printed again when their
// numbers were taken meanwhile (another print, an import).
const blankTries = 3

// ExportBlank writes blank sheets with the petition's next numbers to
// opt.Path and reserves those numbers once the file is written and
// synced (export.PrintBlank); if they were taken meanwhile, it prints
// again with new ones. Blank sheets hold no personal data: the file may
// be read like any document. It returns the sheets reserved.
func ExportBlank(ctx context.Context, s *store.Store, opt BlankOptions, progress Progress) ([]petition.Sheet, error) {
	return exportBlank(ctx, s, s, opt, progress)
}

// exportBlank is ExportBlank with the reserver apart, so a test can take
// the numbers meanwhile.
func exportBlank(ctx context.Context, s *store.Store, r export.SheetReserver, opt BlankOptions, progress Progress) ([]petition.Sheet, error) {
	e := fileExport{kind: "blank", pids: []string{opt.Petition.ID}}
	for try := 1; ; try++ {
		var sheets []petition.Sheet
		err := writeAudited(ctx, s, opt.Path, e, func(w io.Writer) (int, error) {
			var err error
			sheets, err = export.PrintBlank(ctx, w, r, opt.Petition, opt.Sheets, opt.PDFOptions, progress)
			return 0, err
		})
		if !errors.Is(err, petition.ErrSheetNumbersTaken) || try == blankTries {
			return sheets, err
		}
	}
}
