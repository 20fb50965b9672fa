package store

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// refused imports b into c and wants err to match want and the database
// unchanged.
func refused(t *testing.T, c *Store, b []byte, want error) {
	t.Helper()
	before := dump(t, c)
	_, err := importBytes(c, b)
	if !errors.Is(err, want) {
		t.Fatalf("got %v, want %v", err, want)
	}
	if !maps.Equal(before, dump(t, c)) {
		t.Fatal("a refused bundle changed the database")
	}
}

// impersonate makes a database that calls itself group g: another
// database with g's id but its own key, as a forger's would be.
func impersonate(t *testing.T, g bundle.Group, hand []byte) *Store {
	t.Helper()
	f := newGroup(t, "Forger", hand)
	must(t, f.update(func(txn *badger.Txn) error {
		return setJSON(txn, keyOwnGroup, groupRecord{ID: g.ID, Name: g.Name})
	}))
	return f
}

func TestFirstImportPinsTheGroupsKey(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 3)...)
	fp, err := a.OwnFingerprint()
	must(t, err)
	rep := mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if !rep.KeyPinned || rep.Fingerprint != fp {
		t.Fatalf("first import: pinned %v, fingerprint %q, the group's %q", rep.KeyPinned, rep.Fingerprint, fp)
	}
	sign(t, a, p.ID, "Late Signer")
	if rep := mustImport(t, c, exportBytes(t, a, ExportOptions{})); rep.KeyPinned || rep.Fingerprint != fp {
		t.Fatalf("second import: %+v", rep)
	}
	groups, err := c.Groups()
	must(t, err)
	for _, g := range groups {
		if g.Name == "Group Thun" && g.Fingerprint != fp || g.Fingerprint == "" {
			t.Fatalf("groups list %+v", groups)
		}
	}
}

func TestForeignKeyRefused(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 5)...)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	own, err := a.OwnGroup()
	must(t, err)
	f := impersonate(t, own, hand)
	forged := f.now().Add(time.Hour)
	f.now = func() time.Time { return forged }
	sign(t, f, p.ID, names("Forged", 5)...)
	refused(t, c, exportBytes(t, f, ExportOptions{}), bundle.ErrForeignKey)
	refused(t, c, exportBytes(t, f, ExportOptions{CountsOnly: true}), bundle.ErrForeignKey)
	// The coordinator's own group, too.
	cown, err := c.OwnGroup()
	must(t, err)
	refused(t, c, exportBytes(t, impersonate(t, cown, hand), ExportOptions{}), bundle.ErrForeignKey)
	got, err := c.SignatureByID(sigs[0].ID)
	must(t, err)
	if got.Name != sigs[0].Name {
		t.Fatalf("the real group's row now reads %q", got.Name)
	}
	// Deliberately forgotten (a reinstalled app), the next key is pinned.
	must(t, c.ForgetGroupKey(own.ID))
	if rep := mustImport(t, c, exportBytes(t, f, ExportOptions{})); !rep.KeyPinned {
		t.Fatalf("after forgetting: %+v", rep)
	}
	log, err := c.AuditEntries(AuditFilter{}, 0)
	must(t, err)
	if !strings.Contains(auditText(log), ActionForgetKey) {
		t.Fatal("forgetting a key is not in the audit log")
	}
}

func auditText(entries []AuditEntry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Action + " ")
	}
	return b.String()
}

// A bundle signed by its own group's key that holds rows of another.
func TestOtherGroupsRowsRefused(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 4)...)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	aGroup, err := a.OwnGroup()
	must(t, err)

	// Records naming Thun's group in a bundle of group Bern.
	b := newGroup(t, "Group Bern", hand)
	bKey, err := b.ownKey()
	must(t, err)
	bGroup, err := b.OwnGroup()
	must(t, err)
	pt, err := c.PetitionByID(p.ID)
	must(t, err)
	var buf bytes.Buffer
	w := bundle.NewWriter(&buf, bundle.Header{ID: newID(), Group: bGroup, Created: testNow.Add(time.Hour), Key: bKey})
	must(t, w.AddPetition(pt))
	w.AddSnapshot(bundle.Snapshot{Group: bGroup.ID, Petition: p.ID, AsOf: testNow.Add(time.Hour)})
	w.AddSnapshot(bundle.Snapshot{Group: aGroup.ID, Petition: p.ID, AsOf: testNow.Add(time.Hour)})
	must(t, w.AddSheet(&petition.Sheet{PetitionID: p.ID, Group: aGroup.ID, Number: 1, Origin: petition.OriginDigital, Status: petition.SheetCollecting}))
	must(t, w.Close())
	refused(t, c, buf.Bytes(), bundle.ErrOtherGroup)

	// Thun's signature id on a sheet of Bern's own: an attempt to rewrite
	// a row Bern does not own.
	buf.Reset()
	w = bundle.NewWriter(&buf, bundle.Header{ID: newID(), Group: bGroup, Created: testNow.Add(time.Hour), Key: bKey})
	must(t, w.AddPetition(pt))
	w.AddSnapshot(bundle.Snapshot{Group: bGroup.ID, Petition: p.ID, AsOf: testNow.Add(time.Hour)})
	must(t, w.AddSheet(&petition.Sheet{PetitionID: p.ID, Group: bGroup.ID, Number: 1, Origin: petition.OriginDigital, Status: petition.SheetCollecting, Filled: 1}))
	stolen := *sigs[1]
	stolen.Group, stolen.Sheet, stolen.Row, stolen.Name = bGroup.ID, 1, 1, "Renamed Signer"
	must(t, w.AddSignature(&stolen))
	must(t, w.Close())
	refused(t, c, buf.Bytes(), bundle.ErrOtherGroup)
}

func TestFutureBundleRefused(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 2)...)
	late := c.now().Add(25 * time.Hour)
	a.now = func() time.Time { return late }
	refused(t, c, exportBytes(t, a, ExportOptions{}), bundle.ErrFromFuture)
	// Within a day of skew it is accepted.
	soon := c.now().Add(23 * time.Hour)
	a.now = func() time.Time { return soon }
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
}

// An older bundle arriving after a newer one (or replayed on purpose)
// changes none of the newer data.
func TestReplayedOlderBundleChangesNothing(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 6)...)
	old := exportBytes(t, a, ExportOptions{})
	must(t, a.StrikeSignature(sigs[2].ID, petition.StrikeIllegible))
	sign(t, a, p.ID, names("Later", 3)...)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	want := totals(t, c, p.ID)
	records := func() map[string]string {
		d := dump(t, c)
		maps.DeleteFunc(d, func(k, _ string) bool {
			return !strings.HasPrefix(k, pfxSigs) && !strings.HasPrefix(k, pfxSheets) && !strings.HasPrefix(k, pfxCounters)
		})
		return d
	}
	before := records()
	rep := mustImport(t, c, old)
	if rep.OlderSnapshots != 1 || rep.SignaturesUpdated != 0 || rep.SheetsUpdated != 0 {
		t.Fatalf("replay: %+v", rep)
	}
	if got := totals(t, c, p.ID); got != want || !maps.Equal(before, records()) {
		t.Fatalf("the replayed bundle changed records: totals %+v, want %+v", got, want)
	}
}

func TestOldVersionAndTamperedSignatureRefused(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 3)...)
	b := exportBytes(t, a, ExportOptions{})
	old := bytes.Replace(b, []byte("petitiondesk-bundle 2 sha256:"), []byte("petitiondesk-bundle 1 sha256:"), 1)
	refused(t, c, old, bundle.ErrOldVersion)
	sig := bytes.Clone(b)
	i := bytes.LastIndex(sig, []byte(" ed25519:")) + 20
	sig[i] = "01"[(sig[i]-'0'+1)%2]
	refused(t, c, sig, bundle.ErrBadSignature)
	mustImport(t, c, b)
}

func TestGroupKeyIsMadeOnceWithTheGroup(t *testing.T) {
	s := memStore(t)
	fp1, err := s.OwnFingerprint()
	must(t, err)
	fp2, err := s.OwnFingerprint()
	must(t, err)
	var key ed25519.PrivateKey
	must(t, s.db.View(func(txn *badger.Txn) (err error) { key, err = readGroupKey(txn); return err }))
	if fp1 == "" || fp1 != fp2 || bundle.Fingerprint(key.Public().(ed25519.PublicKey)) != fp1 {
		t.Fatalf("fingerprints %q %q", fp1, fp2)
	}
}
