package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestEmailSaysWhyItIsGreyed: before "I agree" the email field is
// disabled and says what enables it.
func TestEmailSaysWhyItIsGreyed(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	if !k.email.entry.Disabled() || k.email.entry.PlaceHolder != "Tick “I agree…” above first" {
		t.Fatalf("disabled %v, placeholder %q", k.email.entry.Disabled(), k.email.entry.PlaceHolder)
	}
	test.Tap(k.consent)
	if k.email.entry.Disabled() || k.email.entry.PlaceHolder != "optional" {
		t.Fatalf("after consent: disabled %v, placeholder %q", k.email.entry.Disabled(), k.email.entry.PlaceHolder)
	}
}

// TestRedSummaryLeavesWhenFixed: "Please check the fields marked in red."
// goes once every marked field is fixed and the pad holds a signature.
func TestRedSummaryLeavesWhenFixed(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	test.Tap(k.sign)
	if k.msg.Text == "" {
		t.Fatal("no summary after signing an empty form")
	}
	test.Type(k.name.entry, "Anna Test")
	if k.msg.Text == "" {
		t.Fatal("the summary left while fields are still marked")
	}
	fillForm(k, signer{"", "Gasse 1", "3011", "Bern", "Switzerland"}) // types and signs in the pad
	if k.msg.Text != "" {
		t.Fatalf("summary %q stays after everything was fixed", k.msg.Text)
	}
}
