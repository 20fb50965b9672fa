package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/store"
)

// TestSignerRights: search a name the way a user types it, export that
// person's rows, erase them; afterwards the name is nowhere in the window
// and a new search finds nothing.
func TestSignerRights(t *testing.T) {
	st, _ := newTestState(t, true)
	v := newSignersScreen(st)
	show(st, v.content)
	test.Type(v.query, "калеснікава")
	if n := len(mustAudit(t, st.store, store.ActionFind)); n != 0 {
		t.Fatalf("typing must not search (and audit) per keystroke: %d searches", n)
	}
	v.query.OnSubmitted(v.query.Text)
	if len(v.matches) == 0 {
		t.Fatalf("no match for the demo signer: %q", v.status.Text)
	}
	if n := len(mustAudit(t, st.store, store.ActionFind)); n != 1 {
		t.Fatalf("one search, %d audit entries", n)
	}
	if !strings.Contains(strings.Join(windowTexts(st.win), " "), "Марыя Калеснікава") {
		t.Fatal("the match is not listed")
	}
	if !v.erase.Disabled() {
		t.Error("Erase must wait until rows are ticked")
	}
	v.tickAll(true)

	var buf bytes.Buffer
	var name string
	stubSave(st, &buf, &name)
	test.Tap(v.export)
	tapDialogButton(t, st.win, "Write the file")
	if !strings.Contains(buf.String(), "Марыя Калеснікава") || !strings.Contains(name, "personal data") {
		t.Fatalf("export %q: %.200s", name, buf.String())
	}

	test.Tap(v.erase)
	tapDialogButton(t, st.win, "Erase")
	if text := dialogText(st.win); !strings.Contains(text, "Erased") {
		t.Fatalf("no report: %q", text)
	}
	tapDialogButton(t, st.win, "OK")
	assertNowhere(t, st.win, "Калеснікава")
	assertNowhere(t, st.win, "Kalesnikava")
	for _, screen := range []func(*appState) any{
		func(st *appState) any { s := newSheetsScreen(st); show(st, s.content); return s },
		func(st *appState) any { s := newAuditScreen(st); show(st, s.content); return s },
	} {
		screen(st)
		assertNowhere(t, st.win, "Калеснікава")
	}
	show(st, v.content)
	v.query.SetText("Kalesnikava")
	v.search()
	if len(v.matches) != 0 {
		t.Fatalf("the erased signer is still found: %v", len(v.matches))
	}
}

func TestSignerSearchNeedsTwoLetters(t *testing.T) {
	st, _ := newTestState(t, true)
	v := newSignersScreen(st)
	show(st, v.content)
	v.query.SetText(" a ")
	v.search()
	if !strings.Contains(v.status.Text, "two letters") || len(mustAudit(t, st.store, store.ActionFind)) != 0 {
		t.Fatalf("status %q", v.status.Text)
	}
}
