package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// tickingStore is an in-memory store whose clock moves a minute per
// reading, so a group's successive bundles are successive snapshots.
func tickingStore(t testing.TB) *Store {
	t.Helper()
	var n atomic.Int64
	s, err := openChecked(t, Options{InMemory: true, Now: func() time.Time {
		return testNow.Add(time.Duration(n.Add(1)) * time.Minute)
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func exportBytes(t testing.TB, s *Store, o ExportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.ExportBundle(context.Background(), &buf, o, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importBytes(s *Store, b []byte) (*ImportReport, error) {
	r, err := bundle.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	return s.ImportBundle(context.Background(), r, nil)
}

func mustImport(t testing.TB, s *Store, b []byte) *ImportReport {
	t.Helper()
	rep, err := importBytes(s, b)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// dump returns every key and value of the database.
func dump(t testing.TB, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out[string(it.Item().Key())] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// coordinatorWithPetition makes the coordinator's database with one
// petition and returns it with a counts-only bundle that hands the
// petition to the groups.
func coordinatorWithPetition(t testing.TB) (*Store, *petition.Petition, []byte) {
	t.Helper()
	c := tickingStore(t)
	p := newPetition(t, c, 10)
	if _, err := c.SetGroupName("National office"); err != nil {
		t.Fatal(err)
	}
	return c, p, exportBytes(t, c, ExportOptions{CountsOnly: true})
}

// newGroup makes a group's database that imported the coordinator's petition.
func newGroup(t testing.TB, name string, petitionBundle []byte) *Store {
	t.Helper()
	g := tickingStore(t)
	if _, err := g.SetGroupName(name); err != nil {
		t.Fatal(err)
	}
	mustImport(t, g, petitionBundle)
	return g
}

func sign(t testing.TB, s *Store, pid string, names ...string) []*petition.Signature {
	t.Helper()
	var out []*petition.Signature
	for i, n := range names {
		sig := person(n, fmt.Sprint(3000+len(n)))
		sig.Strokes = DemoStrokes(n, i)
		if err := s.AddSignature(pid, sig); err != nil {
			t.Fatal(err)
		}
		out = append(out, sig)
	}
	return out
}

func totals(t testing.TB, s *Store, pid string) petition.Totals {
	t.Helper()
	tot, err := s.Totals(pid)
	if err != nil {
		t.Fatal(err)
	}
	return tot
}

func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s Signer %03d", prefix, i)
	}
	return out
}

func TestBundleRoundTripWithStrokes(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 23)...)
	must(t, a.StrikeSignature(sigs[4].ID, petition.StrikeIllegible))
	paper, err := a.CreatePaperSheets(p.ID, 1, "Church hall", "Lea")
	must(t, err)
	must(t, a.SetPaperCount(p.ID, paper[0].Number, 8))
	scanned := bytes.Repeat([]byte("\xff\xd8 a scanned page "), 9000) // over one 60 KiB chunk
	_, err = a.PutScanPage(p.ID, paper[0].Number, ScanPage{Page: 1, Count: 8, Confidence: 0.9, Digest: "abc"}, scanned, false)
	must(t, err)

	rep := mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if rep.SignaturesAdded != 23 || rep.SheetsAdded != 4 || rep.Duplicates != 0 || rep.PagesAdded != 1 {
		t.Fatalf("report %+v", rep)
	}
	want := totals(t, a, p.ID)
	if got := totals(t, c, p.ID); got != want {
		t.Fatalf("coordinator totals %+v, group's %+v", got, want)
	}
	got, err := c.SignatureByID(sigs[7].ID)
	must(t, err)
	if !reflect.DeepEqual(got.Strokes, sigs[7].Strokes) || got.Name != sigs[7].Name || got.Group == "" {
		t.Fatalf("signature came back as %+v", got)
	}
	byGroup, err := c.TotalsByGroup(p.ID)
	must(t, err)
	if len(byGroup) != 1 || byGroup[0].GroupName != "Group Thun" || byGroup[0].Valid() != want.Valid() || byGroup[0].Paper != 8 {
		t.Fatalf("by group %+v", byGroup)
	}
	// A bundle holds only its own group's records: the coordinator's own
	// export passes none of Thun's on; the national office gets Thun's
	// own file instead, with the same totals and scans.
	n := tickingStore(t)
	mustImport(t, n, exportBytes(t, c, ExportOptions{}))
	if got := totals(t, n, p.ID); got.Valid() != 0 {
		t.Fatalf("the coordinator's bundle passed on another group's records: %+v", got)
	}
	mustImport(t, n, exportBytes(t, a, ExportOptions{}))
	if got := totals(t, n, p.ID); got != want {
		t.Fatalf("national office totals %+v, want %+v", got, want)
	}
	for _, db := range []*Store{c, n} {
		sheets, err := db.Sheets(p.ID)
		must(t, err)
		found := false
		for _, sh := range sheets {
			if sh.Origin == petition.OriginPaper && sh.Filled == 8 {
				img, err := db.ScanImage(p.ID, sh.Number, 1)
				list, _ := db.ScanPageList(p.ID, sh.Number)
				found = err == nil && bytes.Equal(img, scanned) && len(list) == 1 && list[0].Count == 8
			}
		}
		if !found {
			t.Fatal("the scanned page did not arrive")
		}
	}
}

func TestImportTwiceChangesNothing(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 12)...)
	b := exportBytes(t, a, ExportOptions{})
	mustImport(t, c, b)
	before := dump(t, c)
	rep := mustImport(t, c, b)
	if !rep.AlreadyImported || rep.Changes != 0 {
		t.Fatalf("second import: %+v", rep)
	}
	if after := dump(t, c); !maps.Equal(before, after) {
		t.Fatal("the second import changed the database")
	}
}

func TestTamperedBundleImportsNothing(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 12)...)
	b := exportBytes(t, a, ExportOptions{})
	var beforeBackup bytes.Buffer
	must(t, c.Backup(&beforeBackup))
	before := dump(t, c)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		bad := bytes.Clone(b)
		bad[rng.IntN(len(bad))] ^= byte(1 + rng.IntN(255))
		if _, err := importBytes(c, bad); err == nil {
			t.Fatal("a tampered bundle was imported")
		}
	}
	for _, cut := range []int{len(b) / 3, len(b) - 1} {
		if _, err := importBytes(c, b[:cut]); err == nil {
			t.Fatal("a truncated bundle was imported")
		}
	}
	if !maps.Equal(before, dump(t, c)) {
		t.Fatal("a refused bundle changed the database")
	}
	var afterBackup bytes.Buffer
	must(t, c.Backup(&afterBackup))
	// Badger streams a backup in parallel, so two backups of the same data
	// differ in order: compare what they restore to, less the audit log's
	// own entries for the backups.
	if !maps.Equal(restored(t, beforeBackup.Bytes()), restored(t, afterBackup.Bytes())) {
		t.Fatal("the backups before and after differ")
	}
}

func restored(t *testing.T, backup []byte) map[string]string {
	t.Helper()
	s := memStore(t)
	must(t, s.Restore(bytes.NewReader(backup), "", true))
	d := dump(t, s)
	for k := range d {
		if strings.HasPrefix(k, pfxAudit) {
			delete(d, k)
		}
	}
	return d
}

func TestWrongKeyImportsNothing(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 3)...)
	_, public, err := bundle.NewKey(testNow)
	must(t, err)
	otherKey, _, err := bundle.NewKey(testNow)
	must(t, err)
	var enc bytes.Buffer
	w, err := bundle.EncryptTo(&enc, public)
	must(t, err)
	_, err = a.ExportBundle(context.Background(), w, ExportOptions{}, nil)
	must(t, err)
	must(t, w.Close())
	ids, err := parseKeyText(otherKey)
	must(t, err)
	before := dump(t, c)
	_, err = bundle.OpenReaderAt(bytes.NewReader(enc.Bytes()), int64(enc.Len()), bundle.Keys{Identities: ids})
	if !errors.Is(err, bundle.ErrWrongKey) {
		t.Fatalf("opened with another key: %v", err)
	}
	if !maps.Equal(before, dump(t, c)) {
		t.Fatal("changed")
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
