package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// plainError words a failed command's error for the one line the command
// line prints. Causes a user can meet and fix (a full disk, a database
// another copy has open, a wrong passphrase, a file that is missing or
// not theirs to read) get the plain sentence the README promises,
// without the store's context or Badger's and the system's own words;
// anything else is printed as it is, context first, on one line.
func plainError(err error) string {
	var open *store.AlreadyOpenError
	var pe *fs.PathError
	switch {
	case diskspace.IsFull(err):
		return oneLine(diskspace.AsFull(err, "")) // one sentence however the write failed
	case errors.As(err, &open):
		return open.Error()
	case errors.Is(err, store.ErrWrongPassphrase):
		return "the passphrase is wrong: nothing was opened or changed"
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: there is no such file or folder", pe.Path)
	case errors.As(err, &pe) && errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: Petition Desk may not open this file or folder (permission denied): choose another one, or ask whoever manages this computer", pe.Path)
	}
	for _, plain := range []error{store.ErrPassphraseNeeded, bundle.ErrWrongPass, bundle.ErrWrongKey} {
		if errors.Is(err, plain) {
			return plain.Error() // already a plain sentence
		}
	}
	return oneLine(err)
}
