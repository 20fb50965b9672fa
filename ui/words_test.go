package ui

import (
	"testing"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// Counts take the singular for one (and in French for zero too).
func TestPluralsInEachLanguage(t *testing.T) {
	t.Cleanup(func() { setLanguage("en") })
	for _, tc := range []struct {
		code string
		n    int
		want string
	}{
		{"en", 1, "1 sheet"}, {"en", 2, "2 sheets"}, {"en", 0, "0 sheets"},
		{"de", 1, "1 Bogen"}, {"de", 2, "2 Bögen"}, {"de", 0, "0 Bögen"},
		{"fr", 1, "1 feuille"}, {"fr", 0, "0 feuille"}, {"fr", 2, "2 feuilles"},
	} {
		setLanguage(tc.code)
		if got := TN(tc.n, "%d sheet", "%d sheets", tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.code, tc.n, got, tc.want)
		}
	}
	setLanguage("en")
	if got := bundleContents(store.BundleReceipt{Counts: bundle.Counts{Sheets: 1, Signatures: 1}}); got != "1 sheet, 1 signature" {
		t.Errorf("bundle contents %q", got)
	}
	if got := signaturesSoFar(1); got != "1 signature so far" {
		t.Errorf("running count %q", got)
	}
	if got := daysLeftWords(1); got != "1 day left" {
		t.Errorf("days left %q", got)
	}
}

// The signature pad's clear button says what it does to a signer: draw
// again, not delete ("Löschen" read as deleting the signature record).
func TestPadClearButtonSaysDrawAgain(t *testing.T) {
	st, _ := newTestState(t, true)
	t.Cleanup(func() { setLanguage("en") })
	for code, want := range map[string]string{"en": "Draw again", "de": "Neu zeichnen", "fr": "Redessiner"} {
		setLanguage(code)
		k := newKiosk(st, *st.petition(), newPINLock("2468"), "", "")
		if k.clearPad.Text != want {
			t.Errorf("%s: %q, want %q", code, k.clearPad.Text, want)
		}
	}
}
