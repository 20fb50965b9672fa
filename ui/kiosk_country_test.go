package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The stall's country, set when signing mode starts, fills in Country for
// every signer, who can change it; the next signing mode starts with it.
func TestStallCountryPrefillsEachSigner(t *testing.T) {
	st, timers := newTestState(t, true)
	s := newSigningStart(st)
	show(st, s.content)
	if s.country.entry.Text != "" {
		t.Fatalf("a first signing mode has a stall country: %q", s.country.entry.Text)
	}
	test.Type(s.country.entry, "Switzerland")
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	test.Tap(s.start)
	k := s.kiosk
	if k == nil {
		t.Fatalf("signing mode did not start: %q", s.msg.Text)
	}
	if k.country.entry.Text != "Switzerland" {
		t.Fatalf("Country on the form = %q, want the stall's", k.country.entry.Text)
	}
	if k.filled() {
		t.Error("the pre-filled country alone counts as someone's input (the idle warning would show)")
	}
	before := valid(t, st)
	fillForm(k, signer{"Hélène Testperson", "Rue de Lausanne 5", "1201", "Genève", ""})
	test.Tap(k.sign)
	if valid(t, st) != before+1 {
		t.Fatalf("the signature with the pre-filled country was not saved: %q", k.msg.Text)
	}
	if got := findSigned(t, st, "Hélène Testperson").Address.Country; got != "Switzerland" {
		t.Errorf("stored country %q", got)
	}
	if k.country.entry.Text != "Switzerland" {
		t.Errorf("the next signer's form has Country %q, want the stall's again", k.country.entry.Text)
	}
	test.Tap(k.done)
	// A signer from elsewhere changes it; Start over brings the stall's back.
	k.country.entry.SetText("")
	test.Type(k.country.entry, "Belarus")
	if !k.filled() {
		t.Error("a country the signer typed does not count as input")
	}
	test.Tap(k.startOver)
	if k.country.entry.Text != "Switzerland" {
		t.Errorf("after Start over Country is %q", k.country.entry.Text)
	}
	timers.fire(0)
	// The next signing mode offers the country used last time.
	if again := newSigningStart(st); again.country.entry.Text != "Switzerland" {
		t.Errorf("the next signing mode starts with stall country %q", again.country.entry.Text)
	}
}

// A stall country the form would refuse stops signing mode from starting.
func TestStallCountryIsChecked(t *testing.T) {
	st, _ := newTestState(t, true)
	s := newSigningStart(st)
	show(st, s.content)
	test.Type(s.country.entry, "X")
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	test.Tap(s.start)
	if s.kiosk != nil {
		t.Error("signing mode started with a country the form refuses")
	}
}
