package main

import (
	"io"
	"os"
	"path/filepath"
)

// writeFileAtomic writes a file readable by its owner only (0600: backups,
// bundles and person exports hold names and addresses) under a temporary
// name, synced and renamed when complete, so a failure never leaves half
// a file with the chosen name.
func writeFileAtomic(path string, fn func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".petitiondesk-*")
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
