package ui

import (
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// addressModeName words an address mode for choosers (editor, Export).
func addressModeName(m petition.AddressMode) string {
	switch m {
	case petition.AddressFull:
		return T("Full address")
	case petition.AddressPostcodeTown:
		return T("Postcode and town")
	}
	return T("Town and country")
}

// newAddressModeSelect chooses what the recipient sees of each signer;
// first, if not empty, is an extra first choice (the petition's own).
func newAddressModeSelect(first string, selected petition.AddressMode) *widget.Select {
	var names []string
	if first != "" {
		names = append(names, first)
	}
	for _, m := range petition.AddressModes {
		names = append(names, addressModeName(m))
	}
	sel := widget.NewSelect(names, nil)
	if selected == "" && first != "" {
		sel.SetSelectedIndex(0)
	} else {
		sel.SetSelected(addressModeName(selected))
	}
	return sel
}

// selectedAddressMode returns the mode chosen, or "" for the extra first
// choice.
func selectedAddressMode(sel *widget.Select) petition.AddressMode {
	for _, m := range petition.AddressModes {
		if sel.Selected == addressModeName(m) {
			return m
		}
	}
	return ""
}
