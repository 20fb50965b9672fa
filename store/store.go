package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// SchemaVersion is the version of the key scheme this code writes.
const SchemaVersion = 1

// migrations[v] upgrades a database from version v to v+1, in place, in
// one transaction. There are none yet: version 1 is the first.
var migrations = map[uint32]func(txn *badger.Txn) error{}

// Store is an open Petition Desk database. Its methods are safe for
// concurrent use; writes are serialised so counters never race.
type Store struct {
	db          *badger.DB
	dir         string
	encrypted   bool
	passphrase  string // kept to encrypt backups of an encrypted database
	key         []byte // Badger's master key (nil without encryption), for a restore's new directory
	now         func() time.Time
	mu          sync.Mutex // serialises read-modify-write transactions
	journal     *journal   // the signature journal; nil in memory and for benchmark fixtures
	cacheMu     sync.Mutex
	petCache    map[string]cachedPetition // decoded petitions by stored version
	noSync      bool
	tempMu      sync.Mutex  // serialises appends to the list of temporary files (tempfiles.go)
	readOnly    error       // the *diskspace.FullError that made it read-only; see readonly.go
	importHooks importHooks // tests only: see bundle_apply.go
	beforeClose func()      // tests only: keys_test.go checks every key against the key table
	purgeSteps  purgeSteps  // nil: the real ones (diskPurge); tests inject failures
	purgeMu     sync.Mutex  // one purge at a time (Flatten stops Badger's own compactions while it runs)
}

// Open opens (or creates) the database described by o.
func Open(o Options) (_ *Store, err error) {
	defer wrap(&err, "opening the database in %s", o.Dir)
	s := &Store{dir: o.Dir, now: o.Now, noSync: o.noSync || o.InMemory}
	if s.now == nil {
		s.now = time.Now
	}
	bo := badgerOptions(o)
	var key []byte
	var full error
	if !o.InMemory {
		if o.Dir == "" {
			return nil, errors.New("no data directory given")
		}
		if err := recoverRestore(o.Dir); err != nil {
			return nil, fmt.Errorf("finishing an interrupted restore: %w", err)
		}
		// Before anything is written, even the directory: see diskroom.go.
		if full = checkDirRoom(o.Dir); full != nil && (!o.ReadOnlyIfFull || !cleanlyClosed(o.Dir)) {
			return nil, full
		}
		var err error
		key, err = prepareDir(o)
		if err != nil {
			return nil, err
		}
		if key != nil {
			bo = bo.WithEncryptionKey(key).WithEncryptionKeyRotationDuration(keyRotation)
			s.encrypted, s.passphrase, s.key = true, o.Passphrase, key
		}
		if full != nil {
			return s.openReadOnly(bo, full)
		}
		if err := removeEmptyLogs(o.Dir); err != nil {
			return nil, err
		}
	}
	db, err := badger.Open(bo)
	if isNewFileError(err) {
		db, err = badger.Open(bo) // see openrepair.go
	}
	switch {
	case isLockError(err):
		return nil, &AlreadyOpenError{Dir: o.Dir}
	case errors.Is(err, badger.ErrEncryptionKeyMismatch):
		return nil, ErrWrongPassphrase
	case err != nil:
		return nil, err
	}
	s.db = db
	if !o.InMemory {
		fixModes(o.Dir)
		removeStaleTemps(o.Dir)
		removeListedTemps(o.Dir)
	}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	if !s.noSync {
		if err := s.recover(key); err != nil {
			db.Close()
			return nil, err
		}
		// Undo a bundle import that a crash cut off, before anything
		// else writes on top of its half-applied counters.
		if err := s.RecoverImport(); err != nil {
			db.Close()
			return nil, fmt.Errorf("undoing an interrupted bundle import: %w", err)
		}
	}
	return s, nil
}

// recover replays the signature journal after a crash (see journal.go),
// makes Badger durable and empties the journal.
func (s *Store) recover(key []byte) error {
	j, err := openJournal(s.dir, key)
	if err != nil {
		return err
	}
	recs, err := j.records()
	if err != nil {
		j.close()
		return err
	}
	for _, rec := range recs {
		if _, err := s.SignatureByID(rec.Signature.ID); err == nil {
			continue // Badger kept this one
		}
		sig := rec.Signature
		err := s.db.Update(func(txn *badger.Txn) error {
			_, err := s.placeSignature(txn, rec.PetitionID, &sig)
			return err
		})
		if err != nil {
			j.close()
			return fmt.Errorf("recovering saved signatures: %w", err)
		}
	}
	if err := s.db.Sync(); err != nil {
		j.close()
		return err
	}
	s.journal = j
	return j.reset()
}

// prepareDir creates the directory and returns the encryption key, if
// the database is (or is to be) encrypted.
func prepareDir(o Options) ([]byte, error) {
	fresh := isEmptyDir(o.Dir)
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the data directory: %w", err)
	}
	fixModes(o.Dir) // it may have existed with looser modes
	k, encrypted, err := readKDFParams(o.Dir)
	if err != nil {
		return nil, err
	}
	switch {
	case encrypted && o.Passphrase == "":
		return nil, ErrPassphraseNeeded
	case encrypted:
		return k.key(o.Passphrase), nil
	case fresh && o.Passphrase != "":
		if k, err = newKDFParams(); err != nil {
			return nil, err
		}
		if err := writeKDFParams(o.Dir, k); err != nil {
			return nil, err
		}
		return k.key(o.Passphrase), nil
	}
	return nil, nil // an existing database without encryption
}

// migrate records the schema version of a new database and upgrades an old one.
func (s *Store) migrate() error {
	return s.db.Update(func(txn *badger.Txn) error {
		v, err := readSchema(txn)
		if err != nil {
			return err
		}
		if v > SchemaVersion {
			return ErrNewerSchema
		}
		for ; v != 0 && v < SchemaVersion; v++ {
			if err := migrations[v](txn); err != nil {
				return fmt.Errorf("upgrading the database from version %d: %w", v, err)
			}
		}
		return writeSchema(txn, SchemaVersion)
	})
}

func readSchema(txn *badger.Txn) (uint32, error) {
	item, err := txn.Get(keySchema)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var v uint32
	err = item.Value(func(b []byte) error {
		if len(b) != 4 {
			return errors.New("the schema version is damaged")
		}
		v = binary.BigEndian.Uint32(b)
		return nil
	})
	return v, err
}

func writeSchema(txn *badger.Txn, v uint32) error {
	return txn.Set(keySchema, binary.BigEndian.AppendUint32(nil, v))
}

// Close flushes and closes the database.
func (s *Store) Close() (err error) {
	defer wrap(&err, "closing the database")
	defer trimWhile()() // closing compacts level 0: see rsstrim.go
	if s.beforeClose != nil {
		s.beforeClose()
	}
	return s.closeDB() // Badger's close flushes everything; the journal is then emptied
}

// Dir returns the data directory ("" in memory).
func (s *Store) Dir() string { return s.dir }

// Encrypted reports whether the database is encrypted at rest.
func (s *Store) Encrypted() bool { return s.encrypted }

// Now returns the store's clock reading.
func (s *Store) Now() time.Time { return s.now() }

// update runs fn in one serialised read-write transaction and returns
// only once the commit is on disk.
func (s *Store) update(fn func(txn *badger.Txn) error) error {
	if err := s.CheckRoom(0); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.db.Update(fn); err != nil {
		return err
	}
	return s.sync()
}

// sync makes every commit so far durable; the journal is then redundant
// and is cut when it has grown. Callers hold s.mu.
func (s *Store) sync() error {
	if s.noSync {
		return nil
	}
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("writing to disk: %w", err)
	}
	if s.journal != nil && s.journal.size > journalLimit {
		return s.journal.reset()
	}
	return nil
}
