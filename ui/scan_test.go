package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
	"github.com/petitiondesk/petitiondesk/store"
)

// scanFixture is an on-disk database with the demo petition and two
// printed sheets, and a window on it.
type scanFixture struct {
	st     *appState
	p      *petition.Petition
	sheets []petition.Sheet
	dir    string // where the test's scan files go
}

func newScanFixture(t *testing.T) *scanFixture {
	t.Helper()
	a := test.NewTempApp(t)
	setLanguage("en")
	s, err := store.Open(store.Options{Dir: t.TempDir(), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := s.CreatePaperSheets(p.ID, 2, "Church hall", "Group")
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	st := newAppState(a, w, s)
	st.now = func() time.Time { return testNow }
	st.background = func(f func()) { f() }
	st.current = p
	return &scanFixture{st: st, p: p, sheets: sheets, dir: t.TempDir()}
}

// page writes a synthetic scan of page `page` of a printed sheet, with
// every k-th row signed, and returns the file and its true count.
func (fx *scanFixture) page(t *testing.T, sheet, page, k int, name string) (string, int) {
	t.Helper()
	parts := layout.SplitSheet(layout.A4, 1, fx.p.RowsFirstPage, fx.p.RowsPerSheet)
	pr := parts[page-1]
	rows := make([]scantest.Fill, pr.N)
	for i := 0; i < pr.N; i += k {
		rows[i] = scantest.Full
	}
	pg := scantest.Page{Payload: layout.Payload{Petition: layout.ShortID(fx.p.ID), Sheet: sheet, Page: page,
		Paper: layout.A4, Kind: pr.Kind, First: pr.First, N: pr.N},
		Rows: rows, DPI: 150, Angle: 1, Noise: 3, Seed: uint64(sheet*10 + page)}
	return fx.write(t, name, pg.JPEG()), pg.Truth()
}

func (fx *scanFixture) write(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(fx.dir, name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// open builds the Scan screen in the window.
func (fx *scanFixture) open() *scanScreen {
	v := newScanScreen(fx.st)
	show(fx.st, v.content)
	return v
}

func (fx *scanFixture) paper(t *testing.T) int {
	t.Helper()
	tot, err := fx.st.store.Totals(fx.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return tot.Paper
}

func (fx *scanFixture) scanPages(t *testing.T, sheet int) []store.ScanPage {
	t.Helper()
	list, err := fx.st.store.ScanPageList(fx.p.ID, sheet)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func cell(it *scanItem, col int) string { return scanColumns[col].cell(it, widget.NewLabel("")) }

func TestScanScreenReviewAcceptRescan(t *testing.T) {
	fx := newScanFixture(t)
	sheet := fx.sheets[0].Number
	good, truth := fx.page(t, sheet, 2, 3, "sheet-page2.jpg")
	bad := fx.write(t, "photo.jpg", []byte("this is not a picture"))
	before := fx.paper(t)

	v := fx.open()
	v.addFiles([]string{bad, good, good}) // the same file twice is listed once
	if len(v.ses.files) != 2 || v.start.Disabled() {
		t.Fatalf("files %v, scan disabled %v", v.ses.files, v.start.Disabled())
	}
	test.Tap(v.start)
	items := v.ses.items
	if len(items) != 2 {
		t.Fatalf("%d pages, want 2", len(items))
	}
	t.Run("a broken file is a problem line, the batch goes on", func(t *testing.T) {
		if got := cell(items[0], 7); !strings.Contains(got, "not a scan") || items[0].res.OK() {
			t.Fatalf("problem %q", got)
		}
		if cell(items[0], 4) != "—" || cell(items[0], 6) != "—" {
			t.Fatalf("a page with a problem shows a count: %q %q", cell(items[0], 4), cell(items[0], 6))
		}
	})
	it := items[1]
	t.Run("result row", func(t *testing.T) {
		want := []string{"sheet-page2.jpg", "1", fx.p.Reference, strconv.Itoa(sheet) + " p. 2", strconv.Itoa(truth)}
		for col, w := range want {
			if got := cell(it, col); got != w {
				t.Errorf("column %s: %q, want %q", scanColumns[col].title, got, w)
			}
		}
		if !strings.HasSuffix(cell(it, 5), "%") || cell(it, 6) != "to accept" {
			t.Errorf("confidence %q, status %q", cell(it, 5), cell(it, 6))
		}
		if !strings.Contains(v.status.Text, "Pages read: 2. Counted: 1") {
			t.Errorf("status %q", v.status.Text)
		}
	})
	t.Run("only compressed images are kept", func(t *testing.T) {
		if len(it.image) == 0 || len(it.crops) != len(it.res.Rows) || it.res.Image != nil {
			t.Fatalf("image %d bytes, %d crops for %d rows", len(it.image), len(it.crops), len(it.res.Rows))
		}
		for _, r := range it.res.Rows {
			if r.Crop != nil {
				t.Fatal("a decoded crop is kept")
			}
		}
	})

	v.results.Select(widget.TableCellID{Row: 1, Col: 0})
	rv := v.review
	t.Run("review pane", func(t *testing.T) {
		if rv.item != it || rv.base == nil || rv.page.Image == nil {
			t.Fatal("the page image is not shown")
		}
		if len(rv.crops) != len(it.res.Rows) || rv.crops[0] == nil {
			t.Fatalf("%d crops shown", len(rv.crops))
		}
		if rv.count.Text != strconv.Itoa(truth) {
			t.Fatalf("count prefilled %q, want %d", rv.count.Text, truth)
		}
		// The outline of row 1 (signed) is drawn in green on the page.
		b := it.res.Rows[0].Box[0]
		if !nearColour(rv.page.Image, int(float64(b.X)*rv.scale), int(float64(b.Y)*rv.scale), markCounts) {
			t.Error("row 1's outline is not marked")
		}
		rv.rows.Select(0)
		if !nearColour(rv.page.Image, int(float64(b.X)*rv.scale), int(float64(b.Y)*rv.scale), markSelected) {
			t.Error("the selected row is not highlighted")
		}
	})

	t.Run("a count out of range is refused", func(t *testing.T) {
		rv.count.SetText(strconv.Itoa(len(it.res.Rows) + 1))
		test.Tap(rv.accept)
		if !strings.Contains(dialogText(fx.st.win), "from 0 to") || fx.paper(t) != before {
			t.Fatalf("dialog %q", dialogText(fx.st.win))
		}
		tapDialogButton(t, fx.st.win, "OK")
	})

	t.Run("correct and accept", func(t *testing.T) {
		rv.count.SetText(strconv.Itoa(truth - 1))
		test.Tap(rv.accept)
		if got := fx.paper(t); got != before+truth-1 {
			t.Fatalf("paper total %d, want %d", got, before+truth-1)
		}
		pages := fx.scanPages(t, sheet)
		if len(pages) != 1 || pages[0].Count != truth-1 || !pages[0].Manual || pages[0].Page != 2 {
			t.Fatalf("stored pages %+v", pages)
		}
		if img, err := fx.st.store.ScanImage(fx.p.ID, sheet, 2); err != nil || len(img) == 0 {
			t.Fatalf("image not stored: %v", err)
		}
		if it.state != itemStored || it.image != nil || cell(it, 6) != "stored (sheet now "+strconv.Itoa(truth-1)+")" {
			t.Fatalf("state %q", cell(it, 6))
		}
		// The stored page is shown from the store.
		rv.show(it)
		if rv.base == nil {
			t.Fatal("the stored page is not shown")
		}
	})

	t.Run("the batch survives leaving the screen", func(t *testing.T) {
		v2 := fx.open()
		if len(v2.ses.items) != 2 || v2.review.item != it {
			t.Fatalf("%d pages, review of %v", len(v2.ses.items), v2.review.item)
		}
		v = v2
	})

	t.Run("rescanning asks before replacing", func(t *testing.T) {
		test.Tap(v.start)
		again := v.ses.items[1]
		v.results.Select(widget.TableCellID{Row: 1, Col: 0})
		test.Tap(v.review.accept)
		if !strings.Contains(dialogText(fx.st.win), "This page was scanned before. Replace it?") {
			t.Fatalf("no question: %q", dialogText(fx.st.win))
		}
		tapDialogButton(t, fx.st.win, "No")
		if got := fx.paper(t); got != before+truth-1 || again.state != itemKept {
			t.Fatalf("kept: paper %d, state %v", got, again.state)
		}
		test.Tap(v.review.accept)
		tapDialogButton(t, fx.st.win, "Yes")
		if got := fx.paper(t); got != before+truth || again.state != itemStored {
			t.Fatalf("replaced: paper %d, want %d", got, before+truth)
		}
		if pages := fx.scanPages(t, sheet); len(pages) != 1 || pages[0].Count != truth || pages[0].Manual {
			t.Fatalf("pages %+v", pages)
		}
	})
}

// nearColour reports whether a pixel within 2 of (x, y) has colour c.
func nearColour(img image.Image, x, y int, c color.RGBA) bool {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			r, g, b, _ := img.At(x+dx, y+dy).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(b>>8) == c.B {
				return true
			}
		}
	}
	return false
}

func TestScanScreenAcceptAllAndForeign(t *testing.T) {
	fx := newScanFixture(t)
	sheet := fx.sheets[1].Number
	p1, t1 := fx.page(t, sheet, 1, 1, "a-page1.jpg")
	p2, t2 := fx.page(t, sheet, 2, 4, "b-page2.jpg")
	foreign := fx.write(t, "c-acat.jpg", plainPage(t))
	before := fx.paper(t)

	v := fx.open()
	v.addFiles([]string{p1, p2, foreign})
	test.Tap(v.start)
	if len(v.ses.items) != 3 {
		t.Fatalf("%d pages", len(v.ses.items))
	}
	f := v.ses.items[2]
	if !f.res.NoQR || cell(f, 6) != "to attach" {
		t.Fatalf("foreign page: %+v %q", f.res.Problem, cell(f, 6))
	}
	want := 0
	for _, it := range v.ses.items[:2] {
		if !it.needsLook() {
			want += it.count
		}
	}
	t.Run("accept all without problems", func(t *testing.T) {
		test.Tap(v.acceptAll)
		if got := fx.paper(t); got != before+want {
			t.Fatalf("paper %d, want %d (truth %d)", got, before+want, t1+t2)
		}
		if f.state != itemNew || !v.acceptAll.Disabled() {
			t.Fatal("accept all touched the page printed elsewhere, or stays enabled")
		}
	})
	t.Run("a page printed elsewhere is attached by hand", func(t *testing.T) {
		paper := fx.paper(t)
		v.results.Select(widget.TableCellID{Row: 2, Col: 0})
		ff := v.review.foreign
		if ff == nil || ff.chosen() == nil || ff.chosen().ID != fx.p.ID || ff.chosenSheet() != 0 {
			t.Fatal("the form does not propose a new sheet of the current petition")
		}
		if v.review.base == nil || len(f.image) == 0 {
			t.Fatal("the page image is not shown")
		}
		ff.count.SetText(strconv.Itoa(fx.p.RowsPerSheet + 1))
		test.Tap(ff.attach)
		if !strings.Contains(dialogText(fx.st.win), "from 0 to") {
			t.Fatalf("count out of range accepted: %q", dialogText(fx.st.win))
		}
		tapDialogButton(t, fx.st.win, "OK")
		ff.count.SetText("12")
		test.Tap(ff.attach)
		if got := fx.paper(t); got != paper+12 || f.state != itemStored {
			t.Fatalf("paper %d, want %d", got, paper+12)
		}
		pages := fx.scanPages(t, f.res.Sheet)
		if len(pages) != 1 || !pages[0].Manual || pages[0].Count != 12 || f.res.Sheet <= sheet {
			t.Fatalf("sheet %d pages %+v", f.res.Sheet, pages)
		}
		if ff.chosenSheet() != f.res.Sheet || cell(f, 7) != "Printed elsewhere: counted by hand." || cell(f, 4) != "12" {
			t.Fatalf("form shows sheet %d; note %q, rows %q", ff.chosenSheet(), cell(f, 7), cell(f, 4))
		}
		if !ff.attach.Disabled() {
			t.Fatal("the page can be attached a second time")
		}
	})
}

// plainPage is a photo of a sheet without our QR code.
func plainPage(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 1240, 1754))
	for i := range img.Pix {
		img.Pix[i] = 240
	}
	for y := 200; y < 1600; y += 60 {
		for x := 100; x < 1140; x++ {
			img.Pix[y*img.Stride+x] = 40
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestScanProblemWords(t *testing.T) {
	setLanguage("en")
	fx := newScanFixture(t)
	files := map[string][]byte{"empty.jpg": nil, "notes.pdf": []byte("%PDF-1.4 broken"), "text.png": []byte("hello"),
		"photo.heic": []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")}
	var paths []string
	for name, b := range files {
		paths = append(paths, fx.write(t, name, b))
	}
	paths = append(paths, filepath.Join(fx.dir, "gone.jpg"))
	v := fx.open()
	v.addFiles(paths)
	test.Tap(v.start)
	if len(v.ses.items) != len(paths) {
		t.Fatalf("%d lines for %d files", len(v.ses.items), len(paths))
	}
	for _, it := range v.ses.items {
		got := cell(it, 7)
		if got == "" || got == it.res.Problem || strings.Contains(got, "scan.") {
			t.Errorf("%s: problem %q (scanner: %q)", filepath.Base(it.res.File), got, it.res.Problem)
		}
	}
	if !strings.Contains(v.ses.status, "HEIC photos skipped: 1") {
		t.Errorf("status %q does not count the HEIC photo", v.ses.status)
	}
}

func TestScanScreenCancel(t *testing.T) {
	fx := newScanFixture(t)
	good, _ := fx.page(t, fx.sheets[0].Number, 2, 2, "page.jpg")
	v := fx.open()
	v.addFiles([]string{good})
	fx.st.background = func(f func()) { v.cancel.OnTapped(); f() } // Cancel pressed at once
	test.Tap(v.start)
	if len(v.ses.items) != 0 || v.ses.running || v.start.Disabled() || !v.cancel.Disabled() {
		t.Fatalf("after cancel: %d pages, running %v", len(v.ses.items), v.ses.running)
	}
	if !strings.HasPrefix(v.status.Text, "Cancelled: nothing was stored.") {
		t.Fatalf("status %q", v.status.Text)
	}
}
