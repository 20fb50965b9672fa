package ui

import (
	"fmt"
	"maps"
	"os"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// The real-window check in CI (.ci/window-check) drives the app with
// xdotool. Rather than guess pixel positions, it reads where the widgets
// it needs are: when PETITIONDESK_LAYOUT_LOG names a file, the window
// writes "name x y width height" lines (window coordinates, in pixels)
// for the marked widgets each time a screen settles.
const layoutLogEnv = "PETITIONDESK_LAYOUT_LOG"

// mark names a widget for the layout log.
func (st *appState) mark(name string, o fyne.CanvasObject) {
	if os.Getenv(layoutLogEnv) == "" {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.marks == nil {
		st.marks = map[string]fyne.CanvasObject{}
	}
	st.marks[name] = o
}

// clearMarks forgets the marked widgets of the screen being left (the
// navigation stays).
func (st *appState) clearMarks() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for name := range st.marks {
		if !strings.HasPrefix(name, "nav.") {
			delete(st.marks, name)
		}
	}
}

// layoutChanged writes the layout log a moment after a screen changed,
// and again later, once a switch to full screen has surely settled.
func (st *appState) layoutChanged() {
	path := os.Getenv(layoutLogEnv)
	if path == "" {
		return
	}
	for _, d := range []time.Duration{800 * time.Millisecond, 2500 * time.Millisecond} {
		st.after(d, func() { st.writeLayout(path) })
	}
}

func (st *appState) writeLayout(path string) {
	st.mu.Lock()
	marks := maps.Clone(st.marks)
	st.mu.Unlock()
	writeLayoutFile(path, st.win, marks)
}

// logLayout writes the layout log for a screen shown before the database
// is open (the first start's passphrase), once it has settled.
func (o *opener) logLayout(marks map[string]fyne.CanvasObject) {
	path := os.Getenv(layoutLogEnv)
	if path == "" {
		return
	}
	time.AfterFunc(800*time.Millisecond, func() { fyne.Do(func() { writeLayoutFile(path, o.win, marks) }) })
}

// writeLayoutFile writes the visible marked widgets of the window, on the
// UI goroutine (positions are read from the widget tree).
func writeLayoutFile(path string, win fyne.Window, marks map[string]fyne.CanvasObject) {
	scale := win.Canvas().Scale()
	drv := fyne.CurrentApp().Driver()
	var lines []string
	for name, o := range marks {
		if !o.Visible() {
			continue
		}
		pos, size := drv.AbsolutePositionForObject(o), o.Size()
		lines = append(lines, fmt.Sprintf("%s %d %d %d %d", name, int(pos.X*scale), int(pos.Y*scale), int(size.Width*scale), int(size.Height*scale)))
	}
	sort.Strings(lines)
	if err := os.WriteFile(path+".tmp", []byte(strings.Join(lines, "\n")+"\n"), 0o600); err == nil {
		_ = os.Rename(path+".tmp", path)
	}
}
