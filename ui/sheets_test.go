package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// rowButton returns the Strike/Unstrike button of the list row id.
func rowButton(t *testing.T, v *sheetView, id int) *widget.Button {
	t.Helper()
	item := newSheetRowItem()
	v.updateRow(id, item)
	for _, o := range allObjects(item) {
		if b, ok := o.(*widget.Button); ok {
			return b
		}
	}
	t.Fatal("no button in the row")
	return nil
}

func TestStrikeAndUnstrike(t *testing.T) {
	st, _ := newTestState(t, true)
	s := newSheetsScreen(st)
	show(st, s.content)
	if len(s.sheets) == 0 {
		t.Fatal("no sheets loaded")
	}
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.open)
	v := s.detail
	if v == nil || len(v.rows) != 30 {
		t.Fatalf("sheet 1 should show 30 rows, got %v", v)
	}
	before := valid(t, st)
	row := 1 // row 1 of the demo is already withdrawn; row 2 counts
	if b := rowButton(t, v, row); b.Text != "Strike" {
		t.Fatalf("button %q", b.Text)
	}
	test.Tap(rowButton(t, v, row))
	dlg := st.win.Canvas().Overlays().Top()
	for _, o := range allObjects(dlg) {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected("illegible")
		}
	}
	tapDialogButton(t, st.win, "Strike")
	sig, _ := st.store.SignatureByID(v.rows[row].sig.ID)
	if sig.Struck != petition.StrikeIllegible || valid(t, st) != before-1 {
		t.Fatalf("struck %q, valid %d (was %d)", sig.Struck, valid(t, st), before)
	}
	if !strings.Contains(v.head.Text, "2 struck") {
		t.Errorf("heading %q should count 2 struck rows", v.head.Text)
	}
	b := rowButton(t, v, row)
	if b.Text != "Unstrike" {
		t.Fatalf("button %q after striking", b.Text)
	}
	test.Tap(b)
	sig, _ = st.store.SignatureByID(v.rows[row].sig.ID)
	if sig.IsStruck() || valid(t, st) != before {
		t.Errorf("unstrike: struck %q, valid %d", sig.Struck, valid(t, st))
	}
}

func TestMarkSheetPosted(t *testing.T) {
	st, _ := newTestState(t, true)
	s := newSheetsScreen(st)
	show(st, s.content)
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.posted)
	for _, o := range allObjects(st.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "" {
			test.Type(e, "RR 123 456 CH")
		}
	}
	tapDialogButton(t, st.win, "Mark as posted")
	sh, err := st.store.SheetByNumber(st.petition().ID, s.sheets[0].Number)
	if err != nil || sh.Status != petition.SheetPosted || sh.Tracking != "RR 123 456 CH" || sh.PostedOn != petition.DateOf(testNow) {
		t.Fatalf("sheet %+v (%v)", sh, err)
	}
	if s.posted.Disabled() == false && s.current().Status == petition.SheetPosted {
		t.Error("a posted sheet cannot be posted again")
	}
}

func TestSheetWarnings(t *testing.T) {
	st, _ := newTestState(t, true)
	late := testNow.AddDate(0, 0, 52) // four days before the deadline: post-by has passed
	st.now = func() time.Time { return late }
	s := newSheetsScreen(st)
	show(st, s.content)
	var warned bool
	for i := range s.sheets {
		warned = warned || strings.Contains(sheetColumns[6].cell(s.line(i), widget.NewLabel("")), "post-by date")
	}
	if !warned || !strings.Contains(s.summary.Text, "post by date passed") {
		t.Errorf("no overdue warning: %q", s.summary.Text)
	}
}
