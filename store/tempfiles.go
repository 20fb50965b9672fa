package store

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
)

// tempListName lists, one path a line, the temporary files this copy of
// the app writes outside the data directory: a backup, bundle or export
// being written beside the file the user chose. A copy killed meanwhile
// cannot remove its own, so the next Open removes those listed. The
// paths name folders the user chose, no signer.
const tempListName = "temp-files.txt"

// tempPrefix starts every hidden temporary file the app writes.
const tempPrefix = ".petitiondesk-"

// CreateTemp creates a hidden temporary file (mode 0600) in dir for a
// file the app writes there. Its path is recorded in the data directory
// first, so that if this copy of the app dies before renaming or
// removing it, the next Open removes it. The caller renames or removes
// the file as with os.CreateTemp.
func (s *Store) CreateTemp(dir string) (_ *os.File, err error) {
	defer wrap(&err, "creating a temporary file")
	if s.dir == "" {
		return os.CreateTemp(dir, tempPrefix+"*")
	}
	b := make([]byte, 12)
	rand.Read(b)
	path, err := filepath.Abs(filepath.Join(dir, tempPrefix+hex.EncodeToString(b)))
	if err != nil {
		return nil, err
	}
	if err := s.recordTemp(path); err != nil {
		return nil, err
	}
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

// recordTemp appends path to the list and syncs it.
func (s *Store) recordTemp(path string) error {
	s.tempMu.Lock()
	defer s.tempMu.Unlock()
	return appendSynced(filepath.Join(s.dir, tempListName), path+"\n")
}

// appendSynced appends line to the file at path and syncs it, for the
// small lists beside the database that must survive a crash.
func appendSynced(path, line string) error {
	return writeSynced(path, os.O_APPEND, []byte(line))
}

// writeSynced writes b to the file at path (made readable by its owner
// only; mode is os.O_APPEND or os.O_TRUNC) and syncs it.
func writeSynced(path string, mode int, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|mode, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// removeListedTemps removes the temporary files a killed copy left where
// it wrote (see CreateTemp), then the list. Only the copy holding the
// database's lock calls it, so none of them is in use.
func removeListedTemps(dir string) {
	list := filepath.Join(dir, tempListName)
	f, err := os.Open(list)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if path := sc.Text(); strings.HasPrefix(filepath.Base(path), tempPrefix) {
			os.Remove(path)
		}
	}
	f.Close()
	os.Remove(list)
}
