package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// office is a national office's database with the demo petition.
func office(t *testing.T) (*store.Store, *petition.Petition) {
	t.Helper()
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

// sendCampaign writes the office's campaign file for p and returns it.
func sendCampaign(t *testing.T, s *store.Store, p *petition.Petition) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "campaign.json")
	if _, err := desk.ExportCampaign(context.Background(), s, path, p); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openWith makes the next Open campaign file… read b.
func openWith(st *appState, b []byte) {
	fakeDialogs(st).openFile = func(_ fyne.Window, read func(io.ReadCloser)) { read(io.NopCloser(bytes.NewReader(b))) }
}

// TestCampaignFileOpenAndUpdate opens an office's campaign file: a new
// petition, the office's fingerprint shown. A later file moves the
// deadline of the same petition; a file of another key is refused until
// the user trusts the new key; a tampered file is refused; a bad file
// gets a message naming the field.
func TestCampaignFileOpenAndUpdate(t *testing.T) {
	st, _ := newTestState(t, true)
	off, p := office(t)
	fp, _ := off.OwnFingerprint()
	s := newPetitionsScreen(st)
	show(st, s.content)
	openWith(st, sendCampaign(t, off, p))
	test.Tap(s.openFileBtn)
	list, _ := st.store.Petitions()
	if len(list) != 2 || !strings.Contains(s.lastCampaign, fp) || !strings.Contains(dialogText(st.win), fp) {
		t.Fatalf("%d petitions; said %q (office %s)", len(list), s.lastCampaign, fp)
	}
	local := st.petition().ID
	p.Deadline = p.Deadline.AddDays(21)
	if err := off.UpdatePetition(p); err != nil {
		t.Fatal(err)
	}
	later := sendCampaign(t, off, p)
	openWith(st, later)
	test.Tap(s.openFileBtn)
	got, _ := st.store.PetitionByID(local)
	if list, _ := st.store.Petitions(); len(list) != 2 || got.Deadline != p.Deadline || !strings.Contains(s.lastCampaign, "deadline") {
		t.Fatalf("after the later file: %d petitions, deadline %s; said %q", len(list), got.Deadline, s.lastCampaign)
	}

	openWith(st, bytes.Replace(later, []byte(`"goal": `), []byte(`"goal": 1`), 1))
	test.Tap(s.openFileBtn)
	if !strings.Contains(s.lastCampaign, "forged") {
		t.Errorf("tampered file: %q", s.lastCampaign)
	}

	other, _ := office(t)
	p.Deadline = p.Deadline.AddDays(7)
	openWith(st, sendCampaign(t, other, p))
	test.Tap(s.openFileBtn)
	if s.repin == nil || !strings.Contains(s.lastCampaign, "another key") {
		t.Fatalf("foreign key: %q", s.lastCampaign)
	}
	s.repin.Confirm()
	got, _ = st.store.PetitionByID(local)
	if got.Deadline != p.Deadline || !strings.Contains(s.lastCampaign, "new key") {
		t.Errorf("after trusting the new key: deadline %s, said %q", got.Deadline, s.lastCampaign)
	}

	bad := strings.Replace(string(later), `"deadline": "`, `"deadline": "x`, 1)
	openWith(st, []byte(bad))
	test.Tap(s.openFileBtn)
	if list, _ := st.store.Petitions(); len(list) != 2 {
		t.Errorf("a bad file created a petition")
	}
	if msg := dialogText(st.win); !strings.Contains(msg, "signed") {
		t.Errorf("message %q", msg)
	}
}

// TestPetitionFileSaveSigns saves the demo petition as a signed campaign
// file through the export path.
func TestPetitionFileSaveSigns(t *testing.T) {
	st, _ := newTestState(t, true)
	path := filepath.Join(t.TempDir(), "p.json")
	fakeDialogs(st).exportPath = func(_ fyne.Window, name string, done func(string)) {
		if !strings.HasSuffix(name, ".json") {
			t.Errorf("suggested name %q", name)
		}
		done(path)
	}
	s := newPetitionsScreen(st)
	show(st, s.content)
	test.Tap(s.saveFileBtn)
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"format_version": 2`) || !strings.Contains(string(b), `"signature"`) {
		t.Fatalf("saved file:\n%s", b)
	}
	openWith(st, b)
	test.Tap(s.openFileBtn)
	if !strings.Contains(s.lastCampaign, "sent from this database") {
		t.Errorf("own file: %q", s.lastCampaign)
	}
	bad := `{"format":"petitiondesk-petition","format_version":1,"petition":{"deadline":"x"}}`
	openWith(st, []byte(bad))
	test.Tap(s.openFileBtn)
	if msg := dialogText(st.win); !strings.Contains(msg, `"petition.deadline"`) {
		t.Errorf("message %q does not name the field", msg)
	}
}
