package scan_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

const testPetition = "0199f0c2-7d1e-7a55-9c1b-5e6f7a8b9c0d"

// corpus returns the generated test pages: scanner pages at 150 and 300
// dpi, rotated up to ±5° and some upside down, phone-like photos with a
// border, perspective and strong uneven light, and blank sheets under
// heavy noise. Small enough to generate and scan in seconds.
func corpus() []scantest.Page {
	rng := rand.New(rand.NewPCG(2026, 6))
	var pages []scantest.Page
	add := func(n int, dpi float64, phone bool, blank bool) {
		for i := 0; i < n; i++ {
			sheet, page := 1+rng.IntN(5), 1+rng.IntN(2)
			pg := scantest.Page{
				Payload: scantest.Payload(testPetition, sheet, page),
				DPI:     dpi, Angle: (rng.Float64()*2 - 1) * 5, UpsideDown: rng.IntN(4) == 0,
				Noise: 3 + 7*rng.Float64(), Light: 0.35 * rng.Float64(), Quality: 60 + rng.IntN(31),
				Seed: rng.Uint64(),
			}
			if phone {
				pg.Margin, pg.Perspective, pg.Light = 0.04, 0.015+0.015*rng.Float64(), 0.3+0.2*rng.Float64()
			}
			pg.Rows = make([]scantest.Fill, pg.Payload.N)
			if !blank {
				for r := range pg.Rows {
					pg.Rows[r] = []scantest.Fill{scantest.Blank, scantest.Blank, scantest.Full, scantest.Full,
						scantest.Full, scantest.NameOnly, scantest.SignatureOnly, scantest.Crossed}[rng.IntN(8)]
				}
			} else {
				pg.Noise, pg.Light = 12, 0.45
			}
			pages = append(pages, pg)
		}
	}
	add(22, 150, false, false)
	add(5, 300, false, false)
	add(5, 200, true, false)
	add(4, 150, false, true)
	add(1, 600, false, false)
	add(2, 150, false, false) // US Letter sheets
	for i := len(pages) - 2; i < len(pages); i++ {
		pages[i].Payload.Paper = layout.Letter
	}
	for i, a := range []float64{88, -91.5} { // phone photos taken sideways
		add(1, 200, true, false)
		pages[len(pages)-1].Angle, pages[len(pages)-1].UpsideDown = a, i == 1
	}
	return pages
}

// writeCorpus renders the pages as JPEG files, in parallel.
func writeCorpus(t testing.TB, pages []scantest.Page) []string {
	dir := t.TempDir()
	files := make([]string, len(pages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, pg := range pages {
		files[i] = filepath.Join(dir, fmt.Sprintf("page%02d.jpg", i))
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := os.WriteFile(files[i], pg.JPEG(), 0o600); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	return files
}

func TestCorpus(t *testing.T) {
	pages := corpus()
	files := writeCorpus(t, pages)
	cat := scantest.NewCatalog(testPetition, 5)
	results := scan.Batch(context.Background(), files, cat, scan.Options{})
	if len(results) != len(pages) {
		t.Fatalf("%d results for %d pages", len(results), len(pages))
	}
	exact, rowsWrong := 0, 0
	minInk, maxBlank := 1.0, 0.0 // the margins either side of the ink threshold
	for i, r := range results {
		pg := pages[i]
		name := fmt.Sprintf("page %d (%.0f dpi, %.1f°, upside down %v, margin %.2f)", i, pg.DPI, pg.Angle, pg.UpsideDown, pg.Margin)
		if !r.OK() || r.Sheet != pg.Payload.Sheet || r.SheetPage != pg.Payload.Page || r.PetitionID != testPetition {
			t.Errorf("%s: not identified: %q (sheet %d page %d)", name, r.Problem, r.Sheet, r.SheetPage)
			continue
		}
		turned := (int(math.Round(pg.Angle/90)) + 4) * 90
		if pg.UpsideDown {
			turned += 180
		}
		if r.Turned != turned%360 || r.UpsideDown != (turned%360 == 180) {
			t.Errorf("%s: turned %d°, want %d°", name, r.Turned, turned%360)
		}
		if b := r.Rows[0].Box; b[0].X >= b[1].X || b[0].Y >= b[3].Y || r.ImageW >= r.ImageH {
			t.Errorf("%s: the stored %d×%d image is not upright: row box %v", name, r.ImageW, r.ImageH, b)
		}
		if r.Count == pg.Truth() {
			exact++
		} else {
			t.Logf("%s: counted %d, truth %d", name, r.Count, pg.Truth())
		}
		if pg.Truth() == 0 && r.Count > 0 {
			t.Errorf("%s: blank page counted %d", name, r.Count)
		}
		for j, row := range r.Rows {
			switch pg.Rows[j] {
			case scantest.Blank:
				maxBlank = max(maxBlank, row.Name, row.Signature)
			case scantest.NameOnly:
				minInk = min(minInk, row.Name)
			case scantest.SignatureOnly:
				minInk = min(minInk, row.Signature)
			}
			if row.Written != pg.Rows[j].Counts() {
				rowsWrong++
				t.Logf("%s row %d: fill %d, name %.4f sig %.4f struck %v", name, row.Number, pg.Rows[j], row.Name, row.Signature, row.Struck)
			}
		}
		if len(r.Image) == 0 || r.Rows[0].Crop == nil {
			t.Errorf("%s: no stored image or row crop", name)
		}
	}
	t.Logf("exact counts on %d of %d pages; %d rows misread; least ink in a written cell %.4f, most in a blank one %.4f",
		exact, len(pages), rowsWrong, minInk, maxBlank)
	if exact*100 < 98*len(pages) {
		t.Errorf("exact counts on %d of %d pages, want at least 98%%", exact, len(pages))
	}
}
