package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// exportFixture builds the Export screen on the demo petition, with the
// save dialog answering a path in a temporary folder, the personal-data
// question answered yes (and counted) and the file manager recorded.
type exportFixture struct {
	st     *appState
	v      *exportScreen
	dir    string
	asked  int
	opened string
}

func newExportFixture(t *testing.T) *exportFixture {
	t.Helper()
	st, _ := newTestState(t, true)
	f := &exportFixture{st: st, dir: t.TempDir()}
	d := fakeDialogs(st)
	d.exportPath = func(_ fyne.Window, name string, done func(string)) {
		path := filepath.Join(f.dir, name)
		os.WriteFile(path, nil, 0o600) // as Fyne's dialog does
		done(path)
	}
	d.confirm = func(_ fyne.Window, _ string, ok func()) { f.asked++; ok() }
	d.folder = func(_ fyne.App, dir string) error { f.opened = dir; return nil }
	// The demo's possible duplicate is reviewed here; export_dups_test.go
	// tests the question itself.
	pairs, err := st.store.UnreviewedDuplicates(st.petition().ID)
	if err != nil || st.store.KeepDuplicates(st.petition().ID, pairs) != nil {
		t.Fatal(err)
	}
	f.v = newExportScreen(st)
	show(st, f.v.content)
	return f
}

func (f *exportFixture) tap(t *testing.T, label string) string {
	t.Helper()
	for _, b := range f.v.buttons {
		if b.Text == label {
			test.Tap(b)
			if f.v.job == nil || f.v.job.running {
				t.Fatalf("%s: the export did not finish", label)
			}
			return f.v.job.path
		}
	}
	t.Fatalf("no button %q", label)
	return ""
}

func TestExportScreenWritesEachKind(t *testing.T) {
	for _, tc := range []struct {
		button   string
		ext      string
		personal bool
		prepare  func(v *exportScreen)
		check    func(t *testing.T, b []byte)
	}{
		{"Petition pack (PDF)", ".pdf", true, nil, isPDF},
		{"Petition pack (PDF)", ".pdf", true, func(v *exportScreen) { v.target.SetSelectedIndex(2); v.paper.SetSelected("US Letter") }, isPDF},
		{"Blank sheets (PDF)", ".pdf", false, func(v *exportScreen) { v.sheets.SetText("3") }, isPDF},
		{"Excel summary", ".xlsx", false, nil, isXLSX(false)},
		{"Excel summary", ".xlsx", true, func(v *exportScreen) { v.personal.SetChecked(true) }, isXLSX(true)},
		{"CSV totals", ".csv", false, nil, func(t *testing.T, b []byte) {
			if !bytes.Contains(b, []byte("UA 147/20")) {
				t.Errorf("the CSV lacks the petition:\n%s", b)
			}
		}},
		{"Bundle for the coordinator", ".bundle", true, nil, nonEmpty},
		{"Bundle for the coordinator", ".bundle", false, func(v *exportScreen) { v.counts.SetChecked(true); v.pass.SetText("correct horse") }, nonEmpty},
	} {
		t.Run(tc.button, func(t *testing.T) {
			f := newExportFixture(t)
			if tc.prepare != nil {
				tc.prepare(f.v)
			}
			if f.v.progress.Visible() {
				t.Error("an idle Export screen shows a progress bar (it reads as finished)")
			}
			path := f.tap(t, tc.button)
			if !strings.HasSuffix(path, tc.ext) || strings.Contains(path, "personal data") != tc.personal {
				t.Errorf("file name %q (personal %v)", filepath.Base(path), tc.personal)
			}
			if (f.asked == 1) != tc.personal {
				t.Errorf("asked about personal data %d times, personal %v", f.asked, tc.personal)
			}
			if f.v.progress.Value != 1 || !f.v.progress.Visible() {
				t.Errorf("progress ended at %v", f.v.progress.Value)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, b)
			test.Tap(f.v.open)
			if f.opened != f.dir {
				t.Errorf("Open folder opened %q, want %q", f.opened, f.dir)
			}
			entries, _ := f.st.store.AuditEntries(store.AuditFilter{Action: store.ActionExport}, 10)
			if len(entries) != 1 {
				t.Errorf("%d audit entries, want 1", len(entries))
			}
		})
	}
}

func isPDF(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(len(b)-1024, 0):], []byte("%%EOF")) {
		t.Errorf("not a complete PDF (%d bytes)", len(b))
	}
}

func nonEmpty(t *testing.T, b []byte) {
	t.Helper()
	if len(b) == 0 {
		t.Error("the file is empty")
	}
}

func isXLSX(personal bool) func(*testing.T, []byte) {
	return func(t *testing.T, b []byte) {
		t.Helper()
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		idx, _ := x.GetSheetIndex("Signatures")
		has := idx >= 0
		if has != personal {
			t.Errorf("Signatures worksheet present: %v, want %v (sheets %v)", has, personal, x.GetSheetList())
		}
	}
}

func TestExportScreenDefaults(t *testing.T) {
	f := newExportFixture(t)
	if f.v.personal.Checked {
		t.Error("the personal-data checkbox is on by default")
	}
	if f.v.counts.Checked || f.v.paper.Selected != "A4" || f.v.target.SelectedIndex() != 0 {
		t.Error("unexpected defaults")
	}
	if !f.v.cancel.Disabled() || !f.v.open.Disabled() {
		t.Error("Cancel and Open folder are enabled before any export")
	}
}

func TestExportScreenProblems(t *testing.T) {
	f := newExportFixture(t)
	f.v.sheets.SetText("0")
	test.Tap(f.v.buttons[1])
	if f.v.job != nil {
		t.Error("0 blank sheets started an export")
	}
	f.v.to.SetText("age1xyz")
	f.v.pass.SetText("secret")
	test.Tap(f.v.buttons[4])
	if f.v.job != nil {
		t.Error("a key and a passphrase together started an export")
	}
	if n := len(f.st.win.Canvas().Overlays().List()); n == 0 {
		t.Error("no message shown")
	}
}

func TestExportScreenCancel(t *testing.T) {
	f := newExportFixture(t)
	// Cancel as soon as the first page is written: the export stops and
	// the empty file the dialog made is gone.
	f.st.background = func(fn func()) {
		if f.v.job != nil { // not the check for duplicates before it
			f.v.job.cancel()
		}
		fn()
	}
	path := f.tap(t, "Petition pack (PDF)")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a cancelled export left %s", filepath.Base(path))
	}
	if !strings.Contains(f.v.status.Text, "Cancelled") || !f.v.open.Disabled() {
		t.Errorf("status %q after cancel", f.v.status.Text)
	}
}

func TestExportScreenWithoutPetition(t *testing.T) {
	st, _ := newTestState(t, false)
	v := newExportScreen(st)
	if v.buttons != nil {
		t.Error("buttons without a petition")
	}
}

func TestFolderURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"/home/lea/Documents": "file:///home/lea/Documents"} {
		if got := folderURL(in).String(); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

// addPetitions stores n more petitions beside the demo one and returns
// the references of all of them.
func addPetitions(t *testing.T, st *appState, n int) []string {
	t.Helper()
	refs := []string{st.petition().Reference}
	for i := 0; i < n; i++ {
		p := petition.Example(testNow)
		p.Reference = fmt.Sprintf("TEST %d/25", i+1)
		if err := st.store.CreatePetition(p); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, p.Reference)
	}
	return refs
}

func TestExportScreenAllPetitions(t *testing.T) {
	for _, tc := range []struct {
		button string
		all    bool
		want   int // petitions in the file
		read   func(t *testing.T, path string) string
	}{
		{"Excel summary", false, 1, totalsText},
		{"Excel summary", true, 3, totalsText},
		{"CSV totals", false, 1, fileText},
		{"CSV totals", true, 3, fileText},
	} {
		t.Run(fmt.Sprintf("%s all=%v", tc.button, tc.all), func(t *testing.T) {
			f := newExportFixture(t)
			refs := addPetitions(t, f.st, 2)
			if tc.all {
				f.v.scope.SetSelected("All petitions")
			}
			text := tc.read(t, f.tap(t, tc.button))
			found := 0
			for _, r := range refs {
				if strings.Contains(text, r) {
					found++
				}
			}
			if found != tc.want || !strings.Contains(text, refs[0]) {
				t.Errorf("%d of %v in the file, want %d:\n%s", found, refs, tc.want, text)
			}
			entries, _ := f.st.store.AuditEntries(store.AuditFilter{Action: store.ActionExport}, 10)
			if len(entries) != 1 {
				t.Fatalf("%d audit entries, want 1", len(entries))
			}
			d := entries[0].Details
			if tc.all && fmt.Sprint(d["petitions"]) != "3" || !tc.all && entries[0].PetitionID != f.v.p.ID {
				t.Errorf("audit entry %+v does not cover the %d petitions", entries[0], tc.want)
			}
		})
	}
}

// totalsText is the Totals worksheet's cells, opened with excelize.
func totalsText(t *testing.T, path string) string {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("Totals")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

func fileText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// press taps an export button and leaves the export pending: the test
// runs its background work when it wants.
func (f *exportFixture) press(t *testing.T, label string) (path string, work func()) {
	t.Helper()
	f.st.background = func(fn func()) { work = fn }
	for _, b := range f.v.buttons {
		if b.Text == label {
			test.Tap(b)
		}
	}
	if f.v.job == nil || !f.v.job.running || work == nil {
		t.Fatalf("%s: no export under way", label)
	}
	return f.v.job.path, work
}

func TestExportScreenLeftMidExport(t *testing.T) {
	for _, tc := range []struct {
		name    string
		leave   func(f *exportFixture) // while the export runs
		dialog  string                 // the dialog at the end, "" for none
		notice  string                 // the line under the screens, "" for none
		written bool
	}{
		{"finishes on another screen", func(f *exportFixture) { newSettingsScreen(f.st) },
			"The export is finished", "Saved ", true},
		{"finishes in signing mode", func(f *exportFixture) {
			f.st.shown = &signingStart{kiosk: &kiosk{active: true}}
		}, "", "Saved ", true},
		{"back on the Export screen", func(f *exportFixture) {
			newSettingsScreen(f.st)
			f.v = newExportScreen(f.st)
			if f.v.cancel.Disabled() || !f.v.buttons[0].Disabled() {
				t.Error("the Export screen opened again does not show the export under way")
			}
		}, "", "", true},
		{"cancelled on the Export screen opened again", func(f *exportFixture) {
			newSettingsScreen(f.st)
			f.v = newExportScreen(f.st)
			test.Tap(f.v.cancel)
		}, "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newExportFixture(t)
			var notices []string
			f.st.notify = func(s string) { notices = append(notices, s) }
			f.v.personal.SetChecked(true)
			path, work := f.press(t, "Excel summary")
			tc.leave(f)
			work()
			if got := dialogText(f.st.win); (tc.dialog == "") != (got == "") || !strings.Contains(got, tc.dialog) {
				t.Errorf("dialog %q, want %q", got, tc.dialog)
			}
			if got := strings.Join(notices, "\n"); (tc.notice == "") != (got == "") || !strings.Contains(got, tc.notice) {
				t.Errorf("notices %q, want %q", got, tc.notice)
			}
			checkExportOutcome(t, f, path, tc.written)
		})
	}
}

// checkExportOutcome checks the file is complete or gone (with no
// temporary file left beside it), and that nothing still runs.
func checkExportOutcome(t *testing.T, f *exportFixture, path string, written bool) {
	t.Helper()
	if runningExport(f.st) != nil {
		t.Error("the export is still listed as running")
	}
	if written {
		isXLSX(true)(t, []byte(fileText(t, path)))
	} else if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a stopped export left %s", filepath.Base(path))
	}
	left, _ := filepath.Glob(filepath.Join(f.dir, ".petitiondesk-export-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestExportScreenCloseWindowMidExport(t *testing.T) {
	for _, stop := range []bool{true, false} {
		t.Run(fmt.Sprintf("stop=%v", stop), func(t *testing.T) {
			f := newExportFixture(t)
			closed := 0
			f.st.closeIntercept = func() { closed++ }
			f.v.personal.SetChecked(true)
			path, work := f.press(t, "Excel summary")
			newSettingsScreen(f.st)
			closeAfterExport(f.st, f.st.closeIntercept) // what app.go makes of closing
			if !strings.Contains(dialogText(f.st.win), "still writing") {
				t.Fatalf("closing did not ask: %q", dialogText(f.st.win))
			}
			if !stop {
				tapDialogButton(t, f.st.win, "Keep working")
				work()
				checkExportOutcome(t, f, path, true)
				if closed != 0 {
					t.Error("the window closed")
				}
				return
			}
			// The export starts once it is cancelled, so it stops at
			// once; the close waits for it.
			j, cancelled := f.v.job, make(chan struct{})
			var once sync.Once
			cancel := j.cancel
			j.cancel = func() { cancel(); once.Do(func() { close(cancelled) }) }
			finished := make(chan struct{})
			go func() { <-cancelled; work(); close(finished) }()
			tapDialogButton(t, f.st.win, "Stop and close")
			if closed != 1 {
				t.Errorf("closed %d times", closed)
			}
			<-finished
			checkExportOutcome(t, f, path, false)
		})
	}
}
