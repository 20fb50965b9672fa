package store

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

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
func (s *Store) Purge() error {
	return s.purge()
}

// purge runs Purge and makes sure no old version under the prefixes to
// check, nor under any prefix the key table (keys.go) calls transient, is
// left. Badger only drops versions older than every open read (a
// long export, say), so it waits for those and tries again.
func (s *Store) purge(checks ...[]byte) error {
	if s.dir == "" {
		return nil // in memory: nothing is on a disk
	}
	purgeMu.Lock()
	defer purgeMu.Unlock()
	for attempt := 1; ; attempt++ {
		if err := s.purgeOnce(); err != nil {
			return fmt.Errorf("purging erased data: %w", err)
		}
		if !s.hasOldVersions(append(checks, transientPrefixes()...)) || attempt == 4 {
			return nil
		}
		time.Sleep(time.Duration(attempt) * 300 * time.Millisecond)
	}
}

// purgeMu lets one purge run at a time (Flatten stops Badger's own
// compactions while it runs).
var purgeMu sync.Mutex

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
		for _, k := range append(purgeMarks, keyPurge) {
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
	return s.db.DropPrefix(keyPurge)
}

// hasOldVersions reports whether any key under the prefixes still has an
// older version (or a deleted one) in the database.
func (s *Store) hasOldVersions(prefixes [][]byte) bool {
	for _, p := range prefixes {
		if s.hasOldVersion(p) {
			return true
		}
	}
	return false
}

func (s *Store) hasOldVersion(prefix []byte) bool {
	found := false
	s.db.View(func(txn *badger.Txn) error {
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
	return found
}

// gcValueLog rewrites value-log files while any holds enough deleted data.
func (s *Store) gcValueLog() {
	for i := 0; i < 100; i++ {
		if err := s.db.RunValueLogGC(0.01); err != nil {
			return // badger.ErrNoRewrite: nothing (more) to do
		}
	}
}
