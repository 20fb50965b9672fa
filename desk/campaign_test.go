package desk

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func memStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importFile(t *testing.T, s *store.Store, path string) (*CampaignResult, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ImportCampaign(s, f)
}

// TestCampaignSentAndUpdated: the office sends a campaign, a group
// imports it (the key pinned, the fingerprint the office's, audited),
// collects signatures, then takes a later file that moves the deadline;
// its signatures stay. A tampered file and one signed by another office
// are refused and change nothing.
func TestCampaignSentAndUpdated(t *testing.T) {
	office, p := demoStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "campaign.json")
	fp, err := ExportCampaign(context.Background(), office, path, p)
	if err != nil {
		t.Fatal(err)
	}
	group := memStore(t)
	res, err := importFile(t, group, path)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || !res.KeyPinned || res.Unsigned || res.Fingerprint != fp {
		t.Fatalf("first file: %+v (office %s)", res, fp)
	}
	if e := newEntries(t, group, 0); len(e) != 1 || e[0].Action != store.ActionImport || e[0].Details["kind"] != "campaign" {
		t.Errorf("audit %+v", e)
	}
	local := res.Petition.ID
	sig := petition.Signature{Name: "Ada Muster", Address: petition.Address{Street: "Kramgasse 1", Postcode: "3000", City: "Bern", Country: "Switzerland"}}
	if err := group.AddSignature(local, &sig); err != nil {
		t.Fatal(err)
	}
	p.Deadline = p.Deadline.AddDays(7)
	if err := office.UpdatePetition(p); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportCampaign(context.Background(), office, path, p); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(path)
	if res, err = importFile(t, group, path); err != nil || strings.Join(res.Changed, ",") != "deadline" {
		t.Fatalf("update: %+v, %v", res, err)
	}
	if tot, _ := group.Totals(local); tot.Digital != 1 {
		t.Errorf("totals after the update %+v", tot)
	}
	tampered := bytes.Replace(text, []byte(`"goal": `), []byte(`"goal": 9`), 1)
	if _, err := ImportCampaign(group, bytes.NewReader(tampered)); !errors.Is(err, petition.ErrBadSignature) {
		t.Errorf("tampered: %v", err)
	}
	other, _ := demoStore(t)
	forged := filepath.Join(dir, "forged.json")
	p2 := *p
	if _, err := ExportCampaign(context.Background(), other, forged, &p2); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, group, forged); !errors.Is(err, store.ErrCampaignKey) {
		t.Errorf("another office's key: %v", err)
	}
}

// TestUnsignedFileMarked: a version 1 file still makes a petition, marked
// unsigned.
func TestUnsignedFileMarked(t *testing.T) {
	_, p := demoStore(t)
	var b bytes.Buffer
	if err := petition.WriteFile(&b, p); err != nil {
		t.Fatal(err)
	}
	res, err := ImportCampaign(memStore(t), &b)
	if err != nil || !res.Unsigned || !res.Created || res.Fingerprint != "" {
		t.Fatalf("%+v, %v", res, err)
	}
}
