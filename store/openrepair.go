package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// A kill -9 between Badger creating a memtable log (NNNNN.mem) or value
// log (NNNNNN.vlog) and sizing it leaves a zero-length file. Badger's next
// open then sizes it itself but reports z.NewFile ("Create a new file") as
// a failure; the open after that works. Such a file was never written to,
// so it holds nothing: removing it before opening is safe. (Signatures
// whose commit was in flight are replayed from our own fsynced journal.)
//
// vlogHeader is Badger's log file header (key id and IV): a memtable log
// shorter than that has no entry either.
const vlogHeader = 20

// removeEmptyLogs deletes the memtable and value logs a kill left empty.
// It runs only while it holds the directory lock Badger itself takes, so
// it never deletes the fresh log of another process that has the
// database open; without the lock it does nothing (Badger will then say
// the database is in use).
func removeEmptyLogs(dir string) error {
	unlock, ok := tryLockDir(dir)
	if !ok {
		return nil
	}
	defer unlock()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !emptyLog(e) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if verboseLog.Load() {
			logf("removed the empty %s left by an interrupted run", e.Name())
		}
	}
	return nil
}

func emptyLog(e os.DirEntry) bool {
	mem, vlog := strings.HasSuffix(e.Name(), ".mem"), strings.HasSuffix(e.Name(), ".vlog")
	if e.IsDir() || (!mem && !vlog) {
		return false
	}
	fi, err := e.Info()
	if err != nil {
		return false
	}
	return fi.Size() == 0 || (mem && fi.Size() < vlogHeader)
}

// isNewFileError recognises the failed open that an empty log causes
// where removeEmptyLogs could not run first (Windows): Badger has sized
// the file by then, so opening once more succeeds.
// Badger wraps that error as text, so it is matched as text.
func isNewFileError(err error) bool {
	return err != nil && strings.HasSuffix(err.Error(), "err: Create a new file")
}
