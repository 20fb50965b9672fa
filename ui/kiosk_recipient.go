package ui

import (
	"strings"

	"fyne.io/fyne/v2"

	"github.com/petitiondesk/petitiondesk/petition"
)

// inTargetCountry reports whether the country typed on the form is where
// one of the petition's targets is: such a signer is printed by initials
// unless they tick "Print my full name for the recipient".
func (k *kiosk) inTargetCountry() bool {
	c := k.country.entry.Text
	for _, t := range k.p.Targets {
		if petition.SameCountry(c, petition.TargetCountry(t)) {
			return true
		}
	}
	return false
}

// showRecipientView shows the full-name tick box only to a signer in the
// target's country, and says in one line what the recipient will see.
func (k *kiosk) showRecipientView() {
	home := k.inTargetCountry()
	for _, o := range append([]fyne.CanvasObject{k.fullName}, k.fullNameRow...) {
		if home {
			o.Show()
		} else {
			o.Hide()
		}
	}
	k.willSee.SetText(T("%s will see: %s", recipientNames(k.p), k.recipientSees(home)))
	k.st.layoutChanged()
}

func (k *kiosk) recipientSees(home bool) string {
	if home && !k.fullName.Checked {
		return T("your initials and country")
	}
	switch k.p.RecipientSees {
	case petition.AddressFull:
		return T("your name and full address")
	case petition.AddressPostcodeTown:
		return T("your name, postcode, town and country")
	}
	return T("your name, town and country")
}

// recipientNames names the targets as the signing form says who reads.
func recipientNames(p petition.Petition) string {
	var names []string
	for _, t := range p.Targets {
		names = append(names, t.Name)
	}
	if len(names) == 0 {
		return T("The recipient")
	}
	return strings.Join(names, T(" and "))
}
