package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

// A deadline typed in the user's form reopens in that form, and the
// Petitions list and Sheets write it the same way, in each language.
func TestEditorDatesReopenAsTyped(t *testing.T) {
	t.Cleanup(func() { setLanguage("en") })
	for _, tc := range []struct{ code, typed, shown string }{
		{"de", "20.01.2027", "20.01.2027"},
		{"fr", "20/01/2027", "20/01/2027"},
		{"fr", "20.01.2027", "20/01/2027"},
		{"en", "20 Jan 2027", "20 Jan 2027"},
		{"en", "2027-01-20", "20 Jan 2027"},
	} {
		t.Run(tc.code+" "+tc.typed, func(t *testing.T) {
			st, _ := newTestState(t, true)
			setLanguage(tc.code)
			p := *st.petition()
			e := newEditor(st, &p, func() {})
			show(st, e.content)
			e.deadline.entry.SetText("")
			test.Type(e.deadline.entry, tc.typed)
			if e.deadline.msg.Visible() {
				t.Fatalf("%q refused: %s", tc.typed, e.deadline.msg.Text)
			}
			test.Tap(e.save)
			saved := st.petition()
			if saved.Deadline != (petition.Date{Year: 2027, Month: 1, Day: 20}) {
				t.Fatalf("stored deadline %v (dialog %q)", saved.Deadline, dialogText(st.win))
			}
			again := newEditor(st, saved, func() {})
			if again.deadline.entry.Text != tc.shown {
				t.Errorf("reopens as %q, want %q", again.deadline.entry.Text, tc.shown)
			}
			list := newPetitionsScreen(st)
			it := listItem(t, list)
			if want := fmtDate(saved.PostBy()); it.postBy.Text != T("post by %s", want) {
				t.Errorf("list post-by %q", it.postBy.Text)
			}
			sheets := newSheetsScreen(st)
			if want := fmtDate(saved.Deadline); want != tc.shown || !strings.Contains(sheets.summaryText(), want) {
				t.Errorf("Sheets says %q, want the deadline as %q", sheets.summaryText(), tc.shown)
			}
		})
	}
}

// English takes no slashes: 03/04 could be March or April.
func TestEnglishDatesRefuseSlashes(t *testing.T) {
	setLanguage("en")
	if _, err := parseDate("03/04/2027"); err == nil {
		t.Error("03/04/2027 accepted in English")
	}
}

// The wheel over a box whose text fits scrolls the editor's page; a box
// holding more than it shows keeps the wheel to scroll itself.
func TestEditorBoxesPassTheWheelToThePage(t *testing.T) {
	st, _ := newTestState(t, true)
	p := *st.petition()
	e := newEditor(st, &p, func() {})
	show(st, e.content)
	st.win.Resize(fyne.NewSize(1100, 600))
	catcher := func(f *field) *wheelCatcher {
		for _, o := range allObjects(f.box) {
			if c, ok := o.(*wheelCatcher); ok {
				return c
			}
		}
		t.Fatalf("no wheel catcher over %q", f.label.Text)
		return nil
	}
	c := catcher(e.demands)
	if !c.Visible() {
		t.Fatal("the demands box (two lines in five) keeps the wheel")
	}
	before := e.page.Offset.Y
	c.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -120)})
	if e.page.Offset.Y <= before {
		t.Errorf("the page did not scroll: offset %v → %v", before, e.page.Offset.Y)
	}
	e.demands.entry.SetText("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine")
	if c.Visible() {
		t.Error("a box with more lines than it shows passes the wheel on: its own text could not be scrolled")
	}
	if !catcher(e.targets[0].address).Visible() || !catcher(e.title).Visible() {
		t.Error("the address box and the title keep the wheel")
	}
}

// The postal address box shows four lines and more; the salutation says
// it opens the letter.
func TestTargetAddressShowsFourLinesAndSalutationHint(t *testing.T) {
	st, _ := newTestState(t, true)
	p := *st.petition()
	e := newEditor(st, &p, func() {})
	show(st, e.content)
	addr := e.targets[0].address.entry
	addr.SetText("Ministry of Internal Affairs\nGorodskoy Val 4\n220030 Minsk\nBelarus")
	if needsOwnScroll(addr, addr.Size()) {
		t.Errorf("a four-line address does not fit its box (%v)", addr.Size())
	}
	if !strings.Contains(strings.Join(windowTexts(st.win), "|"), "The salutation opens the letter") {
		t.Error("nothing says the salutation is added to the letter")
	}
}
