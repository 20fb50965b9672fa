package scan_test

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// TestFirstPages reads the first page of sheets (the letter above, three
// rows under it) with a few rows filled, through several distortions: no
// page goes unidentified and no row is misread without a flag. The last
// case is the early draft of the multi-page TIFF test that looked like a
// silent miscount (count 0, no flag): it kept a rows page's 27 fills on
// a three-row page, and the generator's truth counted the fills past the
// page's rows, which are never drawn. The scanner's 0 was right.
func TestFirstPages(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	fills := [][]scantest.Fill{
		{scantest.Full, scantest.Blank, scantest.Full},
		{scantest.Blank, scantest.SignatureOnly, scantest.Blank},
		{scantest.NameOnly, scantest.Full, scantest.Crossed},
		{scantest.Full, scantest.Full, scantest.Full},
	}
	cases := []struct {
		name string
		set  func(*scantest.Page)
		kind string
	}{
		{"flatbed 150 dpi, 3°", func(p *scantest.Page) { p.Angle = 3 }, "jpeg"},
		{"flatbed 300 dpi, upside down", func(p *scantest.Page) { p.DPI, p.UpsideDown, p.Angle = 300, true, -2 }, "jpeg"},
		{"phone, keystone 15 %, 5°", func(p *scantest.Page) { p.Margin, p.Keystone, p.Angle, p.DPI, p.Light = 0.12, 0.15, 5, 200, 0.35 }, "jpeg"},
		{"phone sideways", func(p *scantest.Page) { p.Margin, p.Perspective, p.Angle, p.DPI = 0.04, 0.02, 89, 200 }, "jpeg"},
		{"q40, heavy noise", func(p *scantest.Page) { p.Quality, p.Noise, p.Light = 40, 12, 0.3 }, "jpeg"},
		{"black and white 200 dpi", func(p *scantest.Page) { p.DPI, p.Noise, p.Angle = 200, 2, 0.7 }, "bw"},
		{"sheet feeder TIFF", func(p *scantest.Page) {}, "tiff"},
	}
	for i, c := range cases {
		pg := scantest.Page{Payload: scantest.Payload(testPetition, 3, 1), DPI: 150, Noise: 4, Seed: uint64(500 + i)}
		pg.Rows = fills[i%len(fills)]
		c.set(&pg)
		data := pg.JPEG()
		switch c.kind {
		case "bw":
			var buf bytes.Buffer
			png.Encode(&buf, scantest.BlackAndWhite(pg.Render(), false))
			data = buf.Bytes()
		case "tiff":
			data = scantest.MultiTIFF(pg.Render())
		}
		r := scan.Analyse(scan.Source{File: "first." + c.kind, Page: 1, Data: data}, cat)
		if !r.OK() || r.Sheet != 3 || r.SheetPage != 1 || len(r.Rows) != len(pg.Rows) {
			t.Errorf("%s: problem %q, sheet %d page %d, %d rows", c.name, r.Problem, r.Sheet, r.SheetPage, len(r.Rows))
			continue
		}
		checkRows(t, c.name, r, pg)
	}
}

// checkRows fails on a row misread without a flag, and on a count that
// is wrong while no row is flagged.
func checkRows(t *testing.T, name string, r scan.Result, pg scantest.Page) {
	t.Helper()
	for j, row := range r.Rows {
		if row.Written != pg.Rows[j].Counts() && row.Confidence >= scan.ReviewBelow {
			t.Errorf("%s row %d: read written=%v without a flag", name, row.Number, row.Written)
		}
	}
	if r.Count != pg.Truth() && len(r.Unsure()) == 0 {
		t.Errorf("%s: counted %d of %d with nothing to review", name, r.Count, pg.Truth())
	}
}

// TestTruthCountsRowsOnThePage: fills past the page's rows are not drawn
// and not counted.
func TestTruthCountsRowsOnThePage(t *testing.T) {
	pg := testPage(4)
	pg.Payload = scantest.Payload(testPetition, 3, 1)
	pg.Rows[0] = scantest.Blank
	if n := pg.Truth(); n != 0 {
		t.Fatalf("truth %d for a page whose three rows are blank", n)
	}
}
