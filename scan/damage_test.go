package scan_test

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// damagedPage is a filled page with its identity harmed: page 1 or 2 of
// sheet 3, upright or upside down, at a few resolutions.
func damagedPage(seed uint64, d scantest.Damage) scantest.Page {
	page := 1 + int(seed%2)
	pg := scantest.Page{Payload: scantest.Payload(testPetition, 3, page), DPI: []float64{150, 200, 300}[seed%3],
		Angle: float64(int(seed%5)) - 2, UpsideDown: seed%4 == 3, Noise: 4, Light: 0.2, Damage: d, Seed: seed}
	pg.Rows = make([]scantest.Fill, pg.Payload.N)
	for i := range pg.Rows {
		pg.Rows[i] = scantest.Fill((int(seed) + i*3) % 5)
	}
	return pg
}

// savePage keeps a failing page as PNG in $PETITIONDESK_SCAN_OUT, to look at.
func savePage(t *testing.T, name string, pg scantest.Page) {
	dir := os.Getenv("PETITIONDESK_SCAN_OUT")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, pg.Render())
}

// TestSpareCodeReads: a pen line across the main QR code, or the corner
// with it torn off, still identifies the page by the second code, and
// the page counts as before.
func TestSpareCodeReads(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	for _, d := range []scantest.Damage{scantest.PenOverQR, scantest.TornCorner} {
		for seed := uint64(1); seed <= 6; seed++ {
			pg := damagedPage(seed, d)
			r := scan.Analyse(scan.Source{File: "x.jpg", Page: 1, Data: pg.JPEG()}, cat)
			if !r.OK() || r.Sheet != 3 || r.SheetPage != pg.Payload.Page || r.Count != pg.Truth() {
				t.Errorf("damage %d seed %d: problem %q, sheet %d p.%d, counted %d of %d", d, seed, r.Problem, r.Sheet, r.SheetPage, r.Count, pg.Truth())
				savePage(t, fmt.Sprintf("damage%d-%d", d, seed), pg)
			}
		}
	}
}

// TestSheetNumberGiven: with both codes crossed out the page is not
// identified and says so; given the sheet number a person read off it,
// the page is fitted by its corner marks, its page of the sheet found
// from its table, and counted.
func TestSheetNumberGiven(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	for seed := uint64(1); seed <= 6; seed++ {
		pg := damagedPage(seed, scantest.BothCodes)
		src := scan.Source{File: "x.jpg", Page: 1, Data: pg.JPEG()}
		if r := scan.Analyse(src, cat); r.OK() || !r.NoQR {
			t.Errorf("seed %d: both codes crossed out, yet read: %q", seed, r.Problem)
		}
		r := scan.AnalyseSheet(src, cat, scan.SheetHint{PetitionID: testPetition, Sheet: 3})
		if !r.OK() || r.Sheet != 3 || r.SheetPage != pg.Payload.Page || r.Count != pg.Truth() || r.UpsideDown != pg.UpsideDown {
			t.Errorf("seed %d: problem %q, sheet %d p.%d (want p.%d), upside down %v, counted %d of %d", seed, r.Problem, r.Sheet, r.SheetPage, pg.Payload.Page, r.UpsideDown, r.Count, pg.Truth())
			savePage(t, fmt.Sprintf("both-%d", seed), pg)
		}
	}
	// A sheet never printed is refused, and so is a petition not here.
	pg := damagedPage(1, scantest.BothCodes)
	src := scan.Source{File: "x.jpg", Page: 1, Data: pg.JPEG()}
	if r := scan.AnalyseSheet(src, cat, scan.SheetHint{PetitionID: testPetition, Sheet: 9}); r.OK() {
		t.Error("sheet 9 was never printed, yet the page was taken for it")
	}
	if r := scan.AnalyseSheet(src, cat, scan.SheetHint{PetitionID: "other", Sheet: 3}); r.OK() {
		t.Error("an unknown petition was accepted")
	}
}
