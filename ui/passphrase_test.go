package ui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/store"
)

// stubFiles returns file dialogs where saving writes to path and opening
// reads it.
func stubFiles(t *testing.T, path string) *testDialogs {
	t.Helper()
	d := &testDialogs{}
	d.saveFile = func(_ fyne.Window, _ string, write func(io.WriteCloser)) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		write(f)
	}
	d.openFile = func(_ fyne.Window, read func(io.ReadCloser)) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		read(f)
	}
	return d
}

// TestFirstStart: a new data directory asks for a passphrase twice,
// refuses a short or mismatched one, makes an encrypted database, and
// offers a recovery key that later sets a new passphrase.
func TestFirstStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data") // does not exist yet, as on a first start
	keyFile := filepath.Join(t.TempDir(), "recovery.txt")
	files := stubFiles(t, keyFile)
	o, got := newTestOpener(t, dir)
	o.dialogs = files
	o.start("")
	if *got != nil || o.newPass == nil {
		t.Fatal("a new database must ask for a passphrase first")
	}
	if text := strings.Join(windowTexts(o.win), " "); !strings.Contains(text, "the data is lost") {
		t.Errorf("no plain warning that a lost passphrase loses the data: %q", text)
	}
	steps := []struct{ pass, again, want string }{
		{"short", "short", "too short"},
		{"market stall 7", "market stall 8", "not the same"},
	}
	for _, s := range steps {
		o.newPass.pass.SetText(s.pass)
		o.newPass.again.SetText(s.again)
		o.submitNew()
		if *got != nil || !strings.Contains(o.newPass.status.Text, s.want) {
			t.Fatalf("%q/%q: opened %v, status %q, want %q", s.pass, s.again, *got != nil, o.newPass.status.Text, s.want)
		}
	}
	o.newPass.pass.SetText("market stall 7")
	o.newPass.again.SetText("market stall 7")
	o.submitNew()
	s := *got
	if s == nil || !s.Encrypted() || !o.created {
		t.Fatalf("the database must open encrypted: %v", s)
	}

	// The recovery key offered after the first start goes to a file.
	st := newAppState(fyne.CurrentApp(), o.win, s)
	st.dialogs = files
	st.background = func(f func()) { f() }
	offerRecoveryKey(st)
	tapDialogButton(t, o.win, "Save a recovery key…")
	b, err := os.ReadFile(keyFile)
	if err != nil || !strings.Contains(string(b), "PDRK-") {
		t.Fatalf("recovery key file: %q, %v", b, err)
	}
	s.Close()
	if state, _ := store.Inspect(dir); !state.Encrypted || !state.RecoveryKey || state.New {
		t.Fatalf("after the first start: %+v", state)
	}

	// The passphrase is lost: the recovery key file sets a new one.
	o2, got2 := newTestOpener(t, dir)
	o2.dialogs = files
	o2.start("")
	if o2.pass == nil {
		t.Fatal("an encrypted database must ask for its passphrase, not for a new one")
	}
	o2.forgot()
	if o2.newPass == nil {
		t.Fatal("the recovery key file did not lead to a new passphrase")
	}
	o2.newPass.pass.SetText("a new market stall")
	o2.newPass.again.SetText("a new market stall")
	o2.submitReset(store.FindRecoveryKey(string(b)))
	if *got2 == nil {
		t.Fatalf("the reset did not open the database: %q", o2.newPass.status.Text)
	}
	(*got2).Close()
	if _, err := store.Open(store.Options{Dir: dir, Passphrase: "market stall 7"}); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens the database: %v", err)
	}
}

func TestFirstStartWithoutEncryption(t *testing.T) {
	o, got := newTestOpener(t, filepath.Join(t.TempDir(), "data"))
	o.start("")
	o.askPlain()
	if text := dialogText(o.win); !strings.Contains(text, "can read every signer") {
		t.Errorf("no clear warning before a database without encryption: %q", text)
	}
	tapDialogButton(t, o.win, "Continue without encryption")
	if *got == nil || (*got).Encrypted() {
		t.Fatal("continuing without encryption must open a plain database")
	}
}

// TestFirstStartFromEnvironment: with PETITIONDESK_PASSPHRASE set, and
// on a database that exists (as made by `petitiondesk demo`), nothing is asked.
func TestFirstStartFromEnvironment(t *testing.T) {
	o, got := newTestOpener(t, filepath.Join(t.TempDir(), "data"))
	o.start("from the environment")
	if *got == nil || !(*got).Encrypted() || o.newPass != nil {
		t.Fatal("PETITIONDESK_PASSPHRASE must make an encrypted database without asking")
	}
	dir := t.TempDir()
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateDemo(testNow); err != nil {
		t.Fatal(err)
	}
	s.Close()
	o2, got2 := newTestOpener(t, dir)
	o2.start("")
	if *got2 == nil || o2.newPass != nil {
		t.Fatal("an existing database without encryption must open without questions")
	}
}

// newDiskState is newTestState on an encrypted database in a folder.
func newDiskState(t *testing.T, pass string) *appState {
	t.Helper()
	a := test.NewTempApp(t)
	setLanguage("en")
	s, err := store.Open(store.Options{Dir: t.TempDir(), Passphrase: pass, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	st := newAppState(a, test.NewTempWindow(t, nil), s)
	st.background = func(f func()) { f() }
	st.dialogs = &testDialogs{}
	st.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(func() { st.stopRetention(); st.store.Close() })
	return st
}

func TestChangePassphrase(t *testing.T) {
	st := newDiskState(t, "old market stall")
	dir := st.store.Dir()
	sc := newSettingsScreen(st)
	show(st, sc.content)
	if sc.changePass == nil {
		t.Fatal("Settings offers no passphrase change for an encrypted database")
	}
	c := askChangePassphrase(st)
	c.old.SetText("not the passphrase")
	c.form.pass.SetText("new market stall")
	c.form.again.SetText("new market stall")
	c.submit()
	if !strings.Contains(c.form.status.Text, "wrong") {
		t.Fatalf("a wrong old passphrase: status %q", c.form.status.Text)
	}
	if _, err := st.store.Petitions(); err != nil {
		t.Fatalf("the store must be usable again after a refused change: %v", err)
	}
	c.old.SetText("old market stall")
	c.submit()
	if text := dialogText(st.win); !strings.Contains(text, "new passphrase") {
		t.Fatalf("no word that the passphrase changed: %q (status %q)", text, c.form.status.Text)
	}
	if _, err := st.store.Petitions(); err != nil {
		t.Fatalf("the store was not opened again: %v", err)
	}
	st.stopRetention()
	st.store.Close()
	if _, err := store.Open(store.Options{Dir: dir, Passphrase: "old market stall"}); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens: %v", err)
	}
	s, err := store.Open(store.Options{Dir: dir, Passphrase: "new market stall"})
	if err != nil {
		t.Fatalf("the new passphrase does not open: %v", err)
	}
	st.store = s
	var buf bytes.Buffer
	store.WriteAuditCSV(&buf, mustAudit(t, s, store.ActionPassphrase), nil)
	if !strings.Contains(buf.String(), store.ActionPassphrase) {
		t.Error("the change is not in the audit log")
	}
}

func mustAudit(t *testing.T, s *store.Store, action string) []store.AuditEntry {
	t.Helper()
	list, err := s.AuditEntries(store.AuditFilter{Action: action}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
