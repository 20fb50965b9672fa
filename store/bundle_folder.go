package store

import (
	"errors"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// Bundles collected from a shared folder (desk.Folder) are remembered by
// the SHA-256 of the file, so a folder read again, or watched, imports
// each file once however it is named.

// folderFile is one bundle file imported from a folder.
type folderFile struct {
	Bundle   string    `json:"bundle"` // its bundle id
	Imported time.Time `json:"imported"`
}

// FolderFileImported says whether a bundle file with this content
// (SHA-256, hex) was imported from a folder before.
func (s *Store) FolderFileImported(sum string) (ok bool, err error) {
	defer wrap(&err, "reading the bundles imported from folders")
	err = s.db.View(func(txn *badger.Txn) error {
		err := getJSON(txn, keyFolderFile(sum), &folderFile{})
		ok = err == nil
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		return err
	})
	return ok, err
}

// RememberFolderFile records that the bundle file with this content was
// imported (or found imported already).
func (s *Store) RememberFolderFile(sum, bundleID string) (err error) {
	defer wrap(&err, "remembering a bundle imported from a folder")
	return s.update(func(txn *badger.Txn) error {
		return setJSON(txn, keyFolderFile(sum), folderFile{Bundle: bundleID, Imported: s.now().UTC()})
	})
}

// SharedFolder is where a group's window writes its bundle every day
// while it is open (desk.WriteSharedBundle), for the coordinator to
// collect (desk.Folder).
type SharedFolder struct {
	Dir  string    `json:"dir"`            // "" when off
	To   string    `json:"to,omitempty"`   // the coordinator's public key (age1…) to encrypt to, or ""
	Last time.Time `json:"last,omitempty"` // when the bundle was last written there
}

// SharedFolder returns the setting (zero when never set).
func (s *Store) SharedFolder() (f SharedFolder, err error) {
	defer wrap(&err, "reading the shared folder setting")
	err = s.db.View(func(txn *badger.Txn) error { return getJSON(txn, []byte(pfxShare), &f) })
	if errors.Is(err, ErrNotFound) {
		err = nil
	}
	return f, err
}

// SetSharedFolder stores the setting.
func (s *Store) SetSharedFolder(f SharedFolder) (err error) {
	defer wrap(&err, "saving the shared folder setting")
	return s.update(func(txn *badger.Txn) error { return setJSON(txn, []byte(pfxShare), f) })
}
