package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// thanksFor is how long the thank-you stays unless the signer presses
// "Correct my entry" or "Done": long enough to notice a typo, short
// enough that the next person rarely finds it.
const thanksFor = 10 * time.Second

// kiosk is signing mode: one full-screen form for passers-by. It shows
// the petition and the running count, never an earlier signer: the form
// is emptied (entries, their undo history and the pad) as soon as a
// signature is saved. "Correct my entry" is on the thank-you view only,
// for the signer who just signed; once the form is back for the next
// person, correcting the last entry needs the volunteer's PIN. Only that
// entry's id is kept, never its content.
type kiosk struct {
	st        *appState
	p         petition.Petition
	lock      *pinLock
	location  string
	collector string
	// stallCountry pre-fills Country for each signer (chosen when signing
	// mode starts): most passers-by at a stall live in its country.
	stallCountry string

	name, street, postcode, city, country, email *field
	consent                                      *widget.Check
	pad                                          *signaturePad
	padMsg                                       *canvas.Text
	msg                                          *widget.Label
	count                                        *widget.Label
	progress                                     *goalBar // empty at 0 % (petitions_item.go)
	sign, clearPad, undo, correct, withdraw      *widget.Button
	cancelFix, finish, done, fixPIN, startOver   *widget.Button
	thanks                                       *canvas.Text
	fullName                                     *widget.Check       // "Print my full name for the recipient"
	fullNameRow                                  []fyne.CanvasObject // its row on the form, shown with it
	willSee                                      *widget.Label       // what the recipient will see
	idle                                         idleTimer           // kiosk_idle.go
	clock                                        kioskClock          // the timers' time; tests put a fake one

	form, thanksView fyne.CanvasObject
	body             *fyne.Container // form or thank-you
	content          fyne.CanvasObject

	saving     bool
	ownID      string // the signature the thank-you view offers to correct
	lastID     string // the last signature saved: corrected with the PIN only
	thanksSeq  int    // which thank-you the timer belongs to
	correcting string // the id being corrected now, "" when signing
	active     bool
	pinPrompt  *pinPrompt // the open PIN dialog, if any
}

func newKiosk(st *appState, p petition.Petition, lock *pinLock, location, collector string) *kiosk {
	k := &kiosk{st: st, p: p, lock: lock, location: location, collector: collector, clock: appClock{st}}
	k.idle.after = idleSetting(st)
	k.name = newField(T("Full name"), petition.ValidateName)
	k.street = newField(T("Street and number"), petition.ValidateStreet)
	k.postcode = newField(T("Postcode"), petition.ValidatePostcode)
	k.city = newField(T("Town or city"), petition.ValidateCity)
	k.country = newField(T("Country"), petition.ValidateCountry)
	k.email = newField(T("Email"), petition.ValidateEmail)
	k.emailAllowed(false)
	k.consent = widget.NewCheck(T("I agree to be contacted about this campaign"), k.onConsent)
	k.pad = newSignaturePad()
	k.pad.OnChanged = func() {
		if petition.HasInk(k.pad.strokes) {
			k.setPadMessage("")
			k.recheck()
		}
		if len(k.pad.strokes) > 0 {
			k.touched()
		}
	}
	for _, f := range []*field{k.name, k.street, k.postcode, k.city, k.country, k.email} {
		f.validated = k.recheck
		f.entry.OnChanged = func(s string) {
			f.noteScript()
			if s != "" {
				k.touched()
			}
		}
	}
	k.country.entry.OnChanged = func(s string) {
		k.country.noteScript()
		k.showRecipientView()
		if s != "" && s != k.stallCountry { // the pre-filled country is nobody's input
			k.touched()
		}
	}
	k.padMsg = canvas.NewText("", theme.Color(theme.ColorNameError))
	k.msg = widget.NewLabel("")
	k.msg.Importance = widget.DangerImportance
	k.msg.Wrapping = fyne.TextWrapWord
	k.count = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	k.progress = newGoalBar()
	k.sign = widget.NewButtonWithIcon(T("Sign"), theme.ConfirmIcon(), k.onSign)
	k.sign.Importance = widget.HighImportance
	// "Draw again", not "Clear": a signer read German "Löschen" as deleting
	// their signature record, not the lines in the box.
	k.clearPad = widget.NewButtonWithIcon(T("Draw again"), theme.ContentClearIcon(), k.pad.Clear)
	k.undo = widget.NewButtonWithIcon(T("Undo stroke"), theme.ContentUndoIcon(), k.pad.Undo)
	k.correct = widget.NewButtonWithIcon(T("Correct my entry"), theme.DocumentCreateIcon(), k.onCorrect)
	k.done = widget.NewButtonWithIcon(T("Done"), theme.ConfirmIcon(), k.backToForm)
	k.done.Importance = widget.HighImportance
	k.fixPIN = widget.NewButtonWithIcon(T("Correct the last entry (volunteer)…"), theme.DocumentCreateIcon(), k.onFixWithPIN)
	k.fixPIN.Importance = widget.LowImportance
	k.startOver = widget.NewButtonWithIcon(T("Start over"), theme.ContentClearIcon(), k.clearForm)
	k.fullName = widget.NewCheck(T("Print my full name for the recipient"), func(bool) { k.showRecipientView(); k.touched() })
	k.willSee = widget.NewLabel("")
	k.willSee.Wrapping, k.willSee.SizeName = fyne.TextWrapWord, theme.SizeNameCaptionText
	k.newIdleWarning()
	k.withdraw = widget.NewButtonWithIcon(T("Withdraw my signature"), theme.DeleteIcon(), k.onWithdraw)
	k.cancelFix = widget.NewButton(T("Cancel"), k.endCorrection)
	k.finish = widget.NewButtonWithIcon(T("Finish signing mode"), theme.LogoutIcon(), k.onFinish)
	k.finish.Importance = widget.LowImportance
	k.thanks = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	k.thanks.TextSize, k.thanks.TextStyle.Bold, k.thanks.Alignment = 34, true, fyne.TextAlignCenter
	k.withdraw.Hide()
	k.cancelFix.Hide()
	k.fixPIN.Hide()
	k.fullName.Hide()
	k.showRecipientView()
	k.chainEnter()
	k.build()
	return k
}

// setStallCountry pre-fills Country with the stall's country, now and
// for each next signer; the signer can change it.
func (k *kiosk) setStallCountry(c string) {
	k.stallCountry = c
	if k.country.entry.Text == "" {
		k.country.entry.SetText(c)
	}
}

// enter takes the whole screen; closing the window needs the PIN too.
func (k *kiosk) enter() {
	k.active = true
	k.st.win.SetContent(k.content)
	k.st.win.SetFullScreen(true)
	k.st.win.SetCloseIntercept(k.onFinish)
	k.refreshCount()
	k.st.win.Canvas().Focus(k.name.entry)
	k.st.layoutChanged()
}

// leave returns to the main window.
func (k *kiosk) leave() {
	k.active = false
	k.ownID, k.lastID = "", ""
	k.clearForm()
	k.st.win.SetFullScreen(false)
	k.st.win.SetCloseIntercept(k.st.closeIntercept)
	if k.st.home != nil {
		k.st.home()
	}
	if k.st.onPetitionChange != nil {
		k.st.onPetitionChange()
	}
}

func (k *kiosk) onFinish() {
	k.pinPrompt = askPIN(k.st.win, k.lock, T("Finish signing mode"), T("Finish"), k.leave)
}

// chainEnter makes Enter move to the next field, as Tab does.
func (k *kiosk) chainEnter() {
	order := []*field{k.name, k.street, k.postcode, k.city, k.country}
	for i, f := range order {
		f.entry.OnSubmitted = func(string) {
			if i+1 < len(order) {
				k.st.win.Canvas().Focus(order[i+1].entry)
			} else {
				k.st.win.Canvas().Focus(k.consent)
			}
		}
	}
	k.email.entry.OnSubmitted = func(string) { k.st.win.Canvas().Focus(k.sign) }
}

func (k *kiosk) onConsent(on bool) {
	if on {
		k.touched()
	}
	k.emailAllowed(on)
}

// emailAllowed enables the email field with consent; without it the field
// is emptied, greyed and says why, so tapping it is not a silent no.
func (k *kiosk) emailAllowed(on bool) {
	if on {
		k.email.entry.SetPlaceHolder(T("optional"))
		k.email.entry.Enable()
		return
	}
	k.email.reset()
	k.email.entry.SetPlaceHolder(T("Tick “I agree…” above first"))
	k.email.entry.Disable()
}

func (k *kiosk) setPadMessage(s string) {
	k.padMsg.Text = s
	k.padMsg.Refresh()
}

// refreshCount reads the petition's valid total in the background.
func (k *kiosk) refreshCount() {
	st, pid, goal := k.st, k.p.ID, k.p.Goal
	inBackground(st, func() (petition.Totals, error) { return st.store.Totals(pid) }, func(t petition.Totals) {
		k.count.SetText(signaturesSoFar(t.Valid()))
		k.progress.set(t.Valid(), goal)
	})
}

// signaturesSoFar words the running count.
func signaturesSoFar(n int) string {
	return TN(n, "%d signature so far", "%d signatures so far", n)
}
