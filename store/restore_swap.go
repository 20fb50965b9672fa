package store

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// A restore swaps directories, beside the data directory DIR:
//
//  1. the backup is loaded into .petitiondesk-restore-DIR.new, which gets
//     a "restore-complete" marker once it is checked and on disk;
//  2. the database is closed, DIR is renamed to ….old and ….new to DIR;
//  3. the database is opened again and ….old removed, then the marker.
//
// A crash at any moment leaves a state the next Open recognises
// (recoverRestore): with DIR missing it renames ….new (when complete) or
// ….old back to DIR; with DIR holding the marker it removes ….old; an
// unfinished ….new is removed. So DIR holds the old or the new database,
// never none or a half one. A lock directory (….lock) keeps a second
// copy of the app from recovering while a restore is under way.

// completeMarker says a staged restore is complete and checked.
const completeMarker = "restore-complete"

// keyRotation is how often Badger makes a new data key.
const keyRotation = 30 * 24 * time.Hour

// sideFiles are kept in the data directory beside Badger's files and go
// with the database when a restore replaces it: the key file (the
// restored data is encrypted under the same passphrase) and the erasure
// ledger (erasures are applied again to restored rows: privacy_ledger.go).
var sideFiles = []string{keyFileName, ledgerName}

// staging names the directories of a restore of one data directory.
type staging struct {
	parent, new, old, lock string
	prefix                 string
}

func stagingFor(dir string) staging {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	prefix := filepath.Join(parent, ".petitiondesk-restore-"+filepath.Base(dir))
	return staging{parent: parent, new: prefix + ".new", old: prefix + ".old", lock: prefix + ".lock", prefix: prefix}
}

// lockRestore takes the lock of restores into dir.
func lockRestore(dir string) (unlock func(), err error) {
	st := stagingFor(dir)
	if err := os.MkdirAll(st.lock, 0o700); err != nil {
		return nil, err
	}
	unlock, err = lockDir(st.lock)
	var busy *AlreadyOpenError
	if errors.As(err, &busy) {
		return nil, &AlreadyOpenError{Dir: dir}
	}
	return unlock, err
}

// swapIn puts the staged database in the place of the open one and
// opens it. Callers hold the restore lock.
func (s *Store) swapIn(st staging) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closeDB(); err != nil {
		s.reopen()
		return err
	}
	if err := os.Rename(s.dir, st.old); err != nil {
		s.reopen()
		return err
	}
	syncDir(st.parent)
	if err := os.Rename(st.new, s.dir); err != nil {
		return s.rollBack(st, err)
	}
	syncDir(st.parent)
	if err := s.reopen(); err != nil {
		os.Rename(s.dir, st.new)
		return s.rollBack(st, err)
	}
	if err := os.RemoveAll(st.old); err != nil {
		return nil // the next Open removes it
	}
	os.Remove(filepath.Join(s.dir, completeMarker))
	syncDir(st.parent)
	return nil
}

// rollBack puts the old database back after a failed swap.
func (s *Store) rollBack(st staging, cause error) error {
	if err := os.Rename(st.old, s.dir); err != nil {
		return errors.Join(cause, err) // the next Open puts it back
	}
	syncDir(st.parent)
	os.RemoveAll(st.new)
	if err := s.reopen(); err != nil {
		return errors.Join(cause, err)
	}
	return cause
}

// closeDB closes Badger and the journal; callers hold s.mu.
func (s *Store) closeDB() error {
	err := s.db.Close()
	if s.journal != nil {
		if err == nil {
			err = s.journal.reset()
		}
		s.journal.close()
		s.journal = nil
	}
	fixModes(s.dir)
	return err
}

// reopen opens Badger and the journal again in s.dir; callers hold s.mu.
func (s *Store) reopen() error {
	bo := badgerOptions(Options{Dir: s.dir})
	if s.key != nil {
		bo = bo.WithEncryptionKey(s.key).WithEncryptionKeyRotationDuration(keyRotation)
	}
	removeEmptyLogs(s.dir) // best effort: the open that follows reports what is wrong
	db, err := badger.Open(bo)
	if err != nil {
		return err
	}
	s.db, s.petCache = db, nil
	fixModes(s.dir)
	if s.noSync {
		return nil
	}
	return s.recover(s.key)
}

// recoverRestore finishes or undoes a restore a crash cut off (see the
// top of this file). It runs before the database is opened.
func recoverRestore(dir string) error {
	st := stagingFor(dir)
	temps, _ := filepath.Glob(filepath.Join(st.parent, safetyTempPattern(dir)))
	if !exists(st.new) && !exists(st.old) && !exists(filepath.Join(dir, completeMarker)) && len(temps) == 0 {
		return nil
	}
	unlock, err := lockRestore(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if exists(st.old) && !exists(dir) {
		from := st.old
		if exists(filepath.Join(st.new, completeMarker)) {
			from = st.new
		}
		if err := os.Rename(from, dir); err != nil {
			return err
		}
		syncDir(st.parent)
	}
	// The restored data is in place: what is left beside it is cleared
	// as far as the system lets us, and tried again at the next open. A
	// failure here (Wine cannot delete some files) must not keep the
	// database from opening.
	if exists(st.old) && exists(filepath.Join(dir, completeMarker)) {
		os.RemoveAll(st.old)
	}
	if !exists(st.old) {
		os.Remove(filepath.Join(dir, completeMarker))
	}
	for _, t := range temps {
		os.Remove(t)
	}
	os.RemoveAll(st.new)
	syncDir(st.parent)
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
