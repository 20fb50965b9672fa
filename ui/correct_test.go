package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestCorrectMyEntry(t *testing.T) {
	st, timers := newTestState(t, true)
	k := startKiosk(t, st)
	fillForm(k, signer{"Ursina Tippfehler", "Gasse 4", "3011", "Bren", "Switzerland"})
	test.Tap(k.sign)
	timers.fire(thanksFor)
	before := valid(t, st)
	if !k.correct.Visible() {
		t.Fatal("Correct my entry should be offered after signing")
	}
	test.Tap(k.correct)
	if k.name.entry.Text != "Ursina Tippfehler" || len(k.pad.strokes) == 0 || !k.withdraw.Visible() {
		t.Fatalf("the signer's own entry did not come back: %q", k.name.entry.Text)
	}
	k.city.entry.SetText("")
	test.Type(k.city.entry, "Bern")
	test.Tap(k.sign)
	if got := findSigned(t, st, "Ursina Tippfehler"); got.Address.City != "Bern" {
		t.Errorf("city %q after the correction", got.Address.City)
	}
	if valid(t, st) != before {
		t.Error("a correction must not add a signature")
	}
	assertNowhere(t, st.win, "Ursina")
	timers.fire(correctWithin)
	if k.correct.Visible() || k.lastID != "" {
		t.Error("Correct my entry must go after a minute")
	}
}

func TestCorrectionOnlyForTheLastSigner(t *testing.T) {
	st, timers := newTestState(t, true)
	k := startKiosk(t, st)
	fillForm(k, signer{"Erste Person", "Gasse 4", "3011", "Bern", "Switzerland"})
	test.Tap(k.sign)
	timers.fire(thanksFor)
	fillForm(k, signer{"Zweite Person", "Gasse 5", "3011", "Bern", "Switzerland"})
	test.Tap(k.sign)
	timers.fire(thanksFor)
	test.Tap(k.correct)
	if k.name.entry.Text != "Zweite Person" {
		t.Fatalf("correction shows %q, want only the last signer", k.name.entry.Text)
	}
	test.Tap(k.cancelFix)
	assertNowhere(t, st.win, "Zweite Person")
	assertNowhere(t, st.win, "Erste Person")
	// The first signer's timer must not hide the second signer's button
	// early, and an abandoned correction is cleared when the minute ends.
	test.Tap(k.correct)
	timers.fire(correctWithin)
	if k.correct.Visible() || k.correcting != "" {
		t.Error("the correction must end with the minute")
	}
	assertNowhere(t, st.win, "Zweite Person")
}

func TestWithdrawMyEntry(t *testing.T) {
	st, timers := newTestState(t, true)
	k := startKiosk(t, st)
	before := valid(t, st)
	fillForm(k, signer{"Rück Zieher", "Gasse 4", "3011", "Bern", "Switzerland"})
	test.Tap(k.sign)
	timers.fire(thanksFor)
	test.Tap(k.correct)
	test.Tap(k.withdraw)
	id := k.correcting
	tapDialogButton(t, st.win, "Yes")
	got, err := st.store.SignatureByID(id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Struck != petition.StrikeWithdrawn || !got.ErasedPerson || got.Name != "" || got.Address.Street != "" || len(got.Strokes) > 0 {
		t.Errorf("withdrawn row: struck %q, erased %v, name %q: want withdrawn and erased", got.Struck, got.ErasedPerson, got.Name)
	}
	if valid(t, st) != before || k.correct.Visible() {
		t.Errorf("valid %d (want %d), correct visible %v", valid(t, st), before, k.correct.Visible())
	}
	assertNowhere(t, st.win, "Rück Zieher")
}

// TestNextSignerCannotCorrect: once the next person starts on the form,
// the previous signer's entry can no longer be brought back.
func TestNextSignerCannotCorrect(t *testing.T) {
	for _, start := range []func(k *kiosk){
		func(k *kiosk) { test.Type(k.name.entry, "N") },
		func(k *kiosk) { test.Type(k.city.entry, "B") },
		func(k *kiosk) { drawSignature(k.pad, 10) },
	} {
		st, timers := newTestState(t, true)
		k := startKiosk(t, st)
		fillForm(k, signer{"Vorige Person", "Gasse 4", "3011", "Bern", "Switzerland"})
		test.Tap(k.sign)
		timers.fire(thanksFor)
		start(k)
		if k.correct.Visible() || k.lastID != "" {
			t.Fatal("Correct my entry must close when the next person starts")
		}
		k.onCorrect()
		assertNowhere(t, st.win, "Vorige Person")
	}
}
