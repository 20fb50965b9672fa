package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The idle timer: a passer-by who walks away from a half-filled form
// must not leave their name and address for the next person. After
// idle.after without input a filled-in form asks "Still there?" and
// clears itself warnFor later unless someone keeps it.
const (
	warnFor         = 10 * time.Second
	defaultIdle     = 60 * time.Second
	minIdle         = 30 * time.Second
	maxIdle         = 300 * time.Second
	prefIdleSeconds = "signing.idleSeconds"
)

// kioskClock is the time signing mode's timers run on. Tests put a fake
// one on the kiosk and move it forward by hand.
type kioskClock interface {
	Now() time.Time
	// AfterFunc runs f on the UI goroutine after d.
	AfterFunc(d time.Duration, f func())
}

// appClock is the app's clock (appState.now and appState.after).
type appClock struct{ st *appState }

func (c appClock) Now() time.Time                      { return c.st.now() }
func (c appClock) AfterFunc(d time.Duration, f func()) { c.st.after(d, f) }

// idleTimer is the state of the idle check. Timers are never stopped:
// each carries the seq it was armed with and does nothing if that moved on.
type idleTimer struct {
	after     time.Duration // how long without input before the warning
	lastInput time.Time
	armed     bool
	seq       int
	box       *fyne.Container // the warning, hidden until shown
	keep      *widget.Button
}

// idleSetting reads the idle time chosen in Settings, kept within 30–300 s.
func idleSetting(st *appState) time.Duration {
	n := st.app.Preferences().IntWithFallback(prefIdleSeconds, int(defaultIdle/time.Second))
	return min(max(time.Duration(n)*time.Second, minIdle), maxIdle)
}

func (k *kiosk) newIdleWarning() {
	text := widget.NewLabelWithStyle(T("Still there? This form clears in 10 s."), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	k.idle.keep = widget.NewButtonWithIcon(T("I am still here"), theme.ConfirmIcon(), k.keepForm)
	k.idle.keep.Importance = widget.HighImportance
	// It covers the header row (kiosk_layout.go): an opaque background,
	// and the form below does not move.
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	k.idle.box = container.NewStack(bg, container.NewCenter(container.NewHBox(text, k.idle.keep)))
	k.idle.box.Hide()
}

// touched notes input on the form: it restarts the wait, hides a
// warning (someone is there) and arms the timer if it is not.
func (k *kiosk) touched() {
	k.idle.lastInput = k.clock.Now()
	if k.idle.box.Visible() {
		k.idle.box.Hide()
		k.idle.armed = false
	}
	if !k.idle.armed {
		k.armIdle(k.idle.after)
	}
}

func (k *kiosk) armIdle(d time.Duration) {
	k.idle.armed = true
	k.idle.seq++
	seq := k.idle.seq
	k.clock.AfterFunc(d, func() { k.idleCheck(seq) })
}

// idleCheck runs when the wait may be over: typing since then only
// moves the deadline on; an empty form needs no warning.
func (k *kiosk) idleCheck(seq int) {
	if seq != k.idle.seq || !k.active {
		return
	}
	k.idle.armed = false
	if !k.filled() {
		return
	}
	if quiet := k.clock.Now().Sub(k.idle.lastInput); quiet < k.idle.after {
		k.armIdle(k.idle.after - quiet)
		return
	}
	k.idle.box.Show()
	k.idle.seq++
	seq = k.idle.seq
	k.clock.AfterFunc(warnFor, func() {
		if seq == k.idle.seq && k.idle.box.Visible() {
			k.clearForm()
		}
	})
}

// keepForm is "I am still here": the form stays and the wait starts again.
func (k *kiosk) keepForm() {
	k.idle.box.Hide()
	k.idle.armed = false
	k.touched()
}

// filled reports whether anything of a person is on the form.
func (k *kiosk) filled() bool {
	for _, f := range k.fields() {
		if f.entry.Text != "" && (f != k.country || f.entry.Text != k.stallCountry) {
			return true
		}
	}
	return k.consent.Checked || k.fullName.Checked || len(k.pad.strokes) > 0
}

// clearForm empties the form at once ("Start over", the idle timeout,
// a saved entry, leaving signing mode) and ends a correction; the idle
// timer stops until the next input.
func (k *kiosk) clearForm() {
	k.resetForm()
	k.idle.box.Hide()
	k.idle.seq++
	k.idle.armed = false
}
