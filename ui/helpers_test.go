package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// testNow is the tests' clock: the demo's deadline is 56 days later.
var testNow = time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)

// timers collects what the UI schedules, so tests fire them by hand.
type timers struct{ pending []timer }

type timer struct {
	d time.Duration
	f func()
}

func (ts *timers) add(d time.Duration, f func()) { ts.pending = append(ts.pending, timer{d, f}) }

// fire runs the timers due within d (in the order scheduled) and drops them.
func (ts *timers) fire(d time.Duration) {
	var keep []timer
	due := ts.pending
	ts.pending = nil
	for _, t := range due {
		if t.d <= d {
			t.f()
		} else {
			keep = append(keep, t)
		}
	}
	ts.pending = append(ts.pending, keep...)
}

// newTestState builds the shared state on an in-memory store with a
// fixed clock, store work run inline and timers under the test's control.
//
// Tests that build widgets do not call t.Parallel: the ui package keeps
// no state of its own between windows (everything is on appState), but
// Fyne's test driver does. test.NewTempApp makes itself fyne.CurrentApp
// for the whole process, test.Tap finds its canvas through the current
// app ("probably the last created window"), and Fyne's renderer, font
// and theme caches are global; under -race, parallel widget tests tap
// each other's windows and race in those caches. Tests of plain
// functions run in parallel.
func newTestState(t *testing.T, demo bool) (*appState, *timers) {
	t.Helper()
	a := test.NewTempApp(t)
	setLanguage("en")
	s, err := store.Open(store.Options{InMemory: true, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	st := newAppState(a, w, s)
	st.now = func() time.Time { return testNow }
	st.background = func(f func()) { f() }
	st.dialogs = &testDialogs{}
	ts := &timers{}
	st.after = ts.add
	if demo {
		p, err := s.CreateDemo(testNow)
		if err != nil {
			t.Fatal(err)
		}
		st.current = p
	}
	return st, ts
}

// show puts content in the test window.
func show(st *appState, o fyne.CanvasObject) {
	st.win.SetContent(o)
	st.win.Resize(fyne.NewSize(1100, 720))
}

// allObjects walks the whole object tree below o, hidden parts included.
func allObjects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, allObjects(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, allObjects(c)...)
		}
	}
	return out
}

// windowTexts returns every text the window holds: canvas texts,
// entries (with their undo history tried), labels, and overlays.
func windowTexts(w fyne.Window) []string {
	roots := []fyne.CanvasObject{w.Content()}
	roots = append(roots, w.Canvas().Overlays().List()...)
	var texts []string
	for _, r := range roots {
		for _, o := range allObjects(r) {
			switch v := o.(type) {
			case *canvas.Text:
				texts = append(texts, v.Text)
			case *widget.Label:
				texts = append(texts, v.Text)
			case *widget.Entry:
				texts = append(texts, v.Text, v.PlaceHolder)
			}
		}
	}
	return texts
}

func assertNowhere(t *testing.T, w fyne.Window, what string) {
	t.Helper()
	for _, s := range windowTexts(w) {
		if strings.Contains(petition.Fold(s), petition.Fold(what)) {
			t.Fatalf("%q is still on the screen (in %q)", what, s)
		}
	}
	if strings.Contains(test.RenderToMarkup(w.Canvas()), what) {
		t.Fatalf("%q appears in the rendered window", what)
	}
}

// tapButton taps the visible button with the given text in the top overlay (a dialog).
func tapDialogButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	for _, o := range allObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in the dialog", text)
}

// dialogText returns the texts of the top overlay joined by spaces.
func dialogText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var parts []string
	for _, o := range allObjects(top) {
		switch v := o.(type) {
		case *canvas.Text:
			parts = append(parts, v.Text)
		case *widget.Label:
			parts = append(parts, v.Text)
		}
	}
	return strings.Join(parts, " ")
}

// drawSignature drags a wavy line across the pad like a hand would.
func drawSignature(p *signaturePad, points int) {
	size := p.Size()
	prev := fyne.NewPos(size.Width*0.1, size.Height*0.5)
	for i := 1; i <= points; i++ {
		x := size.Width*0.1 + size.Width*0.8*float32(i)/float32(points)
		y := size.Height*0.5 + size.Height*0.3*float32((i%7)-3)/3
		pos := fyne.NewPos(x, y)
		p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.NewDelta(pos.X-prev.X, pos.Y-prev.Y)})
		prev = pos
	}
	p.DragEnd()
}
