package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// signOne fills the form, signs and checks the thank-you view is up.
func signOne(t *testing.T, k *kiosk, who signer) {
	t.Helper()
	fillForm(k, who)
	test.Tap(k.sign)
	if !k.showingThanks() || !k.correct.Visible() {
		t.Fatal("no thank-you with \"Correct my entry\" after signing")
	}
}

func TestCorrectMyEntry(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	signOne(t, k, signer{"Ursina Tippfehler", "Gasse 4", "3011", "Bren", "Switzerland"})
	before := valid(t, st)
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
	test.Tap(k.done)
	if k.showingThanks() || k.ownID != "" {
		t.Error("Done must bring the form back and end the signer's own correction")
	}
	assertNowhere(t, st.win, "Ursina")
}

func TestCorrectionOnlyForTheLastSigner(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	signOne(t, k, signer{"Erste Person", "Gasse 4", "3011", "Bern", "Switzerland"})
	test.Tap(k.done)
	signOne(t, k, signer{"Zweite Person", "Gasse 5", "3011", "Bern", "Switzerland"})
	test.Tap(k.correct)
	if k.name.entry.Text != "Zweite Person" {
		t.Fatalf("correction shows %q, want only the last signer", k.name.entry.Text)
	}
	test.Tap(k.cancelFix)
	assertNowhere(t, st.win, "Zweite Person")
	assertNowhere(t, st.win, "Erste Person")
	k.onCorrect() // the thank-you is gone: nothing comes back
	assertNowhere(t, st.win, "Zweite Person")
}

func TestThanksTimesOut(t *testing.T) {
	st, timers := newTestState(t, true)
	k := startKiosk(t, st)
	signOne(t, k, signer{"Lang Sam", "Gasse 4", "3011", "Bern", "Switzerland"})
	timers.fire(thanksFor)
	if k.showingThanks() || k.ownID != "" {
		t.Fatal("the thank-you must give way to the form")
	}
	k.onCorrect()
	assertNowhere(t, st.win, "Lang Sam")
}

func TestWithdrawMyEntry(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	before := valid(t, st)
	signOne(t, k, signer{"Rück Zieher", "Gasse 4", "3011", "Bern", "Switzerland"})
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
	if valid(t, st) != before || k.correct.Visible() || k.lastID != "" {
		t.Errorf("valid %d (want %d), correct visible %v", valid(t, st), before, k.correct.Visible())
	}
	assertNowhere(t, st.win, "Rück Zieher")
}

// TestNextSignerSeesNothingOfTheLast: after "Done", or once the thank-you
// gave way and the next person typed a first key, no widget of the signing
// screen holds or can show the earlier signer: every button the form has
// is tapped (PIN dialogs cancelled) and the whole tree walked after each.
func TestNextSignerSeesNothingOfTheLast(t *testing.T) {
	for name, next := range map[string]func(k *kiosk, ts *timers){
		"done":            func(k *kiosk, _ *timers) { test.Tap(k.done) },
		"first keystroke": func(k *kiosk, ts *timers) { ts.fire(thanksFor); test.Type(k.name.entry, "N") },
		"first stroke":    func(k *kiosk, ts *timers) { ts.fire(thanksFor); drawSignature(k.pad, 10) },
	} {
		t.Run(name, func(t *testing.T) {
			st, ts := newTestState(t, true)
			k := startKiosk(t, st)
			signOne(t, k, signer{"Vorige Person", "Geheimgasse 4", "3011", "Bern", "Switzerland"})
			next(k, ts)
			if k.showingThanks() || k.ownID != "" {
				t.Fatal("the signer's own correction must end when the form is back")
			}
			for _, o := range allObjects(k.content) {
				b, ok := o.(*widget.Button)
				if !ok || !b.Visible() || b.Disabled() || b == k.correct || b == k.done {
					continue
				}
				test.Tap(b)
				for st.win.Canvas().Overlays().Top() != nil {
					st.win.Canvas().Overlays().Remove(st.win.Canvas().Overlays().Top())
				}
				for _, what := range []string{"Vorige Person", "Geheimgasse"} {
					assertNowhere(t, st.win, what)
				}
			}
			k.onCorrect()
			assertNowhere(t, st.win, "Vorige Person")
		})
	}
}

// TestCorrectionNeedsThePIN: once the form is back, the last entry comes
// back only with the volunteer's PIN.
func TestCorrectionNeedsThePIN(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	signOne(t, k, signer{"Spät Kommer", "Gasse 4", "3011", "Bern", "Switzerland"})
	test.Tap(k.done)
	if !k.fixPIN.Visible() {
		t.Fatal("the volunteer's correction is not offered")
	}
	test.Tap(k.fixPIN)
	if k.pinPrompt.entry.PlaceHolder != "4 to 8 digits" {
		t.Errorf("PIN placeholder %q, want words", k.pinPrompt.entry.PlaceHolder)
	}
	test.Type(k.pinPrompt.entry, "1111")
	k.pinPrompt.dialog.Submit()
	for st.win.Canvas().Overlays().Top() != nil {
		st.win.Canvas().Overlays().Remove(st.win.Canvas().Overlays().Top())
	}
	assertNowhere(t, st.win, "Spät Kommer")
	test.Tap(k.fixPIN)
	test.Type(k.pinPrompt.entry, "2468")
	k.pinPrompt.dialog.Submit()
	if k.name.entry.Text != "Spät Kommer" || k.correcting == "" {
		t.Fatalf("the right PIN did not bring the entry back: %q", k.name.entry.Text)
	}
	test.Tap(k.cancelFix)
	assertNowhere(t, st.win, "Spät Kommer")
}

// TestFullNameForTheRecipient: the tick box is there only for a signer in
// the targets' country; the line says what the minister will see, and
// the choice is stored.
func TestFullNameForTheRecipient(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	if k.fullName.Visible() || k.willSee.Text != "Minister of the Interior and Minister of Foreign Affairs will see: your name, town and country" {
		t.Fatalf("tick box %v, line %q", k.fullName.Visible(), k.willSee.Text)
	}
	fillForm(k, signer{"Алесь Адважны", "вул. 1", "220030", "Мінск", "BY"})
	if !k.fullName.Visible() || k.willSee.Text != "Minister of the Interior and Minister of Foreign Affairs will see: your initials and country" {
		t.Fatalf("for a signer in Belarus: tick box %v, line %q", k.fullName.Visible(), k.willSee.Text)
	}
	test.Tap(k.fullName)
	test.Tap(k.sign)
	if got := findSigned(t, st, "Алесь Адважны"); !got.PrintFullName {
		t.Error("the full-name choice was not stored")
	}
	st.win.Resize(fyne.NewSize(1280, 800))
}
