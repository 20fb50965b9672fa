package ui

import (
	"errors"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/store"
)

// The passphrase at first start, and with a recovery key when it is lost.
//
// A new, empty data directory is encrypted unless the user insists: the
// first screen asks for a passphrase twice and says plainly that a lost
// passphrase means lost data. "Continue without encryption" is there (a
// laptop whose disk is already encrypted, a training session on made-up
// data) but only behind a second question that says what it means. With
// PETITIONDESK_PASSPHRASE set, the window uses that and asks nothing, as
// the command line does. An existing database never sees this screen.

// passForm is a new passphrase typed twice, with a line for problems.
type passForm struct {
	pass, again *widget.Entry
	status      *widget.Label
}

func newPassForm() *passForm {
	f := &passForm{pass: widget.NewPasswordEntry(), again: widget.NewPasswordEntry(), status: widget.NewLabel("")}
	f.pass.SetPlaceHolder(T("New passphrase (at least %d characters)", store.MinPassphraseLen))
	f.again.SetPlaceHolder(T("The same passphrase again"))
	f.status.Wrapping = fyne.TextWrapWord
	return f
}

// value returns the passphrase, or says on the status line what is wrong.
func (f *passForm) value() (string, bool) {
	p := f.pass.Text
	switch {
	case store.ValidateNewPassphrase(p) != nil:
		f.status.SetText(T("The passphrase is too short: use at least %d characters (a few words are easy to remember).", store.MinPassphraseLen))
	case p != f.again.Text:
		f.status.SetText(T("The two passphrases are not the same. Type them again."))
	default:
		f.status.SetText("")
		return p, true
	}
	return "", false
}

// start opens the database when the window starts. envPass is
// PETITIONDESK_PASSPHRASE ("" when not set).
func (o *opener) start(envPass string) {
	state, err := store.Inspect(o.dir)
	if err == nil && state.New && envPass == "" {
		o.choosePassphrase()
		return
	}
	o.created = err == nil && state.New
	o.try(envPass)
}

// choosePassphrase is the first screen on a new data directory.
func (o *opener) choosePassphrase() {
	f := newPassForm()
	o.newPass = f
	create := widget.NewButton(T("Encrypt and start"), o.submitNew)
	create.Importance = widget.HighImportance
	f.again.OnSubmitted = func(string) { o.submitNew() }
	f.pass.OnSubmitted = func(string) { o.win.Canvas().Focus(f.again) }
	plain := widget.NewButton(T("Continue without encryption…"), o.askPlain)
	plain.Importance = widget.LowImportance
	intro := widget.NewLabel(T("Signing a petition reveals a political opinion. Petition Desk encrypts its database so that nobody who gets this laptop, or a copy of its disk, can read the signers' names and addresses. Choose a passphrase: you will type it each time Petition Desk starts."))
	intro.Wrapping = fyne.TextWrapWord
	warn := widget.NewLabelWithStyle(T("If the passphrase is lost, the data is lost: nobody can open the database without it, not even the makers of Petition Desk. After this step you can save a recovery key, a second way in."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	warn.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(
		widget.NewLabelWithStyle(T("A new database in %s", o.dir), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		intro, f.pass, f.again, warn, f.status, create, plain)
	o.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height+180), box)))
	o.win.Canvas().Focus(f.pass)
	o.logLayout(map[string]fyne.CanvasObject{"first.pass": f.pass, "first.again": f.again, "first.create": create})
}

func (o *opener) submitNew() {
	p, ok := o.newPass.value()
	if !ok {
		return
	}
	o.created = true
	o.newPass.status.SetText(T("Opening the database…"))
	o.try(p)
}

// askPlain asks once more before a database without encryption is made.
func (o *opener) askPlain() {
	d := dialog.NewConfirm(T("Continue without encryption?"),
		T("Without encryption, anyone who gets this laptop, its disk or a copy of the data folder can read every signer's name and address. Choose this only for a training with made-up names, or when the whole disk is already encrypted. To encrypt later, you will need to back up and restore into a new data folder."),
		func(yes bool) {
			if yes {
				o.created = true
				o.try("")
			}
		}, o.win)
	d.SetConfirmText(T("Continue without encryption"))
	d.SetDismissText(T("Back"))
	d.Show()
}

// forgot starts the reset with a recovery key: the user picks the file
// the key was saved to, then chooses a new passphrase.
func (o *opener) forgot() {
	o.dialogs.chooseOpenFile(o.win, func(r io.ReadCloser) {
		b, err := io.ReadAll(io.LimitReader(r, 64<<10))
		r.Close()
		if err != nil {
			dialog.ShowError(err, o.win)
			return
		}
		o.resetWith(store.FindRecoveryKey(string(b)))
	})
}

// resetWith asks for a new passphrase and sets it with the recovery key.
func (o *opener) resetWith(key string) {
	f := newPassForm()
	o.newPass = f
	set := widget.NewButton(T("Set the new passphrase and open"), func() { o.submitReset(key) })
	set.Importance = widget.HighImportance
	f.again.OnSubmitted = func(string) { o.submitReset(key) }
	back := widget.NewButton(T("Back"), func() { o.pass = nil; o.askPassphrase(false) })
	text := widget.NewLabel(T("The recovery key was read from the file. Choose a new passphrase for this database; the recovery key keeps working."))
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(widget.NewLabelWithStyle(T("A new passphrase"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text, f.pass, f.again, f.status, container.NewHBox(set, back))
	o.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(520, box.MinSize().Height+80), box)))
	o.win.Canvas().Focus(f.pass)
}

func (o *opener) submitReset(key string) {
	p, ok := o.newPass.value()
	if !ok {
		return
	}
	f := o.newPass
	f.status.SetText(T("Setting the new passphrase…"))
	o.runner()(func() {
		err := store.ResetPassphrase(o.dir, key, p)
		fyne.Do(func() {
			if err != nil {
				f.status.SetText(resetProblem(err))
				return
			}
			o.try(p)
		})
	})
}

// resetProblem says why a reset with a recovery key failed.
func resetProblem(err error) string {
	switch {
	case errors.Is(err, store.ErrWrongRecoveryKey):
		return T("This file holds no recovery key of this database. Nothing was changed.")
	case errors.Is(err, store.ErrNoRecoveryKey):
		return T("This database has no recovery key. Without the passphrase it cannot be opened.")
	}
	if msg, ok := plainProblem(err); ok {
		return msg
	}
	fyne.LogError("resetting the passphrase", err)
	return T("The passphrase could not be changed: %s", err.Error())
}

func (o *opener) runner() func(func()) {
	if o.run != nil {
		return o.run
	}
	return func(f func()) { go f() }
}

// offerRecoveryKey asks, after a new encrypted database was made, whether
// to save a recovery key now (Settings offers it later too).
func offerRecoveryKey(st *appState) {
	d := dialog.NewConfirm(T("Save a recovery key?"),
		T("A recovery key is a second way into this database if the passphrase is ever lost. Save it to a USB stick or print it, and keep it apart from this laptop: whoever has the key and the laptop can read the data."),
		func(yes bool) {
			if yes {
				saveRecoveryKey(st)
			}
		}, st.win)
	d.SetConfirmText(T("Save a recovery key…"))
	d.SetDismissText(T("Not now"))
	d.Show()
}

// saveRecoveryKey makes a recovery key and writes it to a USB stick or
// a file the user chooses. A key made earlier stops working once the new
// one is saved; the message says so only when there was one.
func saveRecoveryKey(st *appState) {
	chooseKeyPlace(st, "Petition Desk recovery key.txt", func(w io.WriteCloser, where string) {
		s := st.store
		st.background(func() {
			earlier := store.HasRecoveryKey(s.Dir())
			err := s.CreateRecoveryKey(func(key string) error {
				if _, err := io.WriteString(w, recoveryFileText(key, s.Dir())); err != nil {
					return err
				}
				return w.Close()
			})
			w.Close() // after a failure; a second Close of a file is harmless
			if err != nil && where != "" {
				os.Remove(where) // no half-written key left on the stick
			}
			fyne.Do(func() {
				if err != nil {
					st.fail(err)
					return
				}
				dialog.ShowInformation(T("Recovery key saved"), recoverySavedText(where, earlier), st.win)
			})
		})
	})
}

// recoverySavedText says where the key went (when known) and whether an
// earlier key stopped working.
func recoverySavedText(where string, earlier bool) string {
	text := T("Keep the file apart from this laptop.")
	if where != "" {
		text = T("Saved as %s.", where) + " " + text
	}
	if earlier {
		text += " " + T("A recovery key made earlier no longer works.")
	}
	return text
}

// recoveryFileText is what the recovery key file says, in the window's
// language, with the key on a line of its own (FindRecoveryKey finds it).
func recoveryFileText(key, dir string) string {
	return strings.Join([]string{
		T("Petition Desk recovery key"), "", T("Database: %s", dir), "", key, "",
		T("With this key a new passphrase can be set when the passphrase is lost (\"Forgot the passphrase?\" when Petition Desk asks for it). Whoever has this key and the database can read it: keep it apart from the laptop."),
		"",
	}, "\n")
}
