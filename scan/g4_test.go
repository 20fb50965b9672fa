package scan_test

import (
	"os"
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// TestG4TIFF reads real CCITT Group 4 TIFFs, as office copiers write
// them in "black & white" mode, with both photometric tags: Go has no G4
// encoder, so the two pages in testdata/g4 were made once with
// ImageMagick (`convert page.png -monochrome -compress Group4`, and with
// `-define quantum:polarity=min-is-black`) from testPage(700) at 200 dpi,
// turned 0.6°, thresholded by scantest.BlackAndWhite: sheet 2, seven
// written rows. A BlackIsZero G4 page used to be read as "no QR code found".
func TestG4TIFF(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	for _, name := range []string{"page-whiteiszero.tif", "page-blackiszero.tif"} {
		data, err := os.ReadFile("testdata/g4/" + name)
		if err != nil {
			t.Fatal(err)
		}
		r := scan.Analyse(scan.Source{File: name, Page: 1, Data: data}, cat)
		if !r.OK() || r.Sheet != 2 {
			t.Errorf("%s: sheet %d, problem %q", name, r.Sheet, r.Problem)
			continue
		}
		if r.SureCount() > 7 || r.SureCount()+len(r.Unsure()) < 7 {
			t.Errorf("%s: counted %d of 7, to review %v", name, r.SureCount(), r.Unsure())
		}
		t.Logf("%s: counted %d, to review %v", name, r.SureCount(), r.Unsure())
	}
}
