package scan_test

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// TestHardPages goes beyond the corpus: strong perspective, very uneven
// light, heavy noise at low JPEG quality, low resolution. Each is read
// exactly.
func TestHardPages(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	cases := []struct {
		name                        string
		persp, light, noise, margin float64
		q                           int
		dpi                         float64
	}{
		{"persp 0.04", 0.04, 0.3, 6, 0.04, 80, 200},
		{"persp 0.07", 0.07, 0.3, 6, 0.04, 80, 200},
		{"light 0.6", 0.01, 0.6, 6, 0.04, 80, 200},
		{"light 0.75", 0.01, 0.75, 6, 0.04, 80, 200},
		{"noise 15 q40", 0.01, 0.3, 15, 0.0, 40, 150},
		{"noise 25 q30", 0.01, 0.3, 25, 0.0, 30, 150},
		{"120 dpi", 0.0, 0.2, 5, 0.0, 75, 120},
		{"100 dpi", 0.0, 0.2, 5, 0.0, 75, 100},
	}
	for i, c := range cases {
		pg := testPage(uint64(100 + i))
		pg.Perspective, pg.Light, pg.Noise, pg.Margin, pg.Quality, pg.DPI, pg.Angle = c.persp, c.light, c.noise, c.margin, c.q, c.dpi, 3
		for r := range pg.Rows {
			pg.Rows[r] = scantest.Fill((r * 7) % 5)
		}
		r := scan.Analyse(scan.Source{File: "x.jpg", Page: 1, Data: pg.JPEG()}, cat)
		wrong := 0
		for j, row := range r.Rows {
			if row.Written != pg.Rows[j].Counts() {
				wrong++
			}
		}
		if !r.OK() || r.Count != pg.Truth() || wrong > 0 {
			t.Errorf("%s: problem %q, counted %d of %d, %d rows wrong", c.name, r.Problem, r.Count, pg.Truth(), wrong)
		}
	}
}

// TestPhotoAtAngle reads phone photos taken at an angle: 15 % keystone
// (either way) with a 5° turn, upright and upside down. The far corner's
// mark is found by a second, wider look from the marks already found, and
// the four marks give the full perspective transform.
func TestPhotoAtAngle(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	cases := []struct {
		name            string
		keystone, angle float64
		upsideDown      bool
	}{
		{"8 %", 0.08, 0, false},
		{"15 %, 5°", 0.15, 5, false},
		{"15 %, -5°", 0.15, -5, false},
		{"-15 %, 5°, upside down", -0.15, 5, true},
	}
	for i, c := range cases {
		pg := testPage(uint64(200 + i))
		pg.Keystone, pg.Angle, pg.UpsideDown, pg.Margin, pg.DPI, pg.Noise = c.keystone, c.angle, c.upsideDown, 0.12, 200, 4
		r := scan.Analyse(scan.Source{File: "photo.jpg", Page: 1, Data: pg.JPEG()}, cat)
		if !r.OK() || r.Count != pg.Truth() {
			t.Errorf("%s: problem %q, counted %d of %d (unsure %v)", c.name, r.Problem, r.Count, pg.Truth(), r.Unsure())
		}
	}
}

// TestBlackAndWhitePages reads a copier's black-and-white pages: plain
// threshold (the grey grid gone), dithered, and a negative (a CCITT TIFF
// whose BlackIsZero tag the decoder reads swapped): identified, and
// counted with no row wrong unflagged, dithered pages too.
func TestBlackAndWhitePages(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	for i, c := range []struct {
		name           string
		dither, invert bool
		dpi            float64
	}{
		{"threshold 300 dpi", false, false, 300},
		{"threshold 200 dpi", false, false, 200},
		{"dithered 300 dpi", true, false, 300},
		{"dithered 200 dpi", true, false, 200},
		{"dithered 150 dpi", true, false, 150},
		{"negative", false, true, 200},
	} {
		pg := testPage(uint64(300 + i))
		pg.DPI, pg.Noise, pg.Angle = c.dpi, 2, 0.7
		g := scantest.BlackAndWhite(pg.Render(), c.dither)
		if c.invert {
			for j := range g.Pix {
				g.Pix[j] = 255 - g.Pix[j]
			}
		}
		var buf bytes.Buffer
		png.Encode(&buf, g)
		r := scan.Analyse(scan.Source{File: "bw.png", Page: 1, Data: buf.Bytes()}, cat)
		if !r.OK() {
			t.Errorf("%s: problem %q", c.name, r.Problem)
			continue
		}
		// Without the grey grid some rows may be left to review, but no
		// row is wrong without a flag.
		for j, row := range r.Rows {
			if row.Written != pg.Rows[j].Counts() && row.Confidence >= scan.ReviewBelow {
				t.Errorf("%s: row %d wrong (written %v) without a flag", c.name, row.Number, row.Written)
			}
		}
		if r.SureCount() > pg.Truth() || r.SureCount()+len(r.Unsure()) < pg.Truth() {
			t.Errorf("%s: counted %d of %d, to review %v", c.name, r.SureCount(), pg.Truth(), r.Unsure())
		}
	}
}

// TestOneBitTIFF reads copiers' black-and-white pages saved as 1-bit
// TIFF, both photometric interpretations, thresholded and dithered: each
// is identified, and no row is wrong without a flag.
func TestOneBitTIFF(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	for i, c := range []struct {
		name                string
		dither, whiteIsZero bool
	}{
		{"threshold, WhiteIsZero", false, true},
		{"threshold, BlackIsZero", false, false},
		{"dithered, WhiteIsZero", true, true},
		{"dithered, BlackIsZero", true, false},
	} {
		pg := testPage(uint64(500 + i))
		pg.DPI, pg.Noise, pg.Angle = 200, 2, -0.8
		data := scantest.OneBitTIFF(scantest.BlackAndWhite(pg.Render(), c.dither), c.whiteIsZero)
		r := scan.Analyse(scan.Source{File: "bw.tif", Page: 1, Data: data}, cat)
		if !r.OK() || r.Sheet != pg.Payload.Sheet {
			t.Errorf("%s: sheet %d, problem %q", c.name, r.Sheet, r.Problem)
			continue
		}
		for j, row := range r.Rows {
			if row.Written != pg.Rows[j].Counts() && row.Confidence >= scan.ReviewBelow {
				t.Errorf("%s: row %d wrong (written %v) without a flag", c.name, row.Number, row.Written)
			}
		}
		if r.SureCount() > pg.Truth() || r.SureCount()+len(r.Unsure()) < pg.Truth() {
			t.Errorf("%s: counted %d of %d, to review %v", c.name, r.SureCount(), pg.Truth(), r.Unsure())
		}
	}
}

// TestLightPencil writes every row in pencil lighter than the printed
// grid: each written row is counted or left to review, never read as
// empty with confidence; blank rows stay blank.
func TestLightPencil(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 5)
	for i, grey := range []uint8{160, 180, 200} {
		pg := testPage(uint64(400 + i))
		pg.Pencil, pg.DPI = grey, 200
		r := scan.Analyse(scan.Source{File: "pencil.jpg", Page: 1, Data: pg.JPEG()}, cat)
		if !r.OK() {
			t.Fatalf("grey %d: %q", grey, r.Problem)
		}
		for j, row := range r.Rows {
			if row.Written != pg.Rows[j].Counts() && row.Confidence >= scan.ReviewBelow {
				t.Errorf("grey %d row %d: written %v with confidence %.2f", grey, row.Number, row.Written, row.Confidence)
			}
		}
		t.Logf("grey %d: counted %d of %d, to review %v", grey, r.SureCount(), pg.Truth(), r.Unsure())
	}
}
