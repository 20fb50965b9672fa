package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/store"
)

// Settings → Change the passphrase. The database is closed, its key
// registry re-encrypted for the new passphrase (store.ChangePassphrase:
// the data is not rewritten, it takes about a second) and opened again
// with the new passphrase; after a wrong old passphrase it is opened
// again with the old one and nothing has changed.

// passChange is the dialog's form.
type passChange struct {
	st     *appState
	old    *widget.Entry
	form   *passForm
	dialog dialog.Dialog
	change *widget.Button
}

// askChangePassphrase opens the change-passphrase dialog.
func askChangePassphrase(st *appState) *passChange {
	c := &passChange{st: st, old: widget.NewPasswordEntry(), form: newPassForm()}
	c.old.SetPlaceHolder(T("Current passphrase"))
	c.old.OnSubmitted = func(string) { st.win.Canvas().Focus(c.form.pass) }
	c.form.pass.OnSubmitted = func(string) { st.win.Canvas().Focus(c.form.again) }
	c.form.again.OnSubmitted = func(string) { c.submit() }
	c.change = widget.NewButton(T("Change the passphrase"), c.submit)
	c.change.Importance = widget.HighImportance
	cancel := widget.NewButton(T("Cancel"), func() { c.dialog.Hide() })
	note := widget.NewLabel(T("If the new passphrase is lost, the data is lost. A recovery key saved earlier keeps working."))
	note.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(c.old, c.form.pass, c.form.again, note, c.form.status, container.NewHBox(c.change, cancel))
	c.dialog = dialog.NewCustomWithoutButtons(T("Change the passphrase"), container.NewGridWrap(fyne.NewSize(440, box.MinSize().Height+20), box), st.win)
	c.dialog.Show()
	st.win.Canvas().Focus(c.old)
	return c
}

func (c *passChange) submit() {
	if c.old.Text == "" {
		c.form.status.SetText(T("Type the current passphrase."))
		return
	}
	newPass, ok := c.form.value()
	if !ok {
		return
	}
	c.form.status.SetText(T("Changing the passphrase…"))
	c.change.Disable()
	changePassphrase(c.st, c.old.Text, newPass, func(err error) {
		c.change.Enable()
		if err != nil {
			if msg, ok := plainProblem(err); ok {
				c.form.status.SetText(msg)
			} else {
				c.form.status.SetText(T("The passphrase could not be changed: %s", err.Error()))
			}
			return
		}
		c.dialog.Hide()
		dialog.ShowInformation(T("Passphrase changed"), T("From now on, open Petition Desk with the new passphrase."), c.st.win)
	})
}

// changePassphrase closes the store, changes the passphrase and opens
// the store again (with the new passphrase, or the old one when the
// change failed), then redraws the window on it. done gets the change's
// error on the UI goroutine.
func changePassphrase(st *appState, oldPass, newPass string, done func(error)) {
	old := st.store
	dir := old.Dir()
	if !old.CheckPassphrase(oldPass) {
		done(store.ErrWrongPassphrase) // refused before the database is closed
		return
	}
	st.background(func() {
		st.stopRetention()
		err := old.Close()
		if err == nil {
			err = store.ChangePassphrase(dir, oldPass, newPass)
		}
		pass := newPass
		if err != nil {
			pass = oldPass
		}
		s, openErr := store.Open(store.Options{Dir: dir, Passphrase: pass, Now: old.Now})
		fyne.Do(func() {
			if openErr != nil {
				fyne.LogError("opening the database again after a passphrase change", openErr)
				st.win.SetContent(message(T("The database could not be opened again: %s. Quit and start Petition Desk again.", openErr.Error()), fyne.CurrentApp().Quit))
				return
			}
			st.store = s
			startRetention(st)
			done(err)
			if st.rebuild != nil {
				st.rebuild()
			}
		})
	})
}
