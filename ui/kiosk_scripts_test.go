package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A name holding a character no PDF font has is flagged under the field
// while it is typed (issue 15); names in the scripts the PDFs print are
// not, and the note goes when the character does.
func TestKioskUncoveredName(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	for _, name := range []string{"Nguyễn Thị", "محمد الأحمد", "王小明", "김민준", "देवनागरी"} {
		k.name.entry.SetText("")
		test.Type(k.name.entry, name)
		if k.name.msg.Visible() {
			t.Errorf("%q: a note shows: %q", name, k.name.msg.Text)
		}
	}
	k.name.entry.SetText("")
	test.Type(k.name.entry, "Nefer 𓀀")
	if !k.name.msg.Visible() || !strings.Contains(k.name.msg.Text, "𓀀") || k.name.msg.Color != theme.Color(theme.ColorNameWarning) {
		t.Fatalf("no warning for a hieroglyph: %v %q", k.name.msg.Visible(), k.name.msg.Text)
	}
	k.name.entry.SetText("Nefer")
	if k.name.msg.Visible() {
		t.Errorf("the note stays after the character went: %q", k.name.msg.Text)
	}
}
