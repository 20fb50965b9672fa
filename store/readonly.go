package store

import (
	"os"
	"strings"

	badger "github.com/dgraph-io/badger/v4"
)

// On a disk too full to write, a database that was closed cleanly can
// still be read: Badger opened read-only writes nothing (no memtable log,
// no value log, no compaction, no pid file). Reading is what someone with
// a full disk needs first — the totals, a signer's rows, a backup's worth
// of data — while every write is refused with the same *diskspace.FullError.
//
// Only a clean state qualifies: a memtable log, a journal holding
// signatures or an interrupted bundle import all need writing to repair,
// and showing the data without that repair would show the wrong totals.

// ReadOnly reports whether the store was opened for reading only because
// the disk is nearly full; ReadOnlyReason then says how much to free.
func (s *Store) ReadOnly() bool { return s.readOnly != nil }

// ReadOnlyReason is the *diskspace.FullError that made the store
// read-only, or nil.
func (s *Store) ReadOnlyReason() error { return s.readOnly }

// cleanlyClosed reports whether dir holds a database with nothing to
// recover: no memtable log and no signature in the journal.
func cleanlyClosed(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	sst := false
	for _, e := range entries {
		switch {
		case strings.HasSuffix(e.Name(), ".mem"):
			return false
		case strings.HasSuffix(e.Name(), ".sst"):
			sst = true
		}
	}
	return sst && journalEmpty(dir) == nil
}

// openReadOnly finishes Open for a read-only store; full is the reason.
func (s *Store) openReadOnly(bo badger.Options, full error) (*Store, error) {
	db, err := badger.Open(bo.WithReadOnly(true).WithCompactL0OnClose(false))
	if err != nil {
		return nil, full // it could not be read either: the disk is the problem to fix
	}
	s.db, s.readOnly = db, full
	var v uint32
	marker := false
	err = db.View(func(txn *badger.Txn) error {
		_, gerr := txn.Get(keyImportMarker)
		marker = gerr == nil
		var rerr error
		v, rerr = readSchema(txn)
		return rerr
	})
	switch {
	case err != nil:
		db.Close()
		return nil, err
	case v > SchemaVersion:
		db.Close()
		return nil, ErrNewerSchema
	case marker || v == 0:
		db.Close()
		return nil, full // an import to undo, or a database never finished
	}
	return s, nil
}
