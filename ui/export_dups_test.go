package ui

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// dupFixture is the Export screen with the demo's possible duplicate
// ("Anna Schmid" and "ANNA SCHMID", 3011) not reviewed yet.
func dupFixture(t *testing.T) *exportFixture {
	t.Helper()
	f := newExportFixture(t)
	pid := f.st.petition().ID
	later := findSigned(t, f.st, "ANNA SCHMID")
	// newExportFixture kept the pair; a second "Anna Schmid" is new.
	sig := &petition.Signature{Name: "anna schmid", Address: later.Address, Strokes: store.DemoStrokes("x", 1)}
	if err := f.st.store.AddSignature(pid, sig); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestExportPackAsksAboutDuplicates(t *testing.T) {
	for _, c := range []struct {
		name   string
		choose func(r *dupReview)
		drop   int // valid rows fewer afterwards
	}{
		{"strike", func(r *dupReview) { test.Tap(r.strike) }, 1},
		{"keep", func(r *dupReview) { test.Tap(r.keep) }, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := dupFixture(t)
			before := valid(t, f.st)
			for _, b := range f.v.buttons {
				if b.Text == "Petition pack (PDF)" {
					test.Tap(b)
				}
			}
			if f.v.dups == nil || f.v.job != nil {
				t.Fatal("the pack was written without asking about the possible duplicate")
			}
			if text := dialogText(f.st.win); !strings.Contains(text, "1 possible duplicates") || !strings.Contains(text, "anna schmid") {
				t.Errorf("the question does not list the pair: %q", text)
			}
			c.choose(f.v.dups)
			if f.v.job == nil || f.v.job.running {
				t.Fatal("the pack was not written after the decision")
			}
			if got := valid(t, f.st); got != before-c.drop {
				t.Errorf("valid %d, want %d", got, before-c.drop)
			}
			if pairs, _ := f.st.store.UnreviewedDuplicates(f.st.petition().ID); len(pairs) != 0 {
				t.Errorf("%d pairs still unreviewed", len(pairs))
			}
			if c.name == "strike" {
				if e, _ := f.st.store.AuditEntries(store.AuditFilter{Action: store.ActionStrike}, 1); len(e) != 1 || e[0].Details["reason"] != "duplicate" {
					t.Errorf("the strike is not audited: %+v", e)
				}
			}
			checkLetterCount(t, f.v.job.path, valid(t, f.st))
		})
	}
}

// checkLetterCount reads the pack's letter for its number, when
// pdftotext is there.
func checkLetterCount(t *testing.T, path string, n int) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v %s", err, out)
	}
	if want := fmt.Sprintf("This petition carries %d signatures", n); !strings.Contains(string(out), want) {
		t.Errorf("the letter does not say %q", want)
	}
}

func TestExportAddressChoice(t *testing.T) {
	f := newExportFixture(t)
	if f.v.address.Selected != "As the petition says: Town and country" || selectedAddressMode(f.v.address) != "" {
		t.Errorf("the Export screen offers %q first", f.v.address.Selected)
	}
	f.v.address.SetSelected("Full address")
	if selectedAddressMode(f.v.address) != petition.AddressFull {
		t.Error("choosing full addresses does not give the full mode")
	}
}
