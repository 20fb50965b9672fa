package ui

import (
	"errors"
	"io/fs"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// fail shows err to the user. Problems people can meet and fix — a
// field out of range, a full disk, a closed petition — get a plain
// information dialog; anything else is logged (without personal data:
// store errors never carry any) and shown as an error.
func (st *appState) fail(err error) {
	if err == nil {
		return
	}
	if msg, ok := plainProblem(err); ok {
		dialog.ShowInformation(T("Please check"), msg, st.win)
		return
	}
	fyne.LogError("Petition Desk", err)
	dialog.ShowError(err, st.win)
}

// plainProblem turns an expected error into a sentence for the user.
// It looks through the store's context ("store: saving a signature: …")
// to the cause, so the user never reads Badger's or the system's words
// for a problem they can fix.
func plainProblem(err error) (string, bool) {
	var ve petition.ValidationError
	var fe *petition.FieldError
	var open *store.AlreadyOpenError
	var full *diskspace.FullError
	switch {
	case errors.As(err, &ve):
		msgs := make([]string, len(ve))
		for i, e := range ve {
			msgs[i] = T(e.Message)
		}
		return strings.Join(msgs, "\n"), true
	case errors.As(err, &fe):
		return T(fe.Message), true
	case errors.As(err, &full) && full.Free >= 0: // refused before writing: see store/diskroom.go
		return T("The disk is nearly full: nothing was saved. Free at least %s and try again; what you entered is still here.", diskspace.Human(full.Short())), true
	case diskspace.IsFull(err):
		return T("The disk is full: nothing was saved. Free some space and try again; what you entered is still here."), true
	case errors.Is(err, store.ErrPetitionNotActive):
		return T("This petition is not collecting signatures. Set its status to collecting in the editor."), true
	case errors.Is(err, store.ErrNotFound):
		return T("This record no longer exists. It may have been removed in the meantime."), true
	case errors.As(err, &open):
		return T("Another Petition Desk (window or command) has %s open. Use that window, or let the command finish, then try again.", open.Dir), true
	case errors.Is(err, store.ErrWithdrawn):
		return T("This signer withdrew and their data was erased: the row cannot count again."), true
	case errors.Is(err, store.ErrNotPurged):
		return T("The data is erased in the database, but Petition Desk could not make sure that the old copies are gone from the files on the disk. This is noted in the audit log, and the wiping is tried again at the next start."), true
	case errors.Is(err, store.ErrAlreadyErased):
		return T("This signature's personal data was already erased."), true
	case errors.Is(err, store.ErrWrongPassphrase):
		return T("The passphrase is wrong. Nothing was opened or changed."), true
	case errors.Is(err, store.ErrPassphraseNeeded):
		return T("This database is encrypted: enter its passphrase to open it."), true
	case errors.Is(err, store.ErrNewerSchema):
		return T("This database was written by a newer Petition Desk: update the app, then open it again. Nothing was changed."), true
	}
	return fileProblem(err)
}

// fileProblem words a file or folder the user chose that is missing or
// not theirs to open. Its path is the user's own choice, so it may show.
func fileProblem(err error) (string, bool) {
	var pe *fs.PathError
	switch {
	case !errors.As(err, &pe):
		return "", false
	case errors.Is(err, fs.ErrNotExist):
		return T("%s does not exist (any more). Choose the file or folder again.", pe.Path), true
	case errors.Is(err, fs.ErrPermission):
		return T("Petition Desk may not open %s. Choose another file or folder, or ask whoever manages this computer.", pe.Path), true
	}
	return "", false
}
