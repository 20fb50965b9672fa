package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/petitiondesk/petitiondesk/store"
)

// writeFileAtomic writes a file readable by its owner only (0600: backups,
// bundles and person exports hold names and addresses) under a temporary
// name, synced and renamed when complete, so a failure never leaves half
// a file with the chosen name.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	return writeThroughTemp(path, func() (*os.File, error) { return os.CreateTemp(filepath.Dir(path), ".petitiondesk-*") }, fn)
}

// writeFileAtomicFrom is writeFileAtomic for a file written while the
// database is open: the store records the temporary file, so the next
// start removes it if this copy of the app is killed meanwhile.
func writeFileAtomicFrom(s *store.Store, path string, fn func(io.Writer) error) error {
	return writeThroughTemp(path, func() (*os.File, error) { return s.CreateTemp(filepath.Dir(path)) }, fn)
}

func writeThroughTemp(path string, create func() (*os.File, error), fn func(io.Writer) error) error {
	tmp, err := create()
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
