package export

import (
	"context"
	"io"
	"os"

	"github.com/petitiondesk/petitiondesk/petition"
)

// writeTestFile writes a file for a test or benchmark to look at. Writing
// files for users (atomically, audited) is the desk package's job.
func writeTestFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// printBlankFile prints blank sheets into a file for a test to read.
func printBlankFile(ctx context.Context, path string, r SheetReserver, p *petition.Petition, n int, opt PDFOptions, progress Progress) ([]petition.Sheet, error) {
	var sheets []petition.Sheet
	err := writeTestFile(path, func(w io.Writer) (err error) {
		sheets, err = PrintBlank(ctx, w, r, p, n, opt, progress)
		return err
	})
	return sheets, err
}
