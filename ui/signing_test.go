package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

// startKiosk opens signing mode on the demo petition with PIN 2468.
func startKiosk(t *testing.T, st *appState) *kiosk {
	t.Helper()
	s := newSigningStart(st)
	show(st, s.content)
	test.Type(s.pin, "2468")
	test.Type(s.pinAgain, "2468")
	test.Tap(s.start)
	if s.kiosk == nil {
		t.Fatalf("signing mode did not start: %q", s.msg.Text)
	}
	st.win.Resize(fyne.NewSize(1280, 800))
	return s.kiosk
}

type signer struct{ name, street, postcode, city, country string }

func fillForm(k *kiosk, s signer) {
	test.Type(k.name.entry, s.name)
	test.Type(k.street.entry, s.street)
	test.Type(k.postcode.entry, s.postcode)
	test.Type(k.city.entry, s.city)
	test.Type(k.country.entry, s.country)
	drawSignature(k.pad, 80)
}

func valid(t *testing.T, st *appState) int {
	t.Helper()
	tot, err := st.store.Totals(st.petition().ID)
	if err != nil {
		t.Fatal(err)
	}
	return tot.Valid()
}

func TestSigningFlow(t *testing.T) {
	st, timers := newTestState(t, true)
	k := startKiosk(t, st)
	if st.win.Content() != k.content || !st.win.FullScreen() {
		t.Fatal("signing mode should fill the window")
	}
	before := valid(t, st)
	signers := []signer{
		{"Hélène Testperson", "Rue de Lausanne 5", "1201", "Genève", "Switzerland"},
		{"Павел Тэставы", "вул. Леніна 7", "220030", "Мінск", "Belarus"},
	}
	for i, who := range signers {
		t.Run(who.city, func(t *testing.T) {
			fillForm(k, who)
			test.Tap(k.sign)
			if got := valid(t, st); got != before+i+1 {
				t.Fatalf("valid = %d, want %d", got, before+i+1)
			}
			if want := fmt.Sprintf("%d signatures so far", before+i+1); k.count.Text != want {
				t.Errorf("count label %q", k.count.Text)
			}
			stored := findSigned(t, st, who.name)
			if stored.Address.City != who.city || !petition.HasInk(stored.Strokes) || stored.Collector != "" && stored.Collector != "Lea" {
				t.Errorf("stored %+v", stored.Address)
			}
			for _, f := range k.fields() {
				if f.entry.Text != "" {
					t.Errorf("field %q not cleared: %q", f.label.Text, f.entry.Text)
				}
				f.entry.TypedShortcut(&fyne.ShortcutUndo{})
				if f.entry.Text != "" {
					t.Errorf("undo brought back %q in %q", f.entry.Text, f.label.Text)
				}
			}
			if len(k.pad.strokes) != 0 {
				t.Error("the pad was not cleared")
			}
			if !strings.Contains(k.thanks.Text, "Thank you") || k.body.Objects[0] != k.thanksView {
				t.Error("no thank-you after signing")
			}
			assertNowhere(t, st.win, who.name)
			timers.fire(thanksFor)
			if k.body.Objects[0] != k.form {
				t.Error("the form did not come back after the thank-you")
			}
			assertNowhere(t, st.win, who.name)
			assertNowhere(t, st.win, who.street)
		})
	}
}

func findSigned(t *testing.T, st *appState, name string) *petition.Signature {
	t.Helper()
	var found *petition.Signature
	err := st.store.ForEachSignature(st.petition().ID, func(sig *petition.Signature) error {
		if sig.Name == name {
			c := *sig
			found = &c
		}
		return nil
	})
	if err != nil || found == nil {
		t.Fatalf("%q not stored (%v)", name, err)
	}
	return found
}

func TestSigningValidation(t *testing.T) {
	tests := []struct {
		name    string
		fill    func(k *kiosk)
		field   func(k *kiosk) *field
		message string
	}{
		{"empty form", func(k *kiosk) {}, func(k *kiosk) *field { return k.name }, "Please enter your full name."},
		{"bad postcode", func(k *kiosk) { test.Type(k.postcode.entry, "30$1") }, func(k *kiosk) *field { return k.postcode },
			"The postcode may hold only letters, digits, spaces and dashes."},
		{"no city", func(k *kiosk) { fillForm(k, signer{"Anna Test", "Gasse 1", "3011", "", "Switzerland"}) },
			func(k *kiosk) *field { return k.city }, "Please enter the town or city."},
		{"bad email with consent", func(k *kiosk) {
			fillForm(k, signer{"Anna Test", "Gasse 1", "3011", "Bern", "Switzerland"})
			test.Tap(k.consent)
			test.Type(k.email.entry, "anna@")
		}, func(k *kiosk) *field { return k.email }, "This does not look like an email address (name@example.org)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, _ := newTestState(t, true)
			k := startKiosk(t, st)
			before := valid(t, st)
			tc.fill(k)
			test.Tap(k.sign)
			if got := tc.field(k).msg.Text; got != tc.message {
				t.Errorf("message %q, want %q", got, tc.message)
			}
			if k.msg.Text != "Please check the fields marked in red." {
				t.Errorf("form message %q", k.msg.Text)
			}
			if valid(t, st) != before {
				t.Error("an invalid entry was stored")
			}
		})
	}
}

func TestSigningNeedsInk(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	test.Type(k.name.entry, "Anna Test")
	test.Type(k.street.entry, "Gasse 1")
	test.Type(k.postcode.entry, "3011")
	test.Type(k.city.entry, "Bern")
	test.Type(k.country.entry, "Switzerland")
	before := valid(t, st)
	for _, c := range []struct {
		draw func()
		want string
	}{{func() {}, "Please sign in the box."}, {func() { test.TapAt(k.pad, fyne.NewPos(100, 60)) }, "Please sign with a line, not a dot."}} {
		c.draw()
		test.Tap(k.sign)
		if k.padMsg.Text != c.want || valid(t, st) != before {
			t.Fatalf("pad message %q, stored %d", k.padMsg.Text, valid(t, st)-before)
		}
	}
	if k.name.entry.Text != "Anna Test" {
		t.Error("a refused entry must keep what was typed")
	}
}

func TestConsentEnablesEmail(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	if !k.email.entry.Disabled() || k.consent.Checked {
		t.Fatal("consent must be off and email disabled at first")
	}
	test.Tap(k.consent)
	test.Type(k.email.entry, "anna@example.org")
	test.Tap(k.consent)
	if !k.email.entry.Disabled() || k.email.entry.Text != "" {
		t.Error("withdrawing consent must clear and disable the email")
	}
}

func TestPINExit(t *testing.T) {
	st, _ := newTestState(t, true)
	main := openMain(st)
	main.showKey("signing")
	k := startKiosk(t, st)
	for _, pin := range []string{"1111", "", "24680"} {
		test.Tap(k.finish)
		test.Type(k.pinPrompt.entry, pin)
		k.pinPrompt.dialog.Submit()
		if st.win.Content() != k.content || !st.win.FullScreen() {
			t.Fatalf("PIN %q left signing mode", pin)
		}
		if pin != "" && !strings.Contains(dialogText(st.win), "not right") {
			t.Errorf("no wrong-PIN message for %q: %q", pin, dialogText(st.win))
		}
		for st.win.Canvas().Overlays().Top() != nil {
			st.win.Canvas().Overlays().Remove(st.win.Canvas().Overlays().Top())
		}
	}
	test.Tap(k.finish)
	test.Type(k.pinPrompt.entry, "2468")
	k.pinPrompt.dialog.Submit()
	if st.win.Content() == k.content || st.win.FullScreen() {
		t.Fatal("the right PIN did not leave signing mode")
	}
}

func TestStartNeedsAGoodPIN(t *testing.T) {
	tests := []struct{ pin, again, want string }{
		{"12", "12", "The PIN must have 4 to 8 digits."},
		{"123456789", "123456789", "The PIN must have 4 to 8 digits."},
		{"12a4", "12a4", "The PIN may hold digits only."},
		{"1234", "4321", "The two PINs differ. Please type the same PIN twice."},
	}
	for _, tc := range tests {
		t.Run(tc.pin+"/"+tc.again, func(t *testing.T) {
			st, _ := newTestState(t, true)
			s := newSigningStart(st)
			show(st, s.content)
			test.Type(s.pin, tc.pin)
			test.Type(s.pinAgain, tc.again)
			test.Tap(s.start)
			if s.kiosk != nil || s.msg.Text != tc.want {
				t.Errorf("message %q (started %v), want %q", s.msg.Text, s.kiosk != nil, tc.want)
			}
		})
	}
}

func TestTabAndEnterFollowTheForm(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	c := st.win.Canvas()
	order := []fyne.Focusable{k.name.entry, k.street.entry, k.postcode.entry, k.city.entry, k.country.entry, k.consent}
	c.Focus(k.name.entry)
	for i := 1; i < len(order); i++ {
		test.FocusNext(c)
		if c.Focused() != order[i] {
			t.Fatalf("Tab %d went to %T, want the form's next field", i, c.Focused())
		}
	}
	c.Focus(k.name.entry)
	for i := 1; i < len(order); i++ {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if c.Focused() != order[i] {
			t.Fatalf("Enter %d went to %T, want the form's next field", i, c.Focused())
		}
	}
}
