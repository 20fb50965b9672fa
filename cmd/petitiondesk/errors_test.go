package main

import (
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/petitiondesk/petitiondesk/store"
)

// TestPlainErrorWords: each known cause, however deep it is wrapped, is
// printed as its plain sentence, without the context or the system's words.
func TestPlainErrorWords(t *testing.T) {
	tests := []struct {
		err     error
		want    string
		mustNot string
	}{
		{fmt.Errorf("store: saving a signature: %w", &fs.PathError{Op: "write", Path: "/d/000001.vlog", Err: syscall.ENOSPC}), "the disk is full", "vlog"},
		{fmt.Errorf("store: opening the database in /d: %w", &store.AlreadyOpenError{Dir: "/d"}), "another Petition Desk (window or command) has /d open", "store:"},
		{fmt.Errorf("store: restoring a backup: decrypting: %w", store.ErrWrongPassphrase), "the passphrase is wrong: nothing was opened or changed", "store:"},
		{fmt.Errorf("reading the key: %w", &fs.PathError{Op: "open", Path: "/home/k.txt", Err: syscall.ENOENT}), "/home/k.txt: there is no such file or folder", "reading"},
		{fmt.Errorf("reading the bundle: %w", &fs.PathError{Op: "open", Path: "/home/b.bundle", Err: syscall.EACCES}), "/home/b.bundle: Petition Desk may not open", "reading"},
		{fmt.Errorf("store: importing a bundle: something\nunexpected"), "store: importing a bundle: something unexpected", "\n"},
	}
	for _, tc := range tests {
		got := plainError(tc.err)
		if !strings.HasPrefix(got, tc.want) || strings.Contains(got, tc.mustNot) {
			t.Errorf("%v: got %q, want %q", tc.err, got, tc.want)
		}
	}
}

// TestLockedDatabaseOneLine: a command on a database another copy has
// open prints one plain line, without Badger's words.
func TestLockedDatabaseOneLine(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, stderr := cli(t, "totals", "--data", dir)
	want := "petitiondesk totals: another Petition Desk (window or command) has " + dir + " open"
	if code != 1 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 ||
		strings.Contains(strings.ToLower(stderr), "badger") || strings.Contains(stderr, "store:") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
