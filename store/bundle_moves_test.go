package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// With table moves on (third_party/badger/PATCHES.md), keys written in
// order move down the levels unchanged; keys written out of order over
// them are compacted as before; and the database reopens with the newest
// value of every key (Badger checks on open that no two tables of a level
// overlap, which a wrong move would break).
func TestBadgerMovesTables(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 120 MB")
	}
	t.Run("in order", func(t *testing.T) { movesCheck(t, false) })
	// The first table spans the later ones: they must not move into one
	// level together.
	t.Run("a wide table first", func(t *testing.T) { movesCheck(t, true) })
}

func movesCheck(t *testing.T, wide bool) {
	dir := t.TempDir()
	db, err := badger.Open(badgerOptions(Options{Dir: dir}))
	must(t, err)
	db.SetMoveTables(true)
	const n = 20_000
	want := make([]byte, n) // the byte each key's value is filled with
	write := func(order []int, fill func(i int) byte) {
		wb := db.NewWriteBatch()
		for _, i := range order {
			want[i] = fill(i)
			must(t, wb.Set(fmt.Appendf(nil, "g:%08d", i), bytes.Repeat([]byte{want[i]}, 2000)))
		}
		must(t, wb.Flush())
	}
	if wide {
		must(t, db.Update(func(txn *badger.Txn) error {
			return errors.Join(txn.Set([]byte("a:"), []byte{1}), txn.Set([]byte("z:"), []byte{1}))
		}))
	}
	inOrder := make([]int, n)
	for i := range inOrder {
		inOrder[i] = i
	}
	write(inOrder, func(int) byte { return 1 })
	if !wide {
		for deadline := time.Now().Add(time.Minute); db.TablesMoved() == 0 && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
		if db.TablesMoved() == 0 {
			t.Error("no table was moved")
		}
	}
	write(rand.Perm(n)[:n/2], func(i int) byte { return byte(2 + i%200) })
	must(t, db.Close())

	db, err = badger.Open(badgerOptions(Options{Dir: dir}))
	must(t, err)
	defer db.Close()
	seen := 0
	must(t, db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte("g:"), nil, func(k, v []byte) error {
			var i int
			if _, err := fmt.Sscanf(string(k), "g:%08d", &i); err != nil || len(v) != 2000 || v[0] != want[i] {
				t.Fatalf("key %q: %d bytes of %d, want %d", k, len(v), v[0], want[i])
			}
			seen++
			return nil
		})
	}))
	if seen != n {
		t.Fatalf("%d keys after reopening, want %d", seen, n)
	}
}

// A large import reopens with every row (its rows' tables are moved while
// it runs, when Badger compacts then).
func TestLargeImportReopens(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 15,000 signatures on disk")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "group.bundle")
	const n = 15_000
	p := writeBenchBundle(t, path, n)
	s := diskStore(t, filepath.Join(dir, "coord"), "")
	f, err := bundle.OpenFile(path, bundle.Keys{})
	must(t, err)
	rep, err := s.ImportBundle(context.Background(), f.Reader, nil)
	f.Close()
	must(t, err)
	if rep.SignaturesAdded != n {
		t.Fatalf("imported %d of %d", rep.SignaturesAdded, n)
	}
	must(t, s.Close())
	s = diskStore(t, filepath.Join(dir, "coord"), "")
	defer s.Close()
	if got := totals(t, s, p.ID); got.Digital != n {
		t.Fatalf("after reopening: %+v, want %d digital signatures", got, n)
	}
	rows := 0
	must(t, s.ForEachSignature(p.ID, func(*petition.Signature) error { rows++; return nil }))
	if rows != n {
		t.Fatalf("after reopening: %d rows, want %d", rows, n)
	}
}
