package scan_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// The field set is pages made the way volunteers make them, generated
// here and never kept in the repository: flatbed and phone, tilted and
// upside down, phone photos at an angle (keystone up to 15 %), JPEG at
// quality 40, uneven light and noise, copiers' black-and-white mode
// (thresholded, and dithered on one page in 13),
// first pages of sheets (three rows under the letter) among the rows
// pages, writing that runs over the row lines into blank rows, a pen
// line across the main QR code or the corner with it torn off, light
// pencil (grey 150-200) on one JPEG page in ten,
// WebP, multi-page TIFFs from a sheet feeder and PDFs of scans. The
// test reports the figures docs/PERFORMANCE.md quotes. CI runs a small
// set; PETITIONDESK_SCAN_FIELD=N runs N pages, PETITIONDESK_SCAN_SEED=S
// draws another set (the figures must hold for any seed).

// fieldPage is one generated page and how it is delivered.
type fieldPage struct {
	scantest.Page
	kind string // jpeg, bw, dither, webp, tiff, pdf
}

// bwPNG is a copier's black-and-white page: thresholded, or dithered.
func bwPNG(fp fieldPage) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, scantest.BlackAndWhite(fp.Render(), fp.kind == "dither"))
	return buf.Bytes()
}

func fieldSet(n int, seed uint64) []fieldPage {
	rng := rand.New(rand.NewPCG(seed, 16))
	kinds := []string{"jpeg", "jpeg", "jpeg", "phone", "phone", "q40", "bw", "webp", "tiff", "pdf", "pen", "torn", "dither"}
	out := make([]fieldPage, n)
	for i := range out {
		sheet, page := 1+rng.IntN(5), 2
		if i%4 == 1 {
			page = 1 // a sheet's first page: the letter, three rows under it
		}
		pg := scantest.Page{Payload: scantest.Payload(testPetition, sheet, page), DPI: 150 + 50*float64(rng.IntN(3)),
			Angle: (rng.Float64()*2 - 1) * 5, UpsideDown: rng.IntN(5) == 0, Noise: 2 + 6*rng.Float64(),
			Light: 0.3 * rng.Float64(), Quality: 60 + rng.IntN(31), Seed: rng.Uint64()}
		fp := fieldPage{Page: pg, kind: kinds[i%len(kinds)]}
		// Every third page has writing running into the blank rows below:
		// long descenders and signatures on the row line.
		fp.Spill = i%3 == 2
		switch fp.kind {
		case "phone":
			fp.Margin, fp.Keystone, fp.Light, fp.DPI = 0.12, (rng.Float64()*2-1)*0.15, 0.2+0.3*rng.Float64(), 200
			fp.kind = "jpeg"
		case "q40":
			fp.Quality, fp.Noise, fp.kind = 40, 8+6*rng.Float64(), "jpeg"
		case "bw", "dither":
			fp.Light, fp.Noise = 0.1*rng.Float64(), 2
		case "pen": // a pen line across the main QR code
			fp.Damage, fp.kind = scantest.PenOverQR, "jpeg"
		case "torn": // the corner with the main code torn off
			fp.Damage, fp.kind = scantest.TornCorner, "jpeg"
		}
		if rng.IntN(10) == 0 && fp.kind == "jpeg" {
			fp.Pencil = uint8(150 + rng.IntN(50)) // a light pencil, every row
		}
		// Fills are drawn for a rows page's 27 rows always, so a first page
		// takes the same random draws as the rows page it replaces.
		fp.Rows = make([]scantest.Fill, scantest.Payload(testPetition, 1, 2).N)
		for r := range fp.Rows {
			fp.Rows[r] = []scantest.Fill{scantest.Blank, scantest.Blank, scantest.Full, scantest.Full,
				scantest.Full, scantest.NameOnly, scantest.SignatureOnly, scantest.Crossed}[rng.IntN(8)]
		}
		fp.Rows = fp.Rows[:fp.Payload.N]
		out[i] = fp
	}
	return out
}

// writeFieldSet writes the pages as files: TIFF and PDF pages two to a
// file (a feeder's batch), the rest one to a file.
func writeFieldSet(t *testing.T, pages []fieldPage) []string {
	dir := t.TempDir()
	var files []string
	for i := 0; i < len(pages); i++ {
		fp := pages[i]
		var data []byte
		switch fp.kind {
		case "bw", "dither":
			data = bwPNG(fp)
		case "webp":
			data = scantest.WebP(fp.Render())
		case "tiff":
			data = scantest.MultiTIFF(fp.Render(), pages[i+1].Render())
			i++
		case "pdf":
			data = pdfOf(t, fp.JPEG(), pages[i+1].JPEG())
			i++
		default:
			data = fp.JPEG()
		}
		name := filepath.Join(dir, fmt.Sprintf("page%03d.%s", i, fp.kind))
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	return files
}

func TestFieldSet(t *testing.T) {
	n := 20
	if v, err := strconv.Atoi(os.Getenv("PETITIONDESK_SCAN_FIELD")); err == nil && v > 0 {
		n = v
	}
	seed := uint64(2026)
	if v, err := strconv.ParseUint(os.Getenv("PETITIONDESK_SCAN_SEED"), 10, 64); err == nil {
		seed = v
	}
	pages := fieldSet(n, seed)
	// A TIFF or PDF takes the next page too (writeFieldSet).
	if k := pages[len(pages)-1].kind; k == "tiff" || k == "pdf" {
		pages[len(pages)-1].kind = "jpeg"
	}
	files := writeFieldSet(t, pages)
	res := scan.Batch(context.Background(), files, scantest.NewCatalog(testPetition, 5), scan.Options{})
	if len(res) != len(pages) {
		t.Fatalf("%d results for %d pages: pages dropped", len(res), len(pages))
	}
	identified, exact, sureExact, silent, flagged := 0, 0, 0, 0, 0
	for i, r := range res {
		fp := pages[i]
		if r.File == "" {
			t.Errorf("page %d (%s) dropped", i, fp.kind)
		}
		if !r.OK() || r.Sheet != fp.Payload.Sheet || r.SheetPage != fp.Payload.Page {
			t.Logf("page %d (%s): not identified: %q", i, fp.kind, r.Problem)
			continue
		}
		identified++
		if r.Count == fp.Truth() {
			exact++
		}
		if r.SureCount() == fp.Truth() {
			sureExact++ // what the page stores until its rows to review are confirmed
		}
		if u := r.Unsure(); len(u) > 0 || r.Count != fp.Truth() {
			flagged += min(len(u), 1)
			t.Logf("page %d (%s, %.0f dpi, keystone %.2f, q %d, pencil %d, spill %v, damage %d): counted %d of %d, to review %v",
				i, fp.kind, fp.DPI, fp.Keystone, fp.Quality, fp.Pencil, fp.Spill, fp.Damage, r.Count, fp.Truth(), u)
		}
		logWrongRows(t, r, fp)
		for j, row := range r.Rows {
			if row.Written != fp.Rows[j].Counts() && row.Confidence >= scan.ReviewBelow {
				silent++
				t.Errorf("page %d (%s) row %d: read %v without a flag", i, fp.kind, row.Number, row.Written)
			}
		}
	}
	t.Logf("field set (seed %d): %d pages; identified %d (%.1f %%); count exact %d (%.1f %%); stored count (rows to review left out) exact %d (%.1f %%); with rows to review %d; silently wrong %d; dropped %d",
		seed, len(pages), identified, 100*float64(identified)/float64(len(pages)), exact, 100*float64(exact)/float64(len(pages)),
		sureExact, 100*float64(sureExact)/float64(len(pages)), flagged, silent, len(pages)-len(res))
	if identified*100 < 98*len(pages) {
		t.Errorf("identified %d of %d: want 98 %%", identified, len(pages))
	}
	// On the small CI set one page is 5 %: the exact share is held to
	// 97 % on the full set only; a wrong count always carries a flag
	// (checked row by row above).
	if n >= 100 && exact*100 < 97*len(pages) {
		t.Errorf("count exact on %d of %d: want 97 %%", exact, len(pages))
	}
}

// logWrongRows logs each misread row of a page with what it holds and
// what the rows around it hold, to tell why pages are inexact.
func logWrongRows(t *testing.T, r scan.Result, fp fieldPage) {
	names := []string{"blank", "full", "name", "signature", "crossed"}
	fill := func(j int) string {
		if j < 0 || j >= len(fp.Rows) {
			return "-"
		}
		return names[fp.Rows[j]]
	}
	for j, row := range r.Rows {
		if row.Written != fp.Rows[j].Counts() {
			t.Logf("  wrong row %d: read %v struck %v (conf %.2f; ink %.3f %.3f %.3f), holds %s; above %s, below %s",
				row.Number, row.Written, row.Struck, row.Confidence, row.Name, row.Address, row.Signature, fill(j), fill(j-1), fill(j+1))
		}
	}
}

// TestFieldPages looks again at chosen pages of a field set, to see why
// they failed: PETITIONDESK_SCAN_ONLY=7,20 (page indices as logged, with
// PETITIONDESK_SCAN_FIELD and PETITIONDESK_SCAN_SEED as in the run) reads
// them as PNG and writes them to $PETITIONDESK_SCAN_OUT.
func TestFieldPages(t *testing.T) {
	only := os.Getenv("PETITIONDESK_SCAN_ONLY")
	if only == "" {
		t.Skip("PETITIONDESK_SCAN_ONLY names no pages")
	}
	n, _ := strconv.Atoi(os.Getenv("PETITIONDESK_SCAN_FIELD"))
	seed, _ := strconv.ParseUint(os.Getenv("PETITIONDESK_SCAN_SEED"), 10, 64)
	pages := fieldSet(max(n, 20), seed)
	cat := scantest.NewCatalog(testPetition, 5)
	for _, s := range strings.Split(only, ",") {
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= len(pages) {
			t.Fatalf("no page %q", s)
		}
		fp := pages[i]
		var data []byte
		if fp.kind == "bw" || fp.kind == "dither" {
			data = bwPNG(fp)
		} else {
			data = fp.Encode(fp.Render())
		}
		r := scan.Analyse(scan.Source{File: "x", Page: 1, Data: data}, cat)
		t.Logf("page %d (%s, %.0f dpi, angle %.1f, upside down %v, keystone %.2f, margin %.2f, pencil %d, damage %d, spill %v): problem %q; counted %d of %d, to review %v",
			i, fp.kind, fp.DPI, fp.Angle, fp.UpsideDown, fp.Keystone, fp.Margin, fp.Pencil, fp.Damage, fp.Spill, r.Problem, r.Count, fp.Truth(), r.Unsure())
		for j, row := range r.Rows {
			if row.Written != fp.Rows[j].Counts() {
				t.Logf("  row %d: read %v (conf %.2f), truth %v", row.Number, row.Written, row.Confidence, fp.Rows[j])
			}
		}
		if dir := os.Getenv("PETITIONDESK_SCAN_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("field%03d.jpg", i)), data, 0o600)
		}
	}
}
