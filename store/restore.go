package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	badger "github.com/dgraph-io/badger/v4"
)

// RestoreOptions says how Restore treats the database and the file.
type RestoreOptions struct {
	Passphrase string // unlocks an encrypted backup
	Replace    bool   // replace a database that already holds petitions
	Unchecked  bool   // accept an unencrypted backup of format 1, which has no checksum

	// Safety, when set, asks for a safety backup of the database as it
	// is (see safetyBackup), written once the new one is loaded and
	// checked, just before the swap; Safety gets its path. So a failed
	// restore leaves no safety backup behind, and a restore goes ahead
	// only with one on disk.
	Safety func(path string)
}

// Restore loads a backup written by Backup; see RestoreWith.
func (s *Store) Restore(r io.Reader, passphrase string, replace bool) error {
	return s.RestoreWith(r, RestoreOptions{Passphrase: passphrase, Replace: replace})
}

// RestoreWith loads a backup written by Backup. Unless o.Replace is true
// it refuses a database that already holds petitions, so a slip of the
// finger cannot replace one. The whole backup is read, checked and loaded
// into a new database first (a directory beside the data directory);
// only when it is complete and valid does it take the place of the
// current one. A damaged, cut-off or wrongly decrypted backup leaves the
// database as it was, and a crash during the swap is finished or undone
// at the next Open (see restore_swap.go).
func (s *Store) RestoreWith(r io.Reader, o RestoreOptions) (err error) {
	defer wrap(&err, "restoring a backup")
	if err := s.restore(r, o); err != nil {
		return err
	}
	return s.AuditImport("backup", true, 0) // see audit.go
}

func (s *Store) restore(r io.Reader, o RestoreOptions) error {
	if !o.Replace {
		if empty, err := s.noPetitions(); err != nil {
			return err
		} else if !empty {
			return ErrNotEmpty
		}
	}
	in, err := openBackup(r, o)
	if err != nil {
		return err
	}
	if s.dir == "" {
		return s.restoreInMemory(in)
	}
	unlock, err := lockRestore(s.dir)
	if err != nil {
		return err
	}
	defer unlock()
	st := stagingFor(s.dir)
	if err := s.stage(st, in); err != nil {
		os.RemoveAll(st.new)
		return err
	}
	if o.Safety != nil {
		path, err := s.safetyBackup()
		if err != nil {
			os.RemoveAll(st.new)
			return fmt.Errorf("writing a safety backup, so nothing was replaced: %w", err)
		}
		o.Safety(path)
	}
	return s.swapIn(st)
}

// noPetitions reports whether the database holds no petition.
func (s *Store) noPetitions() (bool, error) {
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte(pfxPetition), nil, func(_, _ []byte) error {
			empty = false
			return errStop
		})
	})
	return empty, err
}

// load reads the whole stream into db and checks it, ending with the
// schema version (a backup of a newer version is refused).
func load(db *badger.DB, in io.Reader) error {
	if err := db.Load(in, 256); err != nil {
		if errors.Is(err, ErrBackupDamaged) || errors.Is(err, ErrWrongPassphrase) {
			return err
		}
		return fmt.Errorf("%w (%v)", ErrBackupDamaged, err)
	}
	// Load stops at the end of Badger's stream; the checksum comes after.
	if _, err := io.Copy(io.Discard, in); err != nil {
		return err
	}
	return (&Store{db: db}).migrate()
}

// restoreInMemory loads into a new in-memory database and swaps it in.
func (s *Store) restoreInMemory(in io.Reader) error {
	db, err := badger.Open(badgerOptions(Options{InMemory: true}))
	if err != nil {
		return err
	}
	if err := load(db, in); err != nil {
		db.Close()
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.db
	s.db, s.petCache = db, nil
	return old.Close()
}

// stage loads the backup into st.new with the current database's key
// file and side files, and marks it complete once all is on disk.
func (s *Store) stage(st staging, in io.Reader) error {
	os.RemoveAll(st.new) // a leftover of an earlier failed attempt
	if err := os.Mkdir(st.new, 0o700); err != nil {
		return err
	}
	for _, name := range sideFiles {
		if err := copyFileSync(filepath.Join(s.dir, name), filepath.Join(st.new, name)); err != nil {
			return err
		}
	}
	bo := badgerOptions(Options{Dir: st.new})
	if s.key != nil {
		bo = bo.WithEncryptionKey(s.key).WithEncryptionKeyRotationDuration(keyRotation)
	}
	db, err := badger.Open(bo)
	if err != nil {
		return err
	}
	if err := load(db, in); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	fixModes(st.new)
	syncDir(st.new)
	return writeFileSync(filepath.Join(st.new, completeMarker), []byte("complete\n"))
}

// copyFileSync copies a small file durably; a missing source is skipped.
func copyFileSync(from, to string) error {
	b, err := os.ReadFile(from)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return writeFileSync(to, b)
}
