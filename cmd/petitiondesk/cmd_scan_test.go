package main

import (
	"encoding/json"
	"image"
	"image/draw"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
	"github.com/petitiondesk/petitiondesk/store"
)

// scanData makes a data directory with the demo petition and two more
// printed sheets, and returns it with the petition and those sheets.
func scanData(t *testing.T) (dir string, p *petition.Petition, sheets []petition.Sheet) {
	t.Helper()
	dir = t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err = s.FindPetition("UA 147/20")
	if err != nil {
		t.Fatal(err)
	}
	if sheets, err = s.CreatePaperSheets(p.ID, 2, "Church hall", "Group"); err != nil {
		t.Fatal(err)
	}
	return dir, p, sheets
}

// sheetPages describes the two printed pages of a sheet: the letter page
// with the rows under the letter, then a page of rows.
func sheetPages(p *petition.Petition, sheet int) []layout.Payload {
	var out []layout.Payload
	for i, pr := range layout.SplitSheet(layout.A4, 1, p.RowsFirstPage, p.RowsPerSheet) {
		out = append(out, layout.Payload{Petition: layout.ShortID(p.ID), Sheet: sheet, Page: i + 1,
			Paper: layout.A4, Kind: pr.Kind, First: pr.First, N: pr.N})
	}
	return out
}

func fillEvery(n, k int) []scantest.Fill {
	rows := make([]scantest.Fill, n)
	for i := 0; i < n; i += k {
		rows[i] = scantest.Full
	}
	return rows
}

func paperTotal(t *testing.T, dir string) int {
	t.Helper()
	code, out, _ := cli(t, "totals", "--json", "--data", dir)
	var rows []petitionRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("totals: %q", out)
	}
	return rows[0].Paper
}

func TestScanCommand(t *testing.T) {
	dir, p, sheets := scanData(t)
	files := map[string][]byte{}
	var names []string
	truth := 0
	for i, pl := range sheetPages(p, sheets[0].Number) {
		pg := scantest.Page{Payload: pl, Rows: fillEvery(pl.N, 2+i), DPI: 150, Angle: 1.5, UpsideDown: i == 1, Noise: 5, Seed: uint64(i)}
		name := filepath.Join(t.TempDir(), "page"+string(rune('1'+i))+".jpg")
		files[name], truth = pg.JPEG(), truth+pg.Truth()
		names = append(names, name)
	}
	bad := filepath.Join(t.TempDir(), "notes.txt")
	files[bad] = []byte("not a scan")
	for n, b := range files {
		os.WriteFile(n, b, 0o600)
	}
	before := paperTotal(t, dir)

	// A dry run reports and stores nothing; the same page scanned twice
	// in it is counted once, as a real run would.
	again := filepath.Join(t.TempDir(), "again.jpg")
	os.WriteFile(again, files[names[0]], 0o600)
	code, out, _ := cli(t, append([]string{"scan", "--dry-run", "--data", dir, again}, names...)...)
	if code != 0 || !strings.Contains(out, "UA 147/20") || paperTotal(t, dir) != before || strings.Count(out, "the same page as") != 1 {
		t.Fatalf("dry run: %d %q", code, out)
	}
	// A real run with a bad file among the pages: the batch goes on.
	code, out, stderr := cli(t, append([]string{"scan", "--json", "--data", dir, bad}, names...)...)
	var lines []scanLine
	if err := json.Unmarshal([]byte(out), &lines); err != nil || len(lines) != 3 {
		t.Fatalf("scan: %v %q", err, out)
	}
	if code != 1 || !strings.Contains(stderr, "1 of 3 pages") || lines[0].Problem == "" {
		t.Fatalf("bad file: code %d %q %+v", code, stderr, lines[0])
	}
	for _, l := range lines[1:] {
		if !l.Stored || l.Problem != "" || l.Sheet != sheets[0].Number {
			t.Fatalf("page not stored: %+v", l)
		}
	}
	if got := paperTotal(t, dir); got != before+truth {
		t.Fatalf("paper total %d, want %d", got, before+truth)
	}
	// The same pages again: already scanned, not counted twice.
	code, out, _ = cli(t, append([]string{"scan", "--data", dir}, names...)...)
	if code != 0 || strings.Count(out, "already scanned") != 2 || paperTotal(t, dir) != before+truth {
		t.Fatalf("rescan: %d %q", code, out)
	}
	// A dry run knows the pages already stored too.
	if code, out, _ = cli(t, append([]string{"scan", "--dry-run", "--data", dir}, names...)...); strings.Count(out, "already scanned") != 2 {
		t.Fatalf("dry rescan: %d %q", code, out)
	}
	// A sheet printed elsewhere: pages attached by hand with the count.
	code, out, stderr = cli(t, "scan", "--data", dir, "--petition", "UA 147/20", "--sheet", "new", "--count", "12", names[0])
	if code != 0 || paperTotal(t, dir) != before+truth+12 {
		t.Fatalf("foreign sheet: %d %q %q", code, out, stderr)
	}
	if code, _, stderr := cli(t, "scan", "--data", dir, "--count", "3", names[0]); code != 2 || !strings.Contains(stderr, "--sheet") {
		t.Fatalf("--count without --sheet: %d %q", code, stderr)
	}
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if imgs, err := s.ScanPages(p.ID, sheets[0].Number); err != nil || len(imgs) != 2 {
		t.Fatalf("%d page images stored, %v", len(imgs), err)
	}
}

// TestScanRealBlankSheet prints a blank sheet with the real PDF export,
// on A4 and on US Letter, rasterises it with pdftoppm, writes into some
// rows, damages the main QR code and scans it back.
func TestScanRealBlankSheet(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftoppm is missing")
		}
		t.Skip("pdftoppm is not installed")
	}
	for _, paper := range []layout.Paper{layout.A4, layout.Letter} {
		t.Run(paper.String(), func(t *testing.T) { scanRealBlankSheet(t, paper) })
	}
}

func scanRealBlankSheet(t *testing.T, paper layout.Paper) {
	dir, _, _ := scanData(t)
	tmp := t.TempDir()
	pdf := filepath.Join(tmp, "blank.pdf")
	if code, _, stderr := cli(t, "export", "blank", "--data", dir, "--petition", "UA 147/20", "--sheets", "1", "--paper", paper.String(), "--out", pdf); code != 0 {
		t.Fatalf("export blank: %s", stderr)
	}
	if err := exec.Command("pdftoppm", "-r", "150", "-png", pdf, filepath.Join(tmp, "pg")).Run(); err != nil {
		t.Fatal(err)
	}
	pngs, _ := filepath.Glob(filepath.Join(tmp, "pg*.png"))
	if len(pngs) == 0 {
		t.Fatal("pdftoppm made no pages")
	}
	code, out, stderr := cli(t, append([]string{"scan", "--dry-run", "--json", "--data", dir}, pngs...)...)
	var blank []scanLine
	if code != 0 || json.Unmarshal([]byte(out), &blank) != nil {
		t.Fatalf("blank pages: %d %q %q", code, out, stderr)
	}
	var scans []string
	want := 0
	for i, l := range blank {
		if l.Rows != 0 {
			t.Fatalf("a blank page counted %d", l.Rows)
		}
		f, _ := os.Open(pngs[i])
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		up := image.NewRGBA(img.Bounds())
		draw.Draw(up, up.Bounds(), img, image.Point{}, draw.Src)
		pl := layout.Payload{Kind: layout.KindRows, First: 1, N: len(blank[i].RowDetail), Paper: paper}
		if len(blank[i].RowDetail) > 0 {
			pl.First = blank[i].RowDetail[0].Number
		}
		if l.SheetPage == 1 {
			pl.Kind = layout.KindLetter
		}
		// The main QR code crossed out on one page, torn off on the other:
		// the spare code of the real sheet identifies them.
		damage := []scantest.Damage{scantest.PenOverQR, scantest.TornCorner}[i%2]
		pg := scantest.Page{Payload: pl, Rows: fillEvery(pl.N, 2), DPI: 150, Angle: -2, Noise: 4, Damage: damage, Seed: uint64(i)}
		name := filepath.Join(tmp, "filled"+string(rune('a'+i))+".jpg")
		os.WriteFile(name, pg.Encode(pg.RenderOn(up)), 0o600)
		scans, want = append(scans, name), want+pg.Truth()
	}
	code, out, stderr = cli(t, append([]string{"scan", "--json", "--data", dir}, scans...)...)
	var filled []scanLine
	if code != 0 || json.Unmarshal([]byte(out), &filled) != nil {
		t.Fatalf("filled pages: %d %q %q", code, out, stderr)
	}
	got := 0
	for _, l := range filled {
		got += l.Rows
	}
	if got != want || want == 0 {
		t.Fatalf("counted %d on the real sheet, want %d", got, want)
	}
}

// TestScanSummaryCountsHEIC checks that HEIC photos are counted apart in
// the batch's last line.
func TestScanSummaryCountsHEIC(t *testing.T) {
	lines := []scanLine{{Problem: scan.ErrHEIC.Error()}, {Problem: "no QR code"}, {}}
	err := scanSummary(io.Discard, lines)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 pages could not be counted") || !strings.Contains(err.Error(), "1 HEIC photos skipped") {
		t.Fatalf("summary %v", err)
	}
}

// TestFlaggedRowsNotCounted checks that a row the scanner is unsure of
// is left to review, unless --accept-flagged counts it as read.
func TestFlaggedRowsNotCounted(t *testing.T) {
	r := &scan.Result{Count: 3, Confidence: 0.3, Rows: []scan.Row{
		{Number: 1, Written: true, Confidence: 1}, {Number: 2, Written: true, Confidence: 0.9},
		{Number: 3, Written: true, Confidence: 0.3}, {Number: 4, Confidence: 0.4}, {Number: 5, Confidence: 1}}}
	l := lineOf(r, false)
	if l.Rows != 2 || l.ToReview != 2 || !strings.Contains(l.Note, "row 3, 4") || !strings.Contains(l.Note, "not counted") {
		t.Fatalf("to review: %+v", l)
	}
	if l = lineOf(r, true); l.Rows != 3 || l.ToReview != 0 {
		t.Fatalf("--accept-flagged: %+v", l)
	}
	var out strings.Builder
	if err := scanSummary(&out, []scanLine{{ToReview: 2}, {ToReview: 1}}); err != nil || !strings.Contains(out.String(), "3 rows to review") {
		t.Fatalf("summary %q, %v", out.String(), err)
	}
}

// TestScanSheetNumber: a page with both QR codes crossed out is not
// counted, and the batch says to pass the number printed on the sheet;
// with --sheet N the page is read by its marks and stored.
func TestScanSheetNumber(t *testing.T) {
	dir, p, sheets := scanData(t)
	pl := sheetPages(p, sheets[1].Number)[1]
	pg := scantest.Page{Payload: pl, Rows: fillEvery(pl.N, 3), DPI: 150, Angle: 1, Noise: 4, Damage: scantest.BothCodes, Seed: 7}
	name := filepath.Join(t.TempDir(), "crossed.jpg")
	os.WriteFile(name, pg.JPEG(), 0o600)
	before := paperTotal(t, dir)
	code, out, stderr := cli(t, "scan", "--data", dir, name)
	if code != 1 || !strings.Contains(stderr, "--sheet N") || !strings.Contains(out, "--sheet N") {
		t.Fatalf("no code: %d %q %q", code, out, stderr)
	}
	code, out, stderr = cli(t, "scan", "--json", "--data", dir, "--petition", "UA 147/20", "--sheet", strconv.Itoa(sheets[1].Number), name)
	var lines []scanLine
	if code != 0 || json.Unmarshal([]byte(out), &lines) != nil || len(lines) != 1 || !lines[0].Stored || lines[0].SheetPage != 2 {
		t.Fatalf("--sheet: %d %q %q", code, out, stderr)
	}
	if got := paperTotal(t, dir); got != before+pg.Truth() {
		t.Fatalf("paper total %d, want %d", got, before+pg.Truth())
	}
	if code, _, stderr := cli(t, "scan", "--data", dir, "--sheet", "new", name); code != 2 || !strings.Contains(stderr, "--count") {
		t.Fatalf("--sheet new without --count: %d %q", code, stderr)
	}
}
