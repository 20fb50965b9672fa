package store

import (
	"errors"
	"fmt"
	"log"
	"strings"
)

// Errors a caller can meet and explain in plain words.
var (
	ErrNotFound          = errors.New("not found")
	ErrWrongPassphrase   = errors.New("the passphrase is wrong: the database was not opened and nothing was changed")
	ErrPassphraseNeeded  = errors.New("this database is encrypted: a passphrase is needed to open it")
	ErrNewerSchema       = errors.New("this database was written by a newer version of Petition Desk: please update the app")
	ErrNotEmpty          = errors.New("the database is not empty: restore into a new data directory, or choose to replace everything")
	ErrNotBackup         = errors.New("this file is not a Petition Desk backup")
	ErrPetitionNotActive = errors.New("the petition is not collecting signatures")
)

// AlreadyOpenError says another copy of the app (a window, or a command
// such as a backup under way) holds the database.
type AlreadyOpenError struct{ Dir string }

func (e *AlreadyOpenError) Error() string {
	return fmt.Sprintf("another Petition Desk (window or command) has %s open: close that window or let the command finish, then try again", e.Dir)
}

// isLockError recognises Badger's directory-lock failure, which it reports
// only as text, in different words on Unix ("Cannot acquire directory
// lock") and Windows ("Cannot create lock file"); both go on with the
// sentence matched here.
func isLockError(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "Another process is using this Badger database") ||
		strings.Contains(err.Error(), "Cannot acquire directory lock"))
}

// opError is an error with the store operation it broke, as in
// "store: saving a signature: …". The cause stays reachable, so
// errors.Is and errors.As see the sentinels and Badger's or the
// system's errors through it.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "store: " + e.op + ": " + e.err.Error() }

func (e *opError) Unwrap() error { return e.err }

// wrap gives *errp the context of the public method it leaves. Helpers
// return bare errors and the public method wraps once: an error that
// already has a store context (one public method calling another) keeps
// the inner, more precise one. Call it deferred, with a named result.
func wrap(errp *error, op string, args ...any) {
	var known *opError
	if *errp == nil || errors.As(*errp, &known) {
		return
	}
	if len(args) > 0 {
		op = fmt.Sprintf(op, args...)
	}
	*errp = &opError{op: op, err: *errp}
}

func logf(format string, a ...any) { log.Printf(format, a...) }
