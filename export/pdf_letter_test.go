package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func TestSplitSalutation(t *testing.T) {
	for _, tc := range []struct{ letter, sal, wantSal, wantBody string }{
		{"Dear Minister,\n\nPlease act.", "Dear Minister,", "Dear Minister,", "Please act."},
		{"dear minister\nPlease act.", "Dear Minister,", "Dear Minister,", "Please act."},
		{"Dear Sir,\nPlease act.", "Dear Ambassador,", "Dear Ambassador,", "Please act."},
		{"Dear Sir,\nPlease act.", "", "Dear Sir,", "Please act."},
		{"Please act now, we ask you,\nand free her.", "", "Please act now, we ask you,", "and free her."},
		{"We ask you to act.", "Dear Minister,", "Dear Minister,", "We ask you to act."},
		{"Free her now!\nShe is ill.", "Dear Minister,", "Dear Minister,", "Free her now!\nShe is ill."},
	} {
		sal, body := splitSalutation(tc.letter, tc.sal)
		if sal != tc.wantSal || body != tc.wantBody {
			t.Errorf("%q with %q: %q / %q, want %q / %q", tc.letter, tc.sal, sal, body, tc.wantSal, tc.wantBody)
		}
	}
}

// flatText is the PDF's text with all white space as single spaces.
func flatText(t *testing.T, path string) string {
	return strings.Join(strings.Fields(runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
}

// TestPackLetter: the letter greets once, is signed by the petition's
// sender, lists what is enclosed and who gets a copy, counts the scanned
// paper sheet as enclosed and the hand-counted one as held by the group,
// and the sheets keep the app's own numbers around a struck row.
func TestPackLetter(t *testing.T) {
	needTool(t, "pdftotext")
	s, p := pdfDemo(t)
	p.Letter = "Dear Minister,\n\n" + p.Letter
	p.SenderName, p.SenderRole = "Lea Keller", "Coordinator"
	p.Targets[0].Language = "en"
	if err := s.UpdatePetition(p); err != nil {
		t.Fatal(err)
	}
	paper, err := s.CreatePaperSheets(p.ID, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutScanPage(p.ID, paper[0].Number, store.ScanPage{Page: 1, Count: 1}, testJPEG(t), false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPaperCount(p.ID, paper[0].Number, 12); err != nil {
		t.Fatal(err)
	}
	var struck, next *petition.Signature // a struck row, and the row after it
	s.ForEachSignature(p.ID, func(sig *petition.Signature) error {
		c := *sig
		if struck != nil && next == nil && c.Sheet == struck.Sheet && !c.IsStruck() {
			next = &c
		} else if struck == nil && c.IsStruck() {
			struck = &c
		}
		return nil
	})
	if struck == nil || next == nil {
		t.Fatal("the demo has no struck row followed by another")
	}
	path, _ := writePack(t, s, p, PackOptions{ScanPages: s.ScanPages, Targets: []int{0}})
	text := flatText(t, path)
	for _, want := range []string{
		"Dear Minister, We, the undersigned",
		"This petition carries 74 signatures. Enclosed: 47 signatures (35 signed in person, 12 on scanned paper sheets). Held on paper by Human Rights Group Bern: 27 signatures.",
		"Yours sincerely, Lea Keller Coordinator Human Rights Group Bern",
		"Enclosures: 2 signature sheets, 1 scanned page",
		"Copy to: Minister of Foreign Affairs, Republic of Belarus",
		fmt.Sprintf("%d. %s", next.Row, petition.ForRecipient(next, p.RecipientSees, petition.TargetCountry(p.Targets[0])).Name),
		fmt.Sprintf("Sheet %d", next.Sheet),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is not in the letter:\n%s", want, text[:min(len(text), 2000)])
		}
	}
	if strings.Contains(text, "Dear Minister, Dear Minister") {
		t.Error("the salutation is printed twice")
	}
	if strings.Contains(text, struck.Name) {
		t.Error("a struck signer is in the pack")
	}
}

// TestBlankSheetsRefuseWithoutPrivacyNotice: no sheet goes to signers
// without saying what is done with their details, and no number is spent.
func TestBlankSheetsRefuseWithoutPrivacyNotice(t *testing.T) {
	s, p := pdfDemo(t)
	p.PrivacyNotice = "  "
	next, _ := s.NextSheetNumber(p.ID)
	_, err := PrintBlank(context.Background(), io.Discard, s, p, 2, PDFOptions{Now: pdfNow}, nil)
	if !errors.Is(err, ErrNoPrivacyNotice) {
		t.Fatalf("printed without a privacy notice: %v", err)
	}
	if again, _ := s.NextSheetNumber(p.ID); again != next {
		t.Errorf("a refused print spent sheet numbers %d to %d", next, again-1)
	}
}
