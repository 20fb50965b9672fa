package ui

import (
	"strings"
	"testing"
)

// TestBlankSheetsNeedAPrivacyNotice: the window refuses to print blank
// sheets for a petition without a privacy notice, and says why.
func TestBlankSheetsNeedAPrivacyNotice(t *testing.T) {
	f := newExportFixture(t)
	p := *f.st.petition()
	p.PrivacyNotice = ""
	if err := f.st.store.UpdatePetition(&p); err != nil {
		t.Fatal(err)
	}
	f.st.setPetition(&p)
	before, _ := f.st.store.Sheets(p.ID)
	f.v = newExportScreen(f.st)
	show(f.st, f.v.content)
	f.tap(t, "Blank sheets (PDF)")
	if msg := dialogText(f.st.win); !strings.Contains(msg, "privacy notice") {
		t.Errorf("no plain message about the privacy notice: %q", msg)
	}
	if after, _ := f.st.store.Sheets(p.ID); len(after) != len(before) {
		t.Errorf("%d sheets after a refused print, %d before: numbers were reserved", len(after), len(before))
	}
}
