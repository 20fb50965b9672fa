package store

import (
	"os"
	"path/filepath"
	"strings"
)

// The data directory is the owner's alone: 0700, every file in it 0600,
// whatever the umask and even when the directory existed before. Badger
// creates its files with mode 0666 less the umask, so the modes are set
// again after every open and close (the 0700 directory already keeps
// others out of files Badger makes in between).

// fixModes makes dir 0700 and its files 0600. Errors are ignored: on
// Windows modes mean little, and a file may vanish (compaction) meanwhile.
func fixModes(dir string) {
	if dir == "" {
		return
	}
	os.Chmod(dir, 0o700)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			os.Chmod(filepath.Join(dir, e.Name()), 0o600)
		}
	}
}

// removeStaleTemps deletes the hidden temporary files (".petitiondesk-*")
// a killed copy of the app left in the data directory. Only the copy
// holding the database's lock calls it, so none is in use.
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
