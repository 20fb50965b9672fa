package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// mainOnScan opens the main window on the fixture and shows the Scan screen.
func (fx *scanFixture) mainOnScan(t *testing.T) (*mainWindow, *scanScreen) {
	t.Helper()
	m := openMain(fx.st)
	fx.st.win.Resize(fyne.NewSize(1100, 720))
	m.showKey("scan")
	v, ok := fx.st.shown.(*scanScreen)
	if !ok {
		t.Fatalf("the Scan screen is not open: %T", fx.st.shown)
	}
	return m, v
}

func fileURIs(paths ...string) []fyne.URI {
	out := make([]fyne.URI, len(paths))
	for i, p := range paths {
		out[i] = storage.NewFileURI(p)
	}
	return out
}

func TestScanDrop(t *testing.T) {
	fx := newScanFixture(t)
	m, v := fx.mainOnScan(t)
	a := fx.write(t, "a.jpg", []byte("x"))
	b := fx.write(t, "B.PDF", []byte("x"))
	notes := fx.write(t, "notes.txt", []byte("x"))
	dir := filepath.Join(fx.dir, "batch")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"d.TIFF", "c.png", "readme.txt", filepath.Join("sub", "e.jpg")} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	web, err := storage.ParseURI("https://example.org/scan.jpg")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{a, b, filepath.Join(dir, "c.png"), filepath.Join(dir, "d.TIFF")}
	ses := v.ses

	cases := []struct {
		name  string
		drop  []fyne.URI
		files []string
		text  string // in the status, or in the dialog when one opens
	}{
		{"two files and a folder", append(fileURIs(a, b, notes, dir), web), want, "Left out as not scans: 2."},
		{"the same again adds nothing", fileURIs(dir, b, a), want, "Files to scan: 4."},
		{"nothing that is a scan", fileURIs(notes), want, "Nothing dropped is a scan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ses.dropped(c.drop)
			if !slices.Equal(ses.files, c.files) {
				t.Fatalf("files %q, want %q", ses.files, c.files)
			}
			if got := v.status.Text + " " + dialogText(fx.st.win); !strings.Contains(got, c.text) {
				t.Fatalf("status and dialog %q, want %q", got, c.text)
			}
			if dialogText(fx.st.win) != "" {
				tapDialogButton(t, fx.st.win, "OK")
			}
		})
	}
	t.Run("another screen adds nothing", func(t *testing.T) {
		m.showKey("sheets")
		other := fx.write(t, "other.jpg", []byte("x"))
		ses.dropped(fileURIs(other))
		if !slices.Equal(ses.files, want) {
			t.Fatalf("files %q", ses.files)
		}
		if got := dialogText(fx.st.win); !strings.Contains(got, "open the Scan screen") {
			t.Fatalf("dialog %q", got)
		}
		tapDialogButton(t, fx.st.win, "OK")
	})
}

func TestScanDropHint(t *testing.T) {
	fx := newScanFixture(t)
	fx.open()
	if !slices.Contains(windowTexts(fx.st.win), "…or drop files or folders here.") {
		t.Fatal("the Scan screen does not say files may be dropped")
	}
}

// TestScanLeaveGoesOn leaves the Scan screen while a batch runs: the
// batch goes on in the background, and what an earlier batch stored is
// untouched until the new pages are accepted.
func TestScanLeaveGoesOn(t *testing.T) {
	fx := newScanFixture(t)
	sheet := fx.sheets[0].Number
	p1, _ := fx.page(t, sheet, 1, 2, "p1.jpg")
	p2, _ := fx.page(t, sheet, 2, 3, "p2.jpg")
	p3, _ := fx.page(t, fx.sheets[1].Number, 1, 4, "p3.jpg")
	m, v := fx.mainOnScan(t)
	v.addFiles([]string{p1})
	test.Tap(v.start)
	v.results.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(v.review.accept)
	paper, pages := fx.paper(t), fx.scanPages(t, sheet)
	if len(pages) != 1 {
		t.Fatalf("the first page was not stored: %+v", pages)
	}

	v.addFiles([]string{p2, p3})
	left := false
	fx.st.background = func(f func()) {
		if !left { // the user opens another screen as the batch starts
			left = true
			m.showKey("sheets")
		}
		f()
	}
	test.Tap(v.start)
	ses := v.ses
	t.Run("the batch goes on", func(t *testing.T) {
		if ses.running || len(ses.items) != 3 {
			t.Fatalf("running %v with %d pages, want all 3 read", ses.running, len(ses.items))
		}
	})
	t.Run("stored data unchanged", func(t *testing.T) {
		if got := fx.paper(t); got != paper {
			t.Fatalf("paper %d, want %d", got, paper)
		}
		if got := fx.scanPages(t, sheet); !slices.Equal(got, pages) {
			t.Fatalf("pages %+v, want %+v", got, pages)
		}
	})
	t.Run("back on the Scan screen", func(t *testing.T) {
		m.showKey("scan")
		v2 := fx.st.shown.(*scanScreen)
		if v2.start.Disabled() || !v2.cancel.Disabled() || v2.status.Text != ses.status {
			t.Fatalf("start disabled %v, status %q", v2.start.Disabled(), v2.status.Text)
		}
	})
}

// TestScanCloseCancels closes the window while a batch runs: closing
// cancels it and waits for it to end before the database is closed.
func TestScanCloseCancels(t *testing.T) {
	fx := newScanFixture(t)
	p1, _ := fx.page(t, fx.sheets[0].Number, 1, 2, "p1.jpg")
	p2, _ := fx.page(t, fx.sheets[0].Number, 2, 2, "p2.jpg")
	paper := fx.paper(t)
	fx.st.win = test.NewWindow(nil) // closed below, once (a temporary window closes again at cleanup)
	v := fx.open()
	v.addFiles([]string{p1, p2})
	gate := make(chan struct{})
	fx.st.background = func(f func()) { go func() { <-gate; f() }() }
	test.Tap(v.start)
	ses := v.ses
	cancelled := make(chan struct{})
	var once sync.Once
	orig := ses.cancel
	ses.cancel = func() { orig(); once.Do(func() { close(cancelled) }) }

	closed := make(chan struct{})
	go func() { fx.st.win.Close(); close(closed) }()
	<-cancelled
	select {
	case <-closed:
		t.Fatal("closing did not wait for the batch")
	default:
	}
	close(gate) // the batch goes on, with its context cancelled
	<-closed
	if ses.running || len(ses.items) != 0 || !strings.HasPrefix(ses.status, "Cancelled") {
		t.Fatalf("after closing: running %v, %d pages, status %q", ses.running, len(ses.items), ses.status)
	}
	if got := fx.paper(t); got != paper {
		t.Fatalf("paper %d, want %d", got, paper)
	}
}
