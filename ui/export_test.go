package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/store"
)

// exportFixture builds the Export screen on the demo petition, with the
// save dialog answering a path in a temporary folder, the personal-data
// question answered yes (and counted) and the file manager recorded.
type exportFixture struct {
	st      *appState
	v       *exportScreen
	dir     string
	asked   int
	opened  string
	lastMax float64
}

func newExportFixture(t *testing.T) *exportFixture {
	t.Helper()
	st, _ := newTestState(t, true)
	f := &exportFixture{st: st, dir: t.TempDir()}
	saveChoose, saveConfirm, saveOpen := chooseExportPath, confirmExport, openFolder
	t.Cleanup(func() { chooseExportPath, confirmExport, openFolder = saveChoose, saveConfirm, saveOpen })
	chooseExportPath = func(_ fyne.Window, name string, done func(string)) {
		path := filepath.Join(f.dir, name)
		os.WriteFile(path, nil, 0o600) // as Fyne's dialog does
		done(path)
	}
	confirmExport = func(_ fyne.Window, _ string, ok func()) { f.asked++; ok() }
	openFolder = func(_ fyne.App, dir string) error { f.opened = dir; return nil }
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
			path := f.tap(t, tc.button)
			if !strings.HasSuffix(path, tc.ext) || strings.Contains(path, "personal data") != tc.personal {
				t.Errorf("file name %q (personal %v)", filepath.Base(path), tc.personal)
			}
			if (f.asked == 1) != tc.personal {
				t.Errorf("asked about personal data %d times, personal %v", f.asked, tc.personal)
			}
			if f.v.progress.Value != 1 {
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
		f.v.job.cancel()
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
	for in, want := range map[string]string{"/home/lea/Documents": "file:///home/lea/Documents"} {
		if got := folderURL(in).String(); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
