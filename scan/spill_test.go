package scan_test

import (
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// TestSpillIntoNextRow writes over the row lines into blank rows: long
// descenders reaching 30-60 % into the row below and signatures sitting
// on the line. Ink is attributed by connected strokes, so no blank row
// counts and no signature counts twice; a row is at most left to review.
func TestSpillIntoNextRow(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	cases := []struct {
		name  string
		dpi   float64
		angle float64
		q     int
	}{
		{"150 dpi", 150, -1, 85},
		{"200 dpi, 3°", 200, 3, 75},
		{"300 dpi, -4°", 300, -4, 85},
		{"150 dpi q40", 150, 2, 40},
	}
	for i, c := range cases {
		pg := scantest.Page{Payload: scantest.Payload(testPetition, 2, 2), DPI: c.dpi, Angle: c.angle, Noise: 4, Quality: c.q, Spill: true, Seed: uint64(600 + i)}
		pg.Rows = make([]scantest.Fill, pg.Payload.N)
		for r := 0; r < len(pg.Rows); r += 2 {
			pg.Rows[r] = []scantest.Fill{scantest.Full, scantest.SignatureOnly, scantest.NameOnly}[(r/2+i)%3]
		}
		r := scan.Analyse(scan.Source{File: "spill.jpg", Page: 1, Data: pg.JPEG()}, cat)
		if !r.OK() {
			t.Errorf("%s: %q", c.name, r.Problem)
			continue
		}
		checkRows(t, c.name, r, pg)
		t.Logf("%s: counted %d of %d, to review %v", c.name, r.Count, pg.Truth(), r.Unsure())
	}
}
