package export

import (
	"io"
	"os"
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
