package store

import (
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"
)

// openChecked opens a store as Open does; before it closes (or when the
// test ends, if it is left open), every key in it, with the older and
// deleted versions Badger still holds, must be under a prefix of the key
// table (keys.go). The store's tests open their stores through it, so a
// key kind added without a line in the table fails them.
func openChecked(t testing.TB, o Options) (*Store, error) {
	t.Helper()
	s, err := Open(o)
	if err != nil {
		return s, err
	}
	checked := false
	check := func() {
		if !checked && !s.db.IsClosed() {
			checked = true
			checkKeys(t, s)
		}
	}
	s.beforeClose = check
	t.Cleanup(check)
	return s, nil
}

// checkKeys fails t for each key no line of the key table declares.
func checkKeys(t testing.TB, s *Store) {
	t.Helper()
	bad := map[string]bool{}
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.AllVersions, opts.PrefetchValues = true, false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if k := it.Item().Key(); declaredKey(k) == nil {
				bad[string(k[:min(len(k), 12)])] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Errorf("walking the keys: %v", err)
	}
	for k := range bad {
		t.Errorf("a key starting %q is under no prefix of the key table (store/keys.go)", k)
	}
}

// declaredKey returns the table's line for key, or nil.
func declaredKey(key []byte) *keyPrefix {
	for i, p := range prefixes {
		if string(key) == p.prefix || !p.exact && strings.HasPrefix(string(key), p.prefix) {
			return &prefixes[i]
		}
	}
	return nil
}

// TestKeyTable checks the table itself: prefixes are unique, none hides
// another, every line says what it holds, and only the signature rows are
// scrubbed (scrubRows knows their shape; anything else personal is
// deleted).
func TestKeyTable(t *testing.T) {
	for i, a := range prefixes {
		if a.prefix == "" || a.holds == "" || !a.exact && a.rest == "" {
			t.Errorf("line %d (%q) does not say what it holds", i, a.prefix)
		}
		if a.data == personalScrub && a.prefix != pfxSigs {
			t.Errorf("%q is scrubbed, but erasure can only scrub signature rows: delete it instead", a.prefix)
		}
		for j, b := range prefixes {
			if i != j && !a.exact && strings.HasPrefix(b.prefix, a.prefix) {
				t.Errorf("%q hides %q: keys of the second would count as the first", a.prefix, b.prefix)
			}
		}
	}
}

// TestKeyBuildersUseTheTable builds one key of each builder and checks
// the table declares it, with the personal data the erasure relies on.
func TestKeyBuildersUseTheTable(t *testing.T) {
	keys := map[string][]byte{
		"petition": keyPetition("p1"), "counters": keyCounters("p1"), "sheet": keySheet("p1", 1),
		"signature": keySig("p1", 1, 2), "index": keySigIndex("s1"), "duplicate": prefixDup("p1", "x"),
		"kept pair": keyKeptPair("p1", "a", "b"), "tombstone": keyTombstone("s1"), "erased at": keyErasedAt("p1"),
		"image": keyScanImage("p1", 1, 1), "scan record": keyScanMeta("p1", 1, 1), "group": keyGroup("g1"),
		"held": keyHeld("g1", "p1"), "sheet map": keySheetMap("p1", "g1", 1), "origin": keySheetOrigin("p1", 1),
		"group dups": keyGroupDups("p1", "g1"), "receipt": keyReceipt("b1"), "pin": keyPin("g1"),
		"undo": keyUndo("i1", 1), "schema": keySchema, "own group": keyOwnGroup, "group key": keyGroupKey,
		"import": keyImportMarker, "purge": keyPurge, "purge low": purgeMarks[0], "purge high": purgeMarks[1],
		"unpurged": keyUnpurged,
	}
	for name, k := range keys {
		if declaredKey(k) == nil {
			t.Errorf("the %s key %q is under no prefix of the table", name, k)
		}
	}
	for _, k := range [][]byte{keySig("p1", 1, 2), prefixDup("p1", "x"), keyScanImage("p1", 1, 1), keyUndo("i1", 1)} {
		if p := declaredKey(k); p == nil || p.data == notPersonal {
			t.Errorf("%q holds personal data, but the table says it does not", k)
		}
	}
}

// TestPetitionErasureGoesByTheTable erases a petition with scanned pages
// on disk: under every prefix the table calls personal, no old version
// of the petition's keys is left, and nothing at all under the deleted
// ones.
func TestPetitionErasureGoesByTheTable(t *testing.T) {
	s := openDisk(t, t.TempDir())
	defer s.Close()
	p, err := s.CreateDemo(s.Now())
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := s.CreatePaperSheets(p.ID, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	img := make([]byte, 2<<20) // two chunks, in the value log
	if _, err := s.PutScanPage(p.ID, sheets[0].Number, ScanPage{Page: 1, Count: 3}, img, false); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.ErasePetitionData(p.ID, ActionEraseNow); err != nil || rep.Images != 1 || rep.Signatures == 0 {
		t.Fatalf("erasure: %+v, %v; want 1 page and the rows", rep, err)
	}
	for _, k := range prefixes {
		if k.data == notPersonal {
			continue
		}
		pre := petitionPrefix(k.prefix, p.ID)
		if k.data == personalTransient {
			pre = []byte(k.prefix)
		}
		if old, err := s.hasOldVersion(pre); old || err != nil {
			t.Errorf("an old version is left under %q (%v)", pre, err)
		}
		if k.data == personalDelete && countKeys(t, s, pre) > 0 {
			t.Errorf("keys are left under %q", pre)
		}
	}
}

func countKeys(t *testing.T, s *Store, prefix []byte) int {
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefix, nil, func(_, _ []byte) error { n++; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
