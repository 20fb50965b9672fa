package scan_test

import (
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// FuzzRead feeds arbitrary bytes to the file-reading entry point and
// analyses every page it yields: nothing may panic, and a failure is
// always an InputError or a Problem. `go test` runs the seeds (here and in
// testdata/fuzz/FuzzRead); `go test -fuzz FuzzRead ./scan` explores.
func FuzzRead(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("%PDF-1.7\n"))
	f.Add(smallJPEG())
	f.Add(jpegHeader(50000, 50000))
	f.Add(pngHeader(50000, 50000))
	f.Add(pngHeader(100, 100))
	f.Add(blankPDF())
	f.Add(pdfOf(f, smallJPEG()))
	f.Add([]byte("II*\x00\x08\x00\x00\x00"))
	cat := scantest.NewCatalog(testPetition, 2)
	f.Fuzz(func(t *testing.T, data []byte) {
		srcs, err := scan.Split("fuzz.bin", data)
		if err != nil {
			if _, ok := err.(*scan.InputError); !ok {
				t.Fatalf("error %T is not an InputError", err)
			}
			return
		}
		for _, s := range srcs {
			r := scan.Analyse(s, cat)
			if !r.OK() && r.Count != 0 {
				t.Fatalf("a page with a problem has a count")
			}
		}
	})
}
