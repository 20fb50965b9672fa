package export

import (
	"context"
	"errors"
	"io"

	"github.com/petitiondesk/petitiondesk/petition"
)

// WritePackFile writes the petition pack to path through a temporary file,
// so a failed or cancelled export leaves nothing under the chosen name.
// The pack holds names and addresses, so the file is private to the user.
func WritePackFile(ctx context.Context, path string, src PackSource, p *petition.Petition, opt PackOptions, progress Progress) (PackResult, error) {
	var res PackResult
	err := writeAtomic(path, true, func(w io.Writer) error {
		var err error
		res, err = Pack(ctx, w, src, p, opt, progress)
		return err
	})
	return res, err
}

// PrintBlankFile writes the blank sheets to path and reserves their
// numbers once the file is written (see PrintBlank and writeAtomic); if
// the numbers were taken meanwhile, it prints again with new ones. Blank
// sheets hold no personal data and may be read like any document. The
// window's Blank sheets button and `export blank` both call it.
func PrintBlankFile(ctx context.Context, path string, r SheetReserver, p *petition.Petition, n int, opt PDFOptions, progress Progress) ([]petition.Sheet, error) {
	for try := 1; ; try++ {
		var sheets []petition.Sheet
		err := writeAtomic(path, false, func(w io.Writer) error {
			var err error
			sheets, err = PrintBlank(ctx, w, r, p, n, opt, progress)
			return err
		})
		if !errors.Is(err, petition.ErrSheetNumbersTaken) || try == 3 {
			return sheets, err
		}
	}
}
