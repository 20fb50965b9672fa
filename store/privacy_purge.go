package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// ErrNotPurged says an erasure is committed but the purge that removes
// the old versions from the database files failed: copies of the erased
// data may still be on the disk. The purge is tried again at the next
// start; the audit log records the failure (ActionPurgeFailed).
var ErrNotPurged = errors.New("the data is erased in the database, but Petition Desk could not make sure the old copies are gone from the disk (noted in the audit log; it is tried again at the next start)")

// purgeSteps are the two steps of a purge that touch the files; a test
// gives a Store steps that fail.
type purgeSteps interface {
	once() error                                 // flush, compaction, value-log GC
	oldVersions(prefixes [][]byte) (bool, error) // whether old versions are left
}

// diskPurge is the real purgeSteps.
type diskPurge struct{ s *Store }

func (d diskPurge) once() error { return d.s.purgeOnce() }

func (d diskPurge) oldVersions(prefixes [][]byte) (bool, error) {
	return d.s.hasOldVersions(prefixes)
}

func (s *Store) steps() purgeSteps {
	if s.purgeSteps != nil {
		return s.purgeSteps
	}
	return diskPurge{s}
}

// Purge makes erasures final on disk. Badger keeps old versions of a row
// until compaction drops them, in its memtable log (*.mem), in its sorted
// tables (*.sst) and, for large values such as page images, in its value
// log (*.vlog); and the signature journal holds every signature as saved.
// Purge
//
//  1. syncs and empties the journal;
//  2. writes and deletes two marker keys, one below and one above every
//     other key, and flushes every memtable to a table (Badger has no call
//     for that, but DropPrefix of a third marker does it, and the old
//     *.mem files are deleted);
//  3. compacts all tables into one level (Flatten): the new table spans
//     every key, so every table is rewritten, a key's old versions meet
//     its newest one and are dropped, and the old files are deleted;
//  4. rewrites value-log files that hold deleted values (value-log GC).
//     Badger never rewrites the file it is writing to, and each start
//     begins a new one, so page images deleted in this session leave the
//     disk at the next start (ApplyRetention, run at every start, does it).
//
// Saves wait only while the memtables are flushed; the compaction, which
// rewrites the whole database (about a second per 100,000 signatures),
// runs beside them.
func (s *Store) Purge() (err error) {
	defer wrap(&err, "wiping erased data from the disk")
	return s.purge()
}

// purge runs Purge and makes sure no old version under the prefixes to
// check, nor under any prefix the key table (keys.go) calls transient, is
// left. Badger only drops versions older than every open read (a long
// export, say), so it waits for those and tries again. When it cannot
// make sure, the failure is written to the audit log, a retry is left for
// the next start, and ErrNotPurged is returned.
func (s *Store) purge(checks ...[]byte) error {
	if s.dir == "" {
		return nil // in memory: nothing is on a disk
	}
	defer trimWhile()() // the compaction reads every table: see rsstrim.go
	s.purgeMu.Lock()
	err := s.tryPurge(checks)
	s.purgeMu.Unlock()
	if err == nil {
		return s.clearUnpurged()
	}
	reason := "old versions remain"
	if !errors.Is(err, errOldVersions) {
		reason = "the files could not be rewritten"
	}
	werr := s.update(func(txn *badger.Txn) error {
		if err := txn.Set(keyUnpurged, []byte{1}); err != nil {
			return err
		}
		return s.auditInTxn(txn, ActionPurgeFailed, map[string]any{"reason": reason})
	})
	return errors.Join(fmt.Errorf("%w (%w)", ErrNotPurged, err), werr)
}

var errOldVersions = errors.New("old versions of erased rows are still in the database files after four tries")

// tryPurge purges up to four times until no old version is left.
func (s *Store) tryPurge(checks [][]byte) error {
	steps := s.steps()
	for attempt := 1; ; attempt++ {
		if err := steps.once(); err != nil {
			return fmt.Errorf("purging erased data: %w", err)
		}
		old, err := steps.oldVersions(append(checks, transientPrefixes()...))
		switch {
		case err != nil:
			return fmt.Errorf("checking the purge: %w", err)
		case !old:
			return nil
		case attempt == 4:
			return errOldVersions
		}
		time.Sleep(time.Duration(attempt) * 300 * time.Millisecond)
	}
}

// clearUnpurged removes the mark of an earlier failed purge, writing
// nothing when there is none (the usual case).
func (s *Store) clearUnpurged() error {
	return s.update(func(txn *badger.Txn) error {
		if _, err := txn.Get(keyUnpurged); errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return txn.Delete(keyUnpurged)
	})
}

// purgePending purges again when an earlier purge failed (keyUnpurged).
func (s *Store) purgePending() error {
	pending := false
	err := s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(keyUnpurged)
		pending = err == nil
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return err
	})
	if err != nil || !pending {
		return err
	}
	return s.purge(purgeChecks("")...) // every petition's personal data
}

// purgeOnce holds the write lock only while the memtables are flushed
// (DropPrefix refuses concurrent writes); saves may go on during the
// compaction, which only adds new data.
func (s *Store) purgeOnce() error {
	// Flatten rewrites every table before deleting the old ones.
	if err := s.CheckRoom(s.dbBytes()); err != nil {
		return err
	}
	if err := s.flushForPurge(); err != nil {
		return err
	}
	if err := s.db.Flatten(1); err != nil {
		return err
	}
	s.gcValueLog()
	return s.db.Sync()
}

func (s *Store) flushForPurge() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.db.Sync(); err != nil {
		return err
	}
	if s.journal != nil {
		if err := s.journal.reset(); err != nil {
			return err
		}
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, k := range purgeMarks {
			if err := txn.Set(k, []byte{1}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.db.Update(func(txn *badger.Txn) error {
			for _, k := range purgeMarks {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	return s.flushMemtables()
}

// flushMemtables has Badger write its memtables to level-0 tables now.
// Badger has no call for it; dropping the prefix of a key just written
// does it. The caller holds the write lock and has no commit in flight.
func (s *Store) flushMemtables() error {
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyPurge, []byte{1}) }); err != nil {
		return err
	}
	return s.db.DropPrefix(keyPurge)
}

// hasOldVersions reports whether any key under the prefixes still has an
// older version (or a deleted one) in the database.
func (s *Store) hasOldVersions(prefixes [][]byte) (bool, error) {
	for _, p := range prefixes {
		if old, err := s.hasOldVersion(p); old || err != nil {
			return old, err
		}
	}
	return false, nil
}

func (s *Store) hasOldVersion(prefix []byte) (bool, error) {
	found := false
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.AllVersions, opts.PrefetchValues, opts.Prefix = true, false, prefix
		it := txn.NewIterator(opts)
		defer it.Close()
		var last []byte
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().Key()
			if it.Item().IsDeletedOrExpired() || bytes.Equal(k, last) {
				found = true
				return nil
			}
			last = append(last[:0], k...)
		}
		return nil
	})
	return found, err
}

// gcValueLog rewrites value-log files while any holds enough deleted data.
func (s *Store) gcValueLog() {
	for i := 0; i < 100; i++ {
		if err := s.db.RunValueLogGC(0.01); err != nil {
			return // badger.ErrNoRewrite: nothing (more) to do
		}
	}
}
