package store

import (
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

func demoStore(t *testing.T) (*Store, *petition.Petition) {
	t.Helper()
	now := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	s, err := openChecked(t, Options{InMemory: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(now)
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

func unreviewed(t *testing.T, s *Store, pid string) []DuplicatePair {
	t.Helper()
	pairs, err := s.UnreviewedDuplicates(pid)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

// TestDuplicatesKept: "Anna Schmid" and "ANNA SCHMID" at 3011 are listed
// once, earlier first; kept, they are not listed again and both count;
// the record holds ids only.
func TestDuplicatesKept(t *testing.T) {
	s, p := demoStore(t)
	pairs := unreviewed(t, s, p.ID)
	if len(pairs) == 0 || pairs[0].Earlier.Name != "Anna Schmid" || pairs[0].Later.Name != "ANNA SCHMID" {
		t.Fatalf("pairs %+v, want Anna Schmid then ANNA SCHMID", pairs)
	}
	before := totals(t, s, p.ID).Valid()
	if err := s.KeepDuplicates(p.ID, pairs); err != nil {
		t.Fatal(err)
	}
	if got := unreviewed(t, s, p.ID); len(got) != 0 {
		t.Errorf("%d pairs still listed after keeping them", len(got))
	}
	if totals(t, s, p.ID).Valid() != before {
		t.Error("keeping both changed the count")
	}
	for k, v := range dump(t, s) {
		if len(k) > 2 && k[:2] == pfxKeptPair && (v != "" || len(k) > 2+36*3+2) {
			t.Errorf("kept-pair record %q=%q holds more than ids", k, v)
		}
	}
	if e := lastAudit(t, s); e.Action != ActionKeepDuplicates || e.Count != len(pairs) {
		t.Errorf("audit %+v", e)
	}
}

// TestDuplicatesStruck: the later row is struck as a duplicate, audited
// as a strike, and the valid count drops by one per pair.
func TestDuplicatesStruck(t *testing.T) {
	s, p := demoStore(t)
	pairs := unreviewed(t, s, p.ID)
	before := totals(t, s, p.ID).Valid()
	if err := s.StrikeDuplicates(pairs); err != nil {
		t.Fatal(err)
	}
	if got := totals(t, s, p.ID).Valid(); got != before-len(pairs) {
		t.Errorf("valid %d after striking %d pairs, want %d", got, len(pairs), before-len(pairs))
	}
	sig, err := s.SignatureByID(pairs[0].Later.ID)
	if err != nil || sig.Struck != petition.StrikeDuplicate {
		t.Errorf("the later row is struck %q (%v), want duplicate", sig.Struck, err)
	}
	if e := lastAudit(t, s); e.Action != ActionStrike || e.Details["reason"] != "duplicate" {
		t.Errorf("audit %+v", e)
	}
	if got := unreviewed(t, s, p.ID); len(got) != 0 {
		t.Errorf("%d pairs listed after striking", len(got))
	}
}

func lastAudit(t *testing.T, s *Store) AuditEntry {
	t.Helper()
	list, err := s.AuditEntries(AuditFilter{}, 1)
	if err != nil || len(list) == 0 {
		t.Fatalf("audit log: %v", err)
	}
	return list[0]
}
