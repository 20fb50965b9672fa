package ui

import (
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// fakeClock is a kioskClock the test moves forward by hand.
type fakeClock struct {
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	f  func()
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) AfterFunc(d time.Duration, f func()) {
	c.timers = append(c.timers, fakeTimer{c.now.Add(d), f})
}

// advance moves the clock on by d, running each timer due at its time.
func (c *fakeClock) advance(d time.Duration) {
	end := c.now.Add(d)
	for {
		sort.SliceStable(c.timers, func(i, j int) bool { return c.timers[i].at.Before(c.timers[j].at) })
		if len(c.timers) == 0 || c.timers[0].at.After(end) {
			break
		}
		next := c.timers[0]
		c.timers = c.timers[1:]
		c.now = next.at
		next.f()
	}
	c.now = end
}

func idleKiosk(t *testing.T) (*appState, *kiosk, *fakeClock) {
	t.Helper()
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	c := &fakeClock{now: testNow}
	k.clock = c
	return st, k, c
}

func TestIdleFormClears(t *testing.T) {
	st, k, c := idleKiosk(t)
	test.Type(k.name.entry, "Weg Gegangen")
	test.Type(k.street.entry, "Gasse 9")
	c.advance(59 * time.Second)
	if k.idle.box.Visible() {
		t.Fatal("the warning came before a minute without input")
	}
	c.advance(time.Second)
	if !k.idle.box.Visible() || k.name.entry.Text == "" {
		t.Fatal("after a minute the warning must show, the form still filled")
	}
	c.advance(9 * time.Second)
	if k.name.entry.Text == "" {
		t.Fatal("cleared before the 10 s were over")
	}
	c.advance(time.Second)
	if k.idle.box.Visible() || k.filled() {
		t.Fatal("the form must clear 10 s after the warning")
	}
	assertNowhere(t, st.win, "Weg Gegangen")
	assertNowhere(t, st.win, "Gasse 9")
}

func TestIdleTypingKeepsTheForm(t *testing.T) {
	_, k, c := idleKiosk(t)
	test.Type(k.name.entry, "Lang")
	c.advance(50 * time.Second)
	test.Type(k.name.entry, "sam")
	c.advance(50 * time.Second)
	if k.idle.box.Visible() {
		t.Fatal("typing must restart the wait")
	}
	c.advance(10 * time.Second)
	if !k.idle.box.Visible() {
		t.Fatal("no warning a minute after the last key")
	}
	test.Tap(k.idle.keep)
	c.advance(30 * time.Second)
	if k.idle.box.Visible() || k.name.entry.Text != "Langsam" {
		t.Fatal("\"I am still here\" must keep the form")
	}
	c.advance(30 * time.Second)
	if !k.idle.box.Visible() {
		t.Fatal("the wait must start again after keeping the form")
	}
}

func TestIdleEmptyFormWaits(t *testing.T) {
	_, k, c := idleKiosk(t)
	test.Type(k.name.entry, "X")
	test.Tap(k.startOver)
	if k.filled() {
		t.Fatal("Start over must clear the form at once")
	}
	c.advance(10 * time.Minute)
	if k.idle.box.Visible() {
		t.Error("an empty form needs no warning")
	}
}

func TestIdleSetting(t *testing.T) {
	st, _ := newTestState(t, true)
	for _, c := range []struct {
		set  int
		want time.Duration
	}{{0, 60 * time.Second}, {30, 30 * time.Second}, {5, 30 * time.Second}, {1000, 300 * time.Second}, {120, 120 * time.Second}} {
		if c.set != 0 {
			st.app.Preferences().SetInt(prefIdleSeconds, c.set)
		}
		if got := idleSetting(st); got != c.want {
			t.Errorf("setting %d: %v, want %v", c.set, got, c.want)
		}
	}
	s := newSettingsScreen(st)
	s.idle.SetSelectedIndex(0)
	if got := st.app.Preferences().Int(prefIdleSeconds); got != 30 {
		t.Errorf("Settings stored %d, want 30", got)
	}
	k := newKiosk(st, *st.petition(), newPINLock("2468"), "", "")
	if k.idle.after != 30*time.Second {
		t.Errorf("the kiosk waits %v, want the setting", k.idle.after)
	}
}
