package store

import (
	"bytes"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// campaignFile writes p as s's signed campaign file and reads it back as
// a group would.
func campaignFile(t *testing.T, s *Store, p *petition.Petition) *petition.Campaign {
	t.Helper()
	var b bytes.Buffer
	h := petition.CampaignHeader{ID: p.ID, Issued: s.now(), From: "National office"}
	must(t, petition.WriteCampaign(&b, p, h, s.SignCampaign))
	c, err := petition.ReadCampaign(&b)
	must(t, err)
	return c
}

// TestCampaignUpdateKeepsSignatures sends a campaign, collects
// signatures under it, then sends a later file that moves the deadline,
// adds a target, changes the letter and the rows per sheet: the
// petition takes the new fields but its layout (sheets are printed) and
// its signatures stay. The same file again, or an older one, changes
// nothing.
func TestCampaignUpdateKeepsSignatures(t *testing.T) {
	c := tickingStore(t)
	p := newPetition(t, c, 10)
	g := tickingStore(t)
	first := campaignFile(t, c, p)
	rep, err := g.ImportCampaign(first)
	must(t, err)
	fp, _ := c.OwnFingerprint()
	if !rep.Created || !rep.KeyPinned || rep.Fingerprint != fp || rep.Petition.ID == p.ID {
		t.Fatalf("first file: %+v", rep)
	}
	local := rep.Petition.ID
	sign(t, g, local, names("Thun", 12)...)
	before, err := g.Totals(local)
	must(t, err)

	p.Deadline = p.Deadline.AddDays(14)
	p.Targets = append(p.Targets, petition.Target{Name: "Embassy in Bern"})
	p.Letter += "\nUpdated."
	p.RowsPerSheet = 20
	must(t, c.UpdatePetition(p))
	second := campaignFile(t, c, p)
	rep, err = g.ImportCampaign(second)
	must(t, err)
	if rep.Created || rep.KeyPinned || !rep.KeptLayout || !slices.Equal(rep.Changed, []string{"targets", "letter", "deadline"}) {
		t.Fatalf("second file: %+v", rep)
	}
	got, err := g.PetitionByID(local)
	must(t, err)
	if got.Deadline != p.Deadline || len(got.Targets) != len(p.Targets) || got.Letter != p.Letter || got.RowsPerSheet != 10 {
		t.Errorf("petition after the update: %+v", got)
	}
	after, err := g.Totals(local)
	must(t, err)
	if after != before {
		t.Errorf("totals %+v, before %+v", after, before)
	}
	if rep, err := g.ImportCampaign(second); err != nil || !rep.Same {
		t.Errorf("the same file again: %+v, %v", rep, err)
	}
	if rep, err := g.ImportCampaign(first); err != nil || !rep.Older {
		t.Errorf("the older file: %+v, %v", rep, err)
	}
	if _, err := c.ImportCampaign(second); !errors.Is(err, ErrOwnCampaign) {
		t.Errorf("own campaign: %v", err)
	}
}

// TestCampaignForeignKeyRefused: a file of the same campaign signed by
// another database is refused and changes nothing, until the group
// forgets the key (audited); then it pins the new key.
func TestCampaignForeignKeyRefused(t *testing.T) {
	c := tickingStore(t)
	p := newPetition(t, c, 10)
	g := tickingStore(t)
	rep, err := g.ImportCampaign(campaignFile(t, c, p))
	must(t, err)
	forger := tickingStore(t)
	forger.now = func() time.Time { return c.now().Add(time.Hour) }
	p.Deadline = p.Deadline.AddDays(-3)
	forged := campaignFile(t, forger, p)
	before := dump(t, g)
	_, err = g.ImportCampaign(forged)
	var ke *CampaignKeyError
	if !errors.Is(err, ErrCampaignKey) || !errors.As(err, &ke) || ke.Pinned != rep.Fingerprint {
		t.Fatalf("forged file: %v", err)
	}
	if !maps.Equal(before, dump(t, g)) {
		t.Fatal("a refused file changed the database")
	}
	must(t, g.ForgetCampaignKey(rep.Petition.ID))
	if entries, _ := g.AuditEntries(AuditFilter{}, 10); len(entries) == 0 || entries[0].Action != ActionForgetCampaign {
		t.Errorf("audit %+v", entries)
	}
	rep2, err := g.ImportCampaign(forged)
	must(t, err)
	if !rep2.KeyPinned || rep2.Created || rep2.Petition.ID != rep.Petition.ID || rep2.Petition.Deadline != p.Deadline {
		t.Errorf("after forget-key: %+v", rep2)
	}
	if err := g.ForgetCampaignKey("nope"); !errors.Is(err, ErrNoCampaign) {
		t.Errorf("forget on a petition of no campaign: %v", err)
	}
}
