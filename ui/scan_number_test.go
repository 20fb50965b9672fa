package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// TestScanSheetNumberDialog: a page of this app's sheet with both QR
// codes crossed out comes as a page to attach; the Sheet number dialog
// shows the page and asks for the number printed on it; a number never
// printed is refused with the reason, the right one reads the page as
// that sheet's page, counted.
func TestScanSheetNumberDialog(t *testing.T) {
	fx := newScanFixture(t)
	sheet := fx.sheets[1].Number
	parts := layout.SplitSheet(layout.A4, 1, fx.p.RowsFirstPage, fx.p.RowsPerSheet)
	pr := parts[1]
	rows := make([]scantest.Fill, pr.N)
	for i := 0; i < pr.N; i += 3 {
		rows[i] = scantest.Full
	}
	pg := scantest.Page{Payload: layout.Payload{Petition: layout.ShortID(fx.p.ID), Sheet: sheet, Page: 2,
		Paper: layout.A4, Kind: pr.Kind, First: pr.First, N: pr.N},
		Rows: rows, DPI: 150, Angle: 1, Noise: 3, Damage: scantest.BothCodes, Seed: 5}
	name := fx.write(t, "crossed.jpg", pg.JPEG())

	v := fx.open()
	v.addFiles([]string{name})
	test.Tap(v.start)
	if len(v.ses.items) != 1 || !v.ses.items[0].res.NoQR {
		t.Fatalf("the page with both codes crossed out: %+v", v.ses.items)
	}
	it := v.ses.items[0]
	v.results.Select(widget.TableCellID{Row: 0, Col: 0})
	ff := v.review.foreign
	if ff == nil || ff.byNumber.Disabled() {
		t.Fatal("no Sheet number button for the page")
	}
	ask := func(text string) {
		t.Helper()
		test.Tap(ff.byNumber)
		e := dialogEntry(t, fx)
		if e.Validate() == nil && text == "" {
			t.Fatal("an empty sheet number is accepted")
		}
		e.SetText(text)
		tapDialogButton(t, fx.st.win, "Read the page")
	}
	ask("99")
	if it.res.OK() || dialogText(fx.st.win) == "" {
		t.Fatalf("sheet 99 was never printed, yet the page was read: %+v", it.res.Problem)
	}
	tapDialogButton(t, fx.st.win, "OK")
	ask(strconv.Itoa(sheet))
	if !it.res.OK() || it.res.Sheet != sheet || it.res.SheetPage != 2 || it.count != pg.Truth() {
		t.Fatalf("read as sheet %d p.%d, counted %d of %d: %q", it.res.Sheet, it.res.SheetPage, it.count, pg.Truth(), it.res.Problem)
	}
	if v.review.item != it || v.review.foreign != nil {
		t.Fatal("the page is not shown for review as a counted page")
	}
}

// dialogEntry is the text entry of the top dialog.
func dialogEntry(t *testing.T, fx *scanFixture) *widget.Entry {
	t.Helper()
	top := fx.st.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	for _, o := range allObjects(top) {
		if e, ok := o.(*widget.Entry); ok {
			return e
		}
	}
	t.Fatal("no entry in the dialog")
	return nil
}
