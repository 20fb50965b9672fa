package ui

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// pinLock is the volunteer's PIN that guards leaving signing mode. Only
// a salted hash stays in memory, so a debugger or a crash dump of the
// kiosk shows no PIN.
type pinLock struct {
	salt [16]byte
	hash [32]byte
}

func newPINLock(pin string) *pinLock {
	l := &pinLock{}
	_, _ = rand.Read(l.salt[:])
	l.hash = l.sum(pin)
	return l
}

func (l *pinLock) sum(pin string) [32]byte {
	return sha256.Sum256(append(l.salt[:], pin...))
}

// matches reports whether pin is the volunteer's PIN.
func (l *pinLock) matches(pin string) bool {
	h := l.sum(pin)
	return subtle.ConstantTimeCompare(h[:], l.hash[:]) == 1
}

// validatePIN checks a new PIN: 4 to 8 digits.
func validatePIN(s string) error {
	if len(s) < 4 || len(s) > 8 {
		return errors.New(T("The PIN must have 4 to 8 digits."))
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return errors.New(T("The PIN may hold digits only."))
		}
	}
	return nil
}

// pinPrompt is the open "Finish signing mode" dialog.
type pinPrompt struct {
	dialog *dialog.FormDialog
	entry  *widget.Entry
}

// askPIN asks for the volunteer's PIN (to leave signing mode, or to
// correct the last entry); ok is called only when it matches. A wrong
// PIN says so and nothing happens.
func askPIN(w fyne.Window, lock *pinLock, title, confirm string, ok func()) *pinPrompt {
	entry := widget.NewPasswordEntry()
	// Words, not dots: "••••" looked like a PIN already typed.
	entry.SetPlaceHolder(T("4 to 8 digits"))
	d := dialog.NewForm(title, confirm, T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(T("Volunteer's PIN"), entry)},
		func(confirmed bool) {
			if !confirmed {
				return
			}
			if lock.matches(entry.Text) {
				ok()
				return
			}
			dialog.ShowInformation(T("Wrong PIN"), T("That PIN is not right. Signing mode stays on."), w)
		}, w)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(380, 200))
	d.Show()
	w.Canvas().Focus(entry)
	return &pinPrompt{dialog: d, entry: entry}
}
