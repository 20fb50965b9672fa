package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// targetEditor is the card for one target of a petition.
type targetEditor struct {
	name, title, address, email, salutation, language *field
	box                                               *fyne.Container
}

func newTargetEditor(t petition.Target, remove func(*targetEditor)) *targetEditor {
	te := &targetEditor{
		name:       newField(T("Name"), petition.ValidateTargetName),
		title:      newField(T("Title or office"), petition.ValidateShortText),
		address:    newMultiField(T("Postal address (one line each)"), eachLine(validateAddressLine), 5),
		email:      newField(T("Email"), petition.ValidateEmail),
		salutation: newField(T("Salutation (e.g. Dear Minister,)"), validateSalutation),
		language:   newField(T("Language of letters (en, de, fr, ru…)"), validateTargetLanguage),
	}
	te.name.entry.SetText(t.Name)
	te.title.entry.SetText(t.Title)
	te.address.entry.SetText(strings.Join(t.Address, "\n"))
	te.email.entry.SetText(t.Email)
	te.salutation.entry.SetText(t.Salutation)
	te.language.entry.SetText(t.Language)
	// The salutation opens this target's letter; say so, or people type it
	// into the letter as well and it is printed twice.
	hint := widget.NewLabel(T("The salutation opens the letter to this target: the letter text follows it, so do not type it into the letter."))
	hint.Wrapping, hint.SizeName = fyne.TextWrapWord, theme.SizeNameCaptionText
	te.salutation.box.Add(hint)
	del := widget.NewButtonWithIcon(T("Remove this target"), theme.DeleteIcon(), func() { remove(te) })
	grid := container.NewGridWithColumns(2, te.name.box, te.title.box, te.email.box, te.salutation.box, te.language.box)
	card := widget.NewCard("", "", container.NewVBox(grid, te.address.box, container.NewHBox(del)))
	te.box = container.NewVBox(card)
	return te
}

// fields returns the target's fields.
func (te *targetEditor) fields() []*field {
	return []*field{te.name, te.title, te.address, te.email, te.salutation, te.language}
}

func (te *targetEditor) check() error {
	return errors.Join(te.name.check(), te.title.check(), te.address.check(), te.email.check(), te.salutation.check(), te.language.check())
}

func (te *targetEditor) collect() petition.Target {
	return petition.Target{
		Name: strings.TrimSpace(te.name.entry.Text), Title: strings.TrimSpace(te.title.entry.Text),
		Address: lines(te.address.entry.Text), Email: strings.TrimSpace(te.email.entry.Text),
		Salutation: strings.TrimSpace(te.salutation.entry.Text), Language: strings.TrimSpace(te.language.entry.Text),
	}
}

// The petition package checks these only as part of a whole target or
// petition; these adapters check one value with exactly those rules.
func validateAddressLine(s string) error {
	return petition.Target{Name: "Xx", Address: []string{s}}.Validate()
}

func validateSalutation(s string) error {
	return petition.Target{Name: "Xx", Salutation: s}.Validate()
}

func validateTargetLanguage(s string) error {
	return petition.Target{Name: "Xx", Language: strings.TrimSpace(s)}.Validate()
}

func validateDemand(s string) error {
	p := petition.Example(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	p.Demands = []string{s}
	var ve petition.ValidationError
	if errors.As(p.Validate(), &ve) {
		if fe := ve.For("demands"); fe != nil {
			return fe
		}
	}
	return nil
}
