package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// editor edits every field of a petition, targets included, checking
// each entry as it is typed with the same rules the store applies.
type editor struct {
	st      *appState
	p       *petition.Petition // the petition as it was; ID "" = a new one
	done    func()
	content fyne.CanvasObject

	reference, title, org, deadline, delivered *field
	postDays, rows, rowsFirst, goal, retention *field
	returnDays, signer, role                   *field // blank sheets' return margin; who signs the letter
	sender, letter, demands, privacy           *field
	status                                     *widget.Select
	recipientSees                              *widget.Select // what the pack shows of each signer
	languages                                  *widget.CheckGroup
	targets                                    []*targetEditor
	targetBox                                  *fyne.Container
	save                                       *widget.Button
	page                                       *container.Scroll // the form; fields hand it the mouse wheel (wheel.go)
}

func newEditor(st *appState, p *petition.Petition, done func()) *editor {
	e := &editor{st: st, p: p, done: done}
	e.reference = newField(T("Reference (e.g. UA 147/20)"), petition.ValidateReference)
	e.title = newField(T("Title"), petition.ValidateTitle)
	e.org = newField(T("Organisation"), petition.ValidateOrganisation)
	e.deadline = newField(dateLabel(T("Deadline")), validateDate)
	e.delivered = newField(dateLabel(T("Delivered on")), validateOptionalDate)
	e.postDays = newField(T("Days for the post"), petition.ValidateIntRange("post_lead_days", "Days for the post", 0, 90))
	e.returnDays = newField(T("Days to return sheets before the post"), petition.ValidateIntRange("return_margin_days", "Days to return sheets before the post", 0, 60))
	e.signer = newField(T("Name under the letter"), petition.ValidateSenderName)
	e.role = newField(T("Role under the letter (e.g. Coordinator)"), petition.ValidateSenderRole)
	e.rows = newField(T("Rows per sheet"), petition.ValidateIntRange("rows_per_sheet", "Rows per sheet", 5, 60))
	e.rowsFirst = newField(T("Rows under the letter on page 1"), petition.ValidateIntRange("rows_first_page", "Rows under the letter", 0, 10))
	e.goal = newField(T("Goal (signatures)"), petition.ValidateIntRange("goal", "The goal", 0, 10_000_000))
	e.retention = newField(T("Delete personal data N days after delivery"), petition.ValidateIntRange("retention_days", "Days to keep personal data after delivery", 0, 3650))
	e.sender = newMultiField(T("Return address (one line each)"), eachLine(validateAddressLine), 5)
	e.letter = newMultiField(T("Letter"), petition.ValidateLetter, 6)
	e.demands = newMultiField(T("Demands (one per line)"), eachLine(validateDemand), 3)
	e.privacy = newMultiField(T("Privacy notice"), petition.ValidatePrivacyNotice, 2)
	e.status = widget.NewSelect(statusNames(), nil)
	e.recipientSees = newAddressModeSelect("", p.RecipientSees)
	if p.RecipientSees == "" {
		e.recipientSees.SetSelected(addressModeName(petition.DefaultAddressMode))
	}
	e.languages = widget.NewCheckGroup(petition.Languages, nil)
	e.languages.Horizontal = true
	e.targetBox = container.NewVBox()
	e.page = container.NewVScroll(nil)
	wheelToPage(e.page, e.reference, e.title, e.org, e.deadline, e.delivered, e.postDays, e.rows, e.rowsFirst, e.goal,
		e.retention, e.returnDays, e.signer, e.role, e.sender, e.letter, e.demands, e.privacy)
	e.fill()
	e.save = widget.NewButtonWithIcon(T("Save"), theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	cancel := widget.NewButton(T("Cancel"), done)
	addTarget := widget.NewButtonWithIcon(T("Add a target"), theme.ContentAddIcon(), func() { e.addTarget(petition.Target{}) })
	head := T("New petition")
	if p.ID != "" {
		head = T("Edit petition %s", p.Reference)
	}
	grid := container.NewGridWithColumns(2,
		e.reference.box, e.title.box, e.org.box, labelled(T("Status"), e.status),
		e.deadline.box, e.postDays.box, e.returnDays.box, e.goal.box, e.delivered.box,
		e.rows.box, e.rowsFirst.box, e.retention.box, e.signer.box, e.role.box,
		labelled(T("What the recipient sees of each signer"), e.recipientSees))
	form := container.NewVBox(grid, labelled(T("Languages of the sheet labels"), e.languages),
		e.sender.box, e.letter.box, e.demands.box, e.privacy.box,
		widget.NewLabelWithStyle(T("Targets: who the petition is addressed to"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		e.targetBox, container.NewHBox(addTarget))
	bar := container.NewHBox(widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	e.page.Content = container.NewPadded(form)
	e.content = container.NewBorder(container.NewPadded(bar), container.NewPadded(container.NewHBox(e.save, cancel)), nil, nil, e.page)
	return e
}

func labelled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), o)
}

func statusNames() []string {
	out := make([]string, len(petition.Statuses))
	for i, s := range petition.Statuses {
		out[i] = T(string(s))
	}
	return out
}

// fill puts the petition's values into the fields.
func (e *editor) fill() {
	p := e.p
	e.reference.entry.SetText(p.Reference)
	e.title.entry.SetText(p.Title)
	e.org.entry.SetText(p.Organisation)
	e.deadline.entry.SetText(dateText(p.Deadline))
	e.delivered.entry.SetText(dateText(p.DeliveredOn))
	e.postDays.entry.SetText(strconv.Itoa(p.PostLeadDays))
	e.returnDays.entry.SetText(strconv.Itoa(p.ReturnMarginDays))
	e.signer.entry.SetText(p.SenderName)
	e.role.entry.SetText(p.SenderRole)
	e.rows.entry.SetText(strconv.Itoa(p.RowsPerSheet))
	e.rowsFirst.entry.SetText(strconv.Itoa(p.RowsFirstPage))
	e.goal.entry.SetText(strconv.Itoa(p.Goal))
	e.retention.entry.SetText(strconv.Itoa(p.RetentionDays))
	e.sender.entry.SetText(strings.Join(p.SenderAddress, "\n"))
	e.letter.entry.SetText(p.Letter)
	e.demands.entry.SetText(strings.Join(p.Demands, "\n"))
	e.privacy.entry.SetText(p.PrivacyNotice)
	e.status.SetSelected(T(string(p.Status)))
	e.languages.SetSelected(p.Languages)
	targets := p.Targets
	if len(targets) == 0 {
		targets = []petition.Target{{}}
	}
	for _, t := range targets {
		e.addTarget(t)
	}
}

func (e *editor) addTarget(t petition.Target) {
	te := newTargetEditor(t, func(te *targetEditor) { e.removeTarget(te) })
	wheelToPage(e.page, te.fields()...)
	e.targets = append(e.targets, te)
	e.targetBox.Add(te.box)
}

func (e *editor) removeTarget(te *targetEditor) {
	for i, x := range e.targets {
		if x == te {
			e.targets = append(e.targets[:i], e.targets[i+1:]...)
			e.targetBox.Remove(te.box)
			return
		}
	}
}

// collect builds the petition from the fields; it does not validate.
func (e *editor) collect() *petition.Petition {
	p := *e.p
	p.Reference = strings.TrimSpace(e.reference.entry.Text)
	p.Title = strings.TrimSpace(e.title.entry.Text)
	p.Organisation = strings.TrimSpace(e.org.entry.Text)
	p.Deadline, _ = parseDate(e.deadline.entry.Text)
	p.DeliveredOn, _ = parseDate(e.delivered.entry.Text)
	p.PostLeadDays, _ = strconv.Atoi(strings.TrimSpace(e.postDays.entry.Text))
	p.ReturnMarginDays, _ = strconv.Atoi(strings.TrimSpace(e.returnDays.entry.Text))
	p.SenderName = strings.TrimSpace(e.signer.entry.Text)
	p.SenderRole = strings.TrimSpace(e.role.entry.Text)
	p.RowsPerSheet, _ = strconv.Atoi(strings.TrimSpace(e.rows.entry.Text))
	p.RowsFirstPage, _ = strconv.Atoi(strings.TrimSpace(e.rowsFirst.entry.Text))
	p.Goal, _ = strconv.Atoi(strings.TrimSpace(e.goal.entry.Text))
	p.RetentionDays, _ = strconv.Atoi(strings.TrimSpace(e.retention.entry.Text))
	p.SenderAddress = lines(e.sender.entry.Text)
	p.Letter = strings.TrimSpace(e.letter.entry.Text)
	p.Demands = lines(e.demands.entry.Text)
	p.PrivacyNotice = strings.TrimSpace(e.privacy.entry.Text)
	for i, s := range statusNames() {
		if s == e.status.Selected {
			p.Status = petition.Statuses[i]
		}
	}
	p.Languages = append([]string(nil), e.languages.Selected...)
	p.RecipientSees = selectedAddressMode(e.recipientSees)
	p.Targets = nil
	for _, te := range e.targets {
		p.Targets = append(p.Targets, te.collect())
	}
	return &p
}

func (e *editor) onSave() {
	var bad error
	for _, f := range []*field{e.reference, e.title, e.org, e.deadline, e.delivered, e.postDays, e.returnDays, e.signer, e.role, e.rows, e.rowsFirst, e.goal, e.retention, e.sender, e.letter, e.demands, e.privacy} {
		if err := f.check(); err != nil && bad == nil {
			bad = err
		}
	}
	for _, te := range e.targets {
		if err := te.check(); err != nil && bad == nil {
			bad = err
		}
	}
	p := e.collect()
	if bad == nil {
		bad = p.Validate()
	}
	if bad != nil {
		e.st.fail(bad)
		return
	}
	st := e.st
	inBackground(st, func() (*petition.Petition, error) {
		if p.ID == "" {
			return p, st.store.CreatePetition(p)
		}
		return p, st.store.UpdatePetition(p)
	}, func(p *petition.Petition) {
		e.done()
		st.setPetition(p)
	})
}

// lines splits text into trimmed, non-empty lines.
func lines(text string) []string { return petition.SplitList(text, "\n") }

// eachLine applies a one-line validator to every line of a text.
func eachLine(v func(string) error) func(string) error {
	return func(text string) error {
		for i, l := range lines(text) {
			if err := v(l); err != nil {
				return fmt.Errorf("%s %s", T("Line %d:", i+1), T(err.Error()))
			}
		}
		return nil
	}
}
