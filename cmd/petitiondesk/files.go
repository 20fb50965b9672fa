package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/petitiondesk/petitiondesk/store"
)

// readSmallFile reads a file the user names whose contents are read
// whole, refusing it in one line when it is larger than limit: by its size
// before reading, and by what a read returns (a pipe or a device has no
// size). what says what the file should hold, for the message.
func readSmallFile(path string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooBig := fmt.Errorf("%s is too large for %s (at most %s)", path, what, sizeText(limit))
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", path)
	} else if st.Size() > limit {
		return nil, tooBig
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, err)
	}
	if int64(len(b)) > limit {
		return nil, tooBig
	}
	return b, nil
}

// sizeText writes a limit in KB or MB.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

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
