package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/petition"
)

// fields returns the form's text fields in order.
func (k *kiosk) fields() []*field {
	return []*field{k.name, k.street, k.postcode, k.city, k.country, k.email}
}

// check validates the whole form, marks every problem and reports
// whether the entry can be saved.
func (k *kiosk) check() bool {
	ok := true
	for _, f := range k.fields() {
		if f.check() != nil {
			ok = false
		}
	}
	if k.email.entry.Text != "" && !k.consent.Checked {
		ok = false
	}
	if !petition.HasInk(k.pad.strokes) {
		k.setPadMessage(k.noInkMessage())
		ok = false
	}
	if ok {
		k.msg.SetText("")
	} else {
		k.msg.SetText(T("Please check the fields marked in red."))
	}
	k.st.layoutChanged()
	return ok
}

// noInkMessage says why the pad holds no signature: nothing drawn, or
// only dots (a tap).
func (k *kiosk) noInkMessage() string {
	if len(k.pad.strokes) > 0 {
		return T("Please sign with a line, not a dot.")
	}
	return T(petition.ErrNoSignature.Message)
}

// recheck clears "Please check the fields marked in red." once nothing
// on the form is marked any more: the signer fixed what was asked.
func (k *kiosk) recheck() {
	if k.msg.Text == "" {
		return
	}
	for _, f := range k.fields() {
		if f.msg.Visible() {
			return
		}
	}
	if k.padMsg.Text != "" {
		return
	}
	k.msg.SetText("")
}

// entry builds the signature from the form.
func (k *kiosk) entry() *petition.Signature {
	sig := &petition.Signature{
		Name: k.name.entry.Text,
		Address: petition.Address{Street: k.street.entry.Text, Postcode: k.postcode.entry.Text,
			City: k.city.entry.Text, Country: k.country.entry.Text},
		Consent: k.consent.Checked, Strokes: k.pad.Strokes(),
		PrintFullName: k.fullName.Visible() && k.fullName.Checked,
		Location:      strings.TrimSpace(k.location), Collector: strings.TrimSpace(k.collector),
	}
	if sig.Consent {
		sig.Email = k.email.entry.Text
	}
	return sig
}

// onSign saves the entry durably; only then is the form emptied and the
// thank-you shown. If saving fails (a full disk), the entry stays on the
// screen so nothing typed is lost, and the signer is told plainly.
func (k *kiosk) onSign() {
	if k.saving || !k.check() {
		return
	}
	sig := k.entry()
	k.saving = true
	k.sign.Disable()
	st, pid, fixing := k.st, k.p.ID, k.correcting
	st.background(func() {
		var err error
		if fixing != "" {
			err = st.store.CorrectSignature(fixing, func(old *petition.Signature) { old.CorrectFrom(sig) })
		} else {
			err = st.store.AddSignature(pid, sig)
		}
		id := sig.ID
		fyne.Do(func() {
			k.saving = false
			k.sign.Enable()
			if err != nil {
				st.fail(err)
				return
			}
			if fixing != "" {
				k.saved(fixing, T("Thank you! Your entry is corrected."))
				return
			}
			k.saved(id, T("Thank you for signing! Your signature is saved."))
		})
	})
}

// saved empties the form at once and thanks the signer; the thank-you
// view alone offers "Correct my entry", until the signer presses "Done"
// or it times out.
func (k *kiosk) saved(id, thanks string) {
	k.clearForm()
	k.refreshCount()
	k.ownID, k.lastID = id, id
	k.correct.Show()
	k.showThanks(thanks)
}

func (k *kiosk) showThanks(text string) {
	k.thanks.Text = text
	k.thanks.Refresh()
	k.body.Objects = []fyne.CanvasObject{k.thanksView}
	k.body.Refresh()
	k.thanksSeq++
	seq := k.thanksSeq
	k.clock.AfterFunc(thanksFor, func() {
		if k.thanksSeq == seq && k.showingThanks() {
			k.backToForm()
		}
	})
}

func (k *kiosk) showingThanks() bool {
	return len(k.body.Objects) == 1 && k.body.Objects[0] == k.thanksView
}

// backToForm puts the empty form back for the next person ("Done", or
// the thank-you timed out): from now on only the volunteer's PIN brings
// the last entry back.
func (k *kiosk) backToForm() {
	k.ownID = ""
	k.thanksSeq++
	k.body.Objects = []fyne.CanvasObject{k.form}
	k.body.Refresh()
	k.showFixPIN()
	if k.active {
		k.st.win.Canvas().Focus(k.name.entry)
	}
}

// showFixPIN offers the volunteer's correction when there is a last
// entry and no correction is under way.
func (k *kiosk) showFixPIN() {
	if k.lastID != "" && k.correcting == "" {
		k.fixPIN.Show()
	} else {
		k.fixPIN.Hide()
	}
}

// resetForm empties every field, the pad and the messages.
func (k *kiosk) resetForm() {
	for _, f := range k.fields() {
		f.reset()
	}
	k.country.entry.SetText(k.stallCountry)
	k.consent.SetChecked(false)
	k.fullName.SetChecked(false)
	k.pad.Clear()
	k.setPadMessage("")
	k.msg.SetText("")
	k.correcting = ""
	k.sign.SetText(T("Sign"))
	k.withdraw.Hide()
	k.cancelFix.Hide()
	k.startOver.Show()
	k.showFixPIN()
}

// onCorrect brings back the entry of the signer on the thank-you view,
// and only theirs.
func (k *kiosk) onCorrect() {
	if k.ownID != "" && k.showingThanks() {
		k.loadByID(k.ownID)
	}
}

// onFixWithPIN lets the volunteer bring back the last entry once the
// form is back (a signer who returns to fix a typo).
func (k *kiosk) onFixWithPIN() {
	id := k.lastID
	if id == "" {
		return
	}
	k.pinPrompt = askPIN(k.st.win, k.lock, T("Correct the last entry"), T("Correct"), func() {
		if k.lastID == id {
			k.loadByID(id)
		}
	})
}

func (k *kiosk) loadByID(id string) {
	st := k.st
	inBackground(st, func() (*petition.Signature, error) { return st.store.SignatureByID(id) }, k.loadEntry)
}

func (k *kiosk) loadEntry(sig *petition.Signature) {
	k.ownID = ""
	k.thanksSeq++
	k.body.Objects = []fyne.CanvasObject{k.form}
	k.body.Refresh()
	k.correcting = sig.ID
	k.name.entry.SetText(sig.Name)
	k.street.entry.SetText(sig.Address.Street)
	k.postcode.entry.SetText(sig.Address.Postcode)
	k.city.entry.SetText(sig.Address.City)
	k.country.entry.SetText(sig.Address.Country)
	k.fullName.SetChecked(sig.PrintFullName)
	k.consent.SetChecked(sig.Consent)
	k.email.entry.SetText(sig.Email)
	k.pad.setStrokes(sig.Strokes)
	k.sign.SetText(T("Save my correction"))
	k.fixPIN.Hide()
	k.withdraw.Show()
	k.cancelFix.Show()
	k.startOver.Hide() // Cancel empties the form as well
}

// endCorrection drops a correction without saving.
func (k *kiosk) endCorrection() {
	k.clearForm()
}

// onWithdraw withdraws the signer's own entry: the row is struck as
// withdrawn and the signer's name, address, email and drawn signature are
// erased (store.EraseSignatures), as a withdrawing signer expects.
func (k *kiosk) onWithdraw() {
	id := k.correcting
	if id == "" {
		return
	}
	dialog.ShowConfirm(T("Withdraw my signature"), T("Your signature will no longer count, and your name, address and drawn signature will be erased. Withdraw it?"), func(yes bool) {
		if !yes {
			return
		}
		st := k.st
		k.withdraw.Disable() // the erasure wipes the database files: a few seconds
		st.background(func() {
			_, err := st.store.EraseSignatures([]string{id})
			fyne.Do(func() {
				k.withdraw.Enable()
				if err != nil {
					st.fail(err)
					return
				}
				k.lastID = ""
				k.clearForm()
				k.correct.Hide()
				k.refreshCount()
				k.showThanks(T("Your signature is withdrawn and your data erased."))
			})
		})
	}, k.st.win)
}
