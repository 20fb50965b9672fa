package ui

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives the mouse wheel to the innermost scrollable thing under the
// pointer, and every entry scrolls inside itself: on a long form the page
// stopped scrolling whenever the pointer crossed a box. wheelToPage puts
// a see-through wheel catcher over each field's entry that hands the
// wheel to the page, and steps aside (hides) while a multi-line box holds
// more text than it shows, so that box scrolls as before. Taps, typing
// and selecting still reach the entry: the catcher handles the wheel only.
func wheelToPage(page fyne.Scrollable, fields ...*field) {
	for _, f := range fields {
		for i, o := range f.box.Objects {
			if o != fyne.CanvasObject(f.entry) {
				continue
			}
			catcher, e, before := newWheelCatcher(page), f.entry, f.entry.OnChanged
			e.OnChanged = func(s string) {
				if before != nil {
					before(s)
				}
				showIf(catcher, !needsOwnScroll(e, e.Size()))
			}
			f.box.Objects[i] = container.New(&wheelLayout{entry: e}, e, catcher)
		}
	}
}

// wheelCatcher passes the wheel on to the page.
type wheelCatcher struct {
	widget.BaseWidget
	page fyne.Scrollable
}

func newWheelCatcher(page fyne.Scrollable) *wheelCatcher {
	w := &wheelCatcher{page: page}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled scrolls the page.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) { w.page.Scrolled(ev) }

// CreateRenderer draws nothing.
func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// wheelLayout lays the catcher over the entry, shown only while the
// entry's text fits in it (checked again as the text changes).
type wheelLayout struct{ entry *widget.Entry }

func (l *wheelLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if len(objs) > 1 {
		showIf(objs[1], !needsOwnScroll(l.entry, size))
	}
}

func (l *wheelLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// needsOwnScroll reports whether a multi-line entry of this size holds
// more lines (wrapped) than it shows. One-line entries never do: their
// sideways scroll is not worth a wheel that will not move the page.
func needsOwnScroll(e *widget.Entry, size fyne.Size) bool {
	if !e.MultiLine {
		return false
	}
	pad := theme.InnerPadding()
	width := size.Width - 2*pad
	lineH := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
	if width <= 0 || lineH <= 0 {
		return false
	}
	rows := 0
	for _, line := range strings.Split(e.Text, "\n") {
		w := fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width
		rows += max(1, int(math.Ceil(float64(w/width))))
	}
	return float32(rows)*lineH > size.Height-2*pad
}

// showIf shows or hides o, touching it only when that changes.
func showIf(o fyne.CanvasObject, show bool) {
	switch {
	case show && !o.Visible():
		o.Show()
	case !show && o.Visible():
		o.Hide()
	}
}
