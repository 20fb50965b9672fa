package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/store"
)

func newTestOpener(t *testing.T, dir string) (*opener, **store.Store) {
	test.NewTempApp(t)
	setLanguage("en")
	var got *store.Store
	o := &opener{win: test.NewTempWindow(t, nil), dir: dir, run: func(f func()) { f() },
		dialogs: &testDialogs{},
		opened:  func(s *store.Store) { got = s; t.Cleanup(func() { s.Close() }) }}
	return o, &got
}

func TestPassphraseAtStart(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(store.Options{Dir: dir, Passphrase: "market stall 7"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	o, got := newTestOpener(t, dir)
	o.try("")
	if *got != nil || o.pass == nil {
		t.Fatal("an encrypted database must ask for its passphrase")
	}
	test.Type(o.pass, "wrong words")
	o.submit()
	if *got != nil || !strings.Contains(o.status.Text, "passphrase is wrong") {
		t.Fatalf("wrong passphrase: opened %v, status %q", *got != nil, o.status.Text)
	}
	test.Type(o.pass, "market stall 7")
	o.submit()
	if *got == nil {
		t.Fatalf("the right passphrase did not open the database: %q", o.status.Text)
	}
}

func TestAlreadyOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, got := newTestOpener(t, dir)
	o.try("")
	if *got != nil {
		t.Fatal("a second copy must not open the database")
	}
	if text := strings.Join(windowTexts(o.win), " "); !strings.Contains(text, "(window or command) has "+dir+" open") {
		t.Errorf("no plain message: %q", text)
	}
}
