package store

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	badger "github.com/dgraph-io/badger/v4"
)

// Changing the passphrase without rewriting the data.
//
// Badger encrypts each table and value-log file with a data key; the data
// keys sit in one small file, KEYREGISTRY, encrypted with the master key
// (ours: Argon2id of the passphrase and the salt in petitiondesk-key.json).
// A new passphrase gives a new master key, so only KEYREGISTRY is
// rewritten: the data stays as it is, under the same data keys.
//
// The order makes a crash at any point harmless:
//
//  1. the database is opened once with the old key and closed, so the
//     signature journal (encrypted with a key derived from the master
//     key) is replayed and empty;
//  2. with the directory locked (as Badger locks it), KEYREGISTRY is read
//     with the old key and written, encrypted with the new one, into a
//     staging folder, synced;
//  3. if there is a recovery key, the key file gets the sealing for the
//     new master key beside the old one (written to a temporary file,
//     synced, renamed);
//  4. the staged KEYREGISTRY is renamed over the old one and the folder
//     synced: this one atomic rename is the moment the passphrase changes;
//  5. the old sealing is dropped from the key file and the staging folder
//     removed.
//
// A crash before 4 leaves the old passphrase working; after it, the new
// one. The salt and Argon2id settings stay, so the key file's main part
// never changes and needs no step of its own. The recovery key works
// throughout: at a reset the sealing whose key opens KEYREGISTRY is used.
//
// What a new passphrase cannot do: someone who copied the database files
// and knows the old passphrase can still read that copy, and the data keys
// are the same. To start from fresh keys, back up and restore into a new
// data directory.

// rekeyCrash lets tests stop a change after a step, as a crash would.
var (
	rekeyCrash = func(step int) bool { return false }
	errCrash   = errors.New("simulated crash")
)

// stagingDir is where the re-encrypted KEYREGISTRY is prepared.
const stagingDir = ".passphrase-change"

// MinPassphraseLen is the shortest new passphrase the app accepts.
const MinPassphraseLen = 8

// Errors of passphrase changes.
var (
	ErrNotEncrypted    = errors.New("this database is not encrypted: to encrypt it, back it up and restore the backup into a new data directory with a passphrase")
	ErrShortPassphrase = fmt.Errorf("the new passphrase is too short: use at least %d characters (a few words are easy to remember)", MinPassphraseLen)
	ErrJournalPending  = errors.New("the database has unsaved signatures from a crash: open it once with the old passphrase first")
)

// ValidateNewPassphrase checks a passphrase chosen by a user.
func ValidateNewPassphrase(p string) error {
	if utf8.RuneCountInString(p) < MinPassphraseLen {
		return ErrShortPassphrase
	}
	return nil
}

// DirState is what the app needs to know about a data directory before
// opening it: whether to ask for a new passphrase (a new database), for
// the passphrase (an encrypted one), and whether a recovery key exists.
type DirState struct {
	New         bool `json:"new"`
	Encrypted   bool `json:"encrypted"`
	RecoveryKey bool `json:"recovery_key"`
}

// Inspect looks at a data directory without opening the database.
func Inspect(dir string) (_ DirState, err error) {
	defer wrap(&err, "inspecting the data directory")
	st := DirState{New: isEmptyDir(dir)}
	_, enc, err := readKDFParams(dir)
	st.Encrypted = enc
	st.RecoveryKey = enc && HasRecoveryKey(dir)
	return st, err
}

// ChangePassphrase changes the passphrase of the encrypted database in
// dir, which must not be open (close the Store first and open it again
// with the new passphrase afterwards). It takes about a second: three key
// derivations and three opens of the database.
func ChangePassphrase(dir, oldPass, newPass string) (err error) {
	defer wrap(&err, "changing the passphrase")
	if err := ValidateNewPassphrase(newPass); err != nil {
		return err
	}
	kf, err := readKeyFile(dir)
	if err != nil {
		return err
	}
	return rekey(dir, kf, kf.params.key(oldPass), newPass, "change")
}

// rekey moves the database from master key oldKey to the key of newPass.
func rekey(dir string, kf *keyFile, oldKey []byte, newPass, how string) error {
	if err := settle(dir, oldKey); err != nil {
		return err
	}
	newKey := kf.params.key(newPass)
	if err := swapRegistry(dir, kf, oldKey, newKey); err != nil {
		return err
	}
	s, err := openWithKey(dir, newKey)
	if err != nil {
		return fmt.Errorf("the passphrase was changed but the database does not open with it: %w", err)
	}
	defer s.Close()
	return s.Audit(ActionPassphrase, map[string]any{"how": how})
}

// settle opens the database with key and closes it: a wrong key is
// refused before anything changes, and the journal is replayed and emptied.
func settle(dir string, key []byte) error {
	os.RemoveAll(filepath.Join(dir, stagingDir)) // a change cut short before its rename
	s, err := openWithKey(dir, key)
	if err != nil {
		return err
	}
	return s.Close()
}

// swapRegistry re-encrypts KEYREGISTRY from oldKey to newKey (steps 2-5).
func swapRegistry(dir string, kf *keyFile, oldKey, newKey []byte) error {
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := journalEmpty(dir); err != nil {
		return err
	}
	kr, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true, EncryptionKey: oldKey})
	if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		return ErrWrongPassphrase
	} else if err != nil {
		return err
	}
	stage := filepath.Join(dir, stagingDir)
	if err := os.MkdirAll(stage, 0o700); err != nil {
		return err
	}
	if err := badger.WriteKeyRegistry(kr, badger.KeyRegistryOptions{Dir: stage, EncryptionKey: newKey}); err != nil {
		return fmt.Errorf("writing the re-encrypted key registry: %w", err)
	}
	if _, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: stage, ReadOnly: true, EncryptionKey: newKey}); err != nil {
		return fmt.Errorf("checking the re-encrypted key registry: %w", err)
	}
	if rekeyCrash(2) {
		return errCrash
	}
	old, next, err := kf.resealRecovery(oldKey, newKey)
	if err != nil {
		return err
	}
	if next != nil {
		kf.recovery = []recoverySeal{*next, *old}
		if err := kf.write(dir); err != nil {
			return err
		}
	}
	if rekeyCrash(3) {
		return errCrash
	}
	if err := os.Rename(filepath.Join(stage, badger.KeyRegistryFileName), filepath.Join(dir, badger.KeyRegistryFileName)); err != nil {
		return fmt.Errorf("replacing the key registry: %w", err)
	}
	syncDir(dir)
	if rekeyCrash(4) {
		return errCrash
	}
	if next != nil {
		kf.recovery = []recoverySeal{*next}
		if err := kf.write(dir); err != nil {
			return err
		}
	}
	return os.RemoveAll(stage)
}

// journalEmpty checks that the signature journal holds no record: its
// records are encrypted with a key derived from the master key.
func journalEmpty(dir string) error {
	f, err := os.Open(filepath.Join(dir, journalName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	defer f.Close()
	var head [4]byte
	if n, _ := f.Read(head[:]); n == 4 && head != [4]byte{} {
		return ErrJournalPending
	}
	return nil
}

// openWithKey opens an encrypted database with its master key, as Open
// does with a passphrase: the recovery key yields the key, not a passphrase.
func openWithKey(dir string, key []byte) (*Store, error) {
	if err := checkDirRoom(dir); err != nil {
		return nil, err
	}
	if err := removeEmptyLogs(dir); err != nil {
		return nil, err
	}
	s := &Store{dir: dir, now: time.Now, encrypted: true}
	bo := badgerOptions(Options{Dir: dir}).WithEncryptionKey(key).WithEncryptionKeyRotationDuration(30 * 24 * time.Hour)
	db, err := badger.Open(bo)
	switch {
	case isLockError(err):
		return nil, &AlreadyOpenError{Dir: dir}
	case errors.Is(err, badger.ErrEncryptionKeyMismatch):
		return nil, ErrWrongPassphrase
	case err != nil:
		return nil, fmt.Errorf("opening the database in %s: %w", dir, err)
	}
	s.db = db
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.recover(key); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// syncDir makes a rename in dir durable (a no-op where directories
// cannot be opened, as on Windows).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// CheckPassphrase reports whether p is the passphrase this store was
// opened with, so the window can refuse a wrong "current passphrase"
// before it closes the database to change it (ChangePassphrase needs the
// database closed, and the window must open it again with the right one).
func (s *Store) CheckPassphrase(p string) bool {
	return s.encrypted && s.passphrase != "" && subtle.ConstantTimeCompare([]byte(p), []byte(s.passphrase)) == 1
}
