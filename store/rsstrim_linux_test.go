package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// TestTrimLosesNothing writes rows small (memtable log, tables) and large
// (value log) while trimming after every write, then reads every row
// back: trimmed at once, and after the database is closed and opened
// again. A shared file mapping keeps written pages in the page cache, so
// taking them out of the resident set must not lose a byte.
func TestTrimLosesNothing(t *testing.T) {
	dir := t.TempDir()
	rows := map[string][]byte{}
	rng := rand.New(rand.NewPCG(1, 2))
	db, err := badger.Open(badgerOptions(Options{Dir: dir}))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		size := 200 + rng.IntN(2000)
		if i%10 == 0 {
			size = 70<<10 + rng.IntN(64<<10) // over the value threshold: the value log
		}
		v := make([]byte, size)
		for j := range v {
			v[j] = byte(rng.Uint32())
		}
		k := fmt.Sprintf("row/%04d", i)
		rows[k] = v
		if err := db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(k), v) }); err != nil {
			t.Fatal(err)
		}
		trimTables()
	}
	checkRows(t, db, rows, "after the trims")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db, err = badger.Open(badgerOptions(Options{Dir: dir})); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkRows(t, db, rows, "after reopening")
}

func checkRows(t *testing.T, db *badger.DB, rows map[string][]byte, when string) {
	t.Helper()
	err := db.View(func(txn *badger.Txn) error {
		for k, want := range rows {
			trimTables()
			it, err := txn.Get([]byte(k))
			if err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			got, err := it.ValueCopy(nil)
			if err != nil {
				return err
			}
			if !bytes.Equal(got, want) {
				return fmt.Errorf("%s: %d bytes differ from the %d written", k, len(got), len(want))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
}

// The resident file pages trimWhile watches are read, and include at
// least this test binary's text.
func TestResidentFileBytes(t *testing.T) {
	n, ok := residentFileBytes()
	if !ok || n <= 0 {
		t.Fatalf("residentFileBytes = %d, %v", n, ok)
	}
}
