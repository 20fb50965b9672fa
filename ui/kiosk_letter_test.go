package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// "Read the whole letter" shows every target, the whole letter and every
// demand; Close brings the form back as it was, and reading counts as
// someone at the form (the idle timer restarts).
func TestReadTheWholeLetter(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	p := st.petition()
	test.Type(k.name.entry, "Hélène Testperson")
	k.idle.lastInput = k.clock.Now().Add(-k.idle.after)
	test.Tap(buttonIn(t, k.content, "Read the whole letter"))
	text := dialogText(st.win)
	for _, want := range append([]string{p.Title, p.Targets[0].Name, p.Letter}, p.Demands...) {
		if !strings.Contains(text, want) {
			t.Errorf("the letter view lacks %q", want)
		}
	}
	if !k.clock.Now().Equal(k.idle.lastInput) {
		t.Error("reading the letter does not count as someone at the form")
	}
	tapDialogButton(t, st.win, "Close")
	if st.win.Canvas().Overlays().Top() != nil {
		t.Error("Close left the letter open")
	}
	if k.name.entry.Text != "Hélène Testperson" {
		t.Errorf("the form lost what was typed: %q", k.name.entry.Text)
	}
}

// buttonIn finds the button with text below o.
func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range allObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}
