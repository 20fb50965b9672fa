package export

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/petition"
)

// PrintBlankFile reserves n sheet numbers and writes the blank sheets to
// path (see PrintBlank and writeAtomic). Blank sheets hold no personal
// data and may be read like any document.
func PrintBlankFile(ctx context.Context, path string, r SheetReserver, p *petition.Petition, n int, opt PDFOptions, progress Progress) ([]petition.Sheet, error) {
	var sheets []petition.Sheet
	err := writeAtomic(path, false, func(w io.Writer) error {
		var err error
		sheets, err = PrintBlank(ctx, w, r, p, n, opt, progress)
		return err
	})
	return sheets, err
}
