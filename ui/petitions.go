package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

func init() {
	addScreen(screen{order: 10, key: "petitions", title: "Petitions", icon: theme.IconNameList,
		build: func(st *appState) fyne.CanvasObject { return newPetitionsScreen(st).content }})
}

// petitionRow is one line of the list: the petition and its counts.
type petitionRow struct {
	p      petition.Petition
	totals petition.Totals
	info   petition.DeadlineInfo
}

// petitionsScreen lists the petitions with their deadline state and
// totals, and leads to the editor.
type petitionsScreen struct {
	st           *appState
	content      *fyne.Container
	list         *widget.List
	rows         []petitionRow
	showArchived *widget.Check
	newButton    *widget.Button
	exampleBtn   *widget.Button
	editButton   *widget.Button
	archiveBtn   *widget.Button
	openFileBtn  *widget.Button        // petitions_file.go
	lastCampaign string                // what the last campaign file did or why it was refused (tests)
	repin        *dialog.ConfirmDialog // "trust the new key?", for a campaign file of another key
	saveFileBtn  *widget.Button
	all          []petitionRow // before the archived filter
}

func (s *petitionsScreen) screenContent() fyne.CanvasObject { return s.content }

func newPetitionsScreen(st *appState) *petitionsScreen {
	s := &petitionsScreen{st: st, content: container.NewStack()}
	st.shown = s
	s.list = widget.NewList(func() int { return len(s.rows) }, newPetitionItem, s.updateItem)
	s.list.OnSelected = s.onSelect
	s.showArchived = widget.NewCheck(T("Show archived"), func(bool) { s.filter() })
	s.newButton = widget.NewButtonWithIcon(T("New petition"), theme.ContentAddIcon(), s.onNew)
	s.exampleBtn = widget.NewButtonWithIcon(T("Create the example petition"), theme.DocumentCreateIcon(), func() { createExample(st) })
	s.editButton = widget.NewButtonWithIcon(T("Edit"), theme.DocumentCreateIcon(), s.onEdit)
	s.archiveBtn = widget.NewButtonWithIcon(T("Archive"), theme.FolderIcon(), s.onArchive)
	s.fileButtons()
	s.content.Objects = []fyne.CanvasObject{widget.NewLabel(T("Loading…"))}
	s.load()
	return s
}

// load reads petitions and their totals in the background.
func (s *petitionsScreen) load() {
	st := s.st
	inBackground(st, func() ([]petitionRow, error) {
		list, err := st.store.Petitions()
		rows := make([]petitionRow, 0, len(list))
		for _, p := range list {
			if err != nil {
				break
			}
			var t petition.Totals
			t, err = st.store.Totals(p.ID)
			rows = append(rows, petitionRow{p: p, totals: t, info: p.DeadlineAt(st.now())})
		}
		return rows, err
	}, func(rows []petitionRow) {
		s.all = rows
		s.layout()
	})
}

func (s *petitionsScreen) layout() {
	if len(s.all) == 0 {
		s.content.Objects = []fyne.CanvasObject{s.welcome()}
		s.content.Refresh()
		return
	}
	// The example is offered on an empty database (welcome) and in Settings.
	// The buttons scroll sideways rather than hold the window wider than
	// a small screen, and "Show archived" sits under the list it filters:
	// in French the toolbar was wider than the window.
	bar := container.NewHScroll(container.NewHBox(s.newButton, s.editButton, s.archiveBtn, s.openFileBtn, s.saveFileBtn))
	s.content.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(bar), container.NewPadded(s.showArchived), nil, nil, s.list)}
	s.filter()
	s.content.Refresh()
}

// welcome is the first start: an empty database offers the example.
func (s *petitionsScreen) welcome() fyne.CanvasObject {
	head := widget.NewLabelWithStyle(T("Welcome to Petition Desk"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(T("There is no petition yet. Start from the example petition to see how everything works, or set up your own."))
	text.Wrapping, text.Alignment = fyne.TextWrapWord, fyne.TextAlignCenter
	s.exampleBtn.Importance = widget.HighImportance
	box := container.NewVBox(head, text, container.NewCenter(container.NewHBox(s.exampleBtn, s.newButton, s.openFileBtn)))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height+20), box))
}

func (s *petitionsScreen) filter() {
	s.rows = s.rows[:0]
	for _, r := range s.all {
		if s.showArchived.Checked || !r.p.Archived {
			s.rows = append(s.rows, r)
		}
	}
	s.list.UnselectAll()
	s.list.Refresh()
	if cur := s.st.petition(); cur != nil {
		for i, r := range s.rows {
			if r.p.ID == cur.ID {
				s.list.Select(i)
			}
		}
	}
	s.syncButtons()
}

func (s *petitionsScreen) syncButtons() {
	cur := s.st.petition()
	if cur == nil {
		s.editButton.Disable()
		s.archiveBtn.Disable()
		return
	}
	s.editButton.Enable()
	s.archiveBtn.Enable()
	if cur.Archived {
		s.archiveBtn.SetText(T("Unarchive"))
	} else {
		s.archiveBtn.SetText(T("Archive"))
	}
}

func (s *petitionsScreen) onSelect(id widget.ListItemID) {
	if id < 0 || id >= len(s.rows) {
		return
	}
	p := s.rows[id].p
	if cur := s.st.petition(); cur != nil && cur.ID == p.ID {
		s.syncButtons()
		return
	}
	s.st.setPetition(&p)
}

func (s *petitionsScreen) onNew() {
	s.openEditor(petition.New())
}

func (s *petitionsScreen) onEdit() {
	if cur := s.st.petition(); cur != nil {
		p := *cur
		s.openEditor(&p)
	}
}

func (s *petitionsScreen) openEditor(p *petition.Petition) {
	ed := newEditor(s.st, p, func() { s.layout() })
	s.content.Objects = []fyne.CanvasObject{ed.content}
	s.content.Refresh()
}

// createExample stores the built-in example petition (without
// signatures) and chooses it: from the welcome and from Settings.
func createExample(st *appState) {
	inBackground(st, func() (*petition.Petition, error) {
		p := petition.Example(st.now())
		return p, st.store.CreatePetition(p)
	}, st.setPetition)
}

func (s *petitionsScreen) onArchive() {
	cur := s.st.petition()
	if cur == nil {
		return
	}
	p := *cur
	p.Archived = !p.Archived
	st := s.st
	inBackground(st, func() (*petition.Petition, error) { return &p, st.store.UpdatePetition(&p) }, st.setPetition)
}

func (s *petitionsScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id < len(s.rows) {
		o.(*petitionItem).show(s.rows[id])
	}
}

// goalWords writes "123 of 500" (or just the count without a goal).
func goalWords(valid, goal int) string {
	if goal <= 0 {
		return T("%d valid", valid)
	}
	return T("%d of %d", valid, goal)
}

// stateColor is the badge colour of a deadline state; the words are
// always shown too, so colour is never the only signal.
func stateColor(s petition.DeadlineState) color.Color {
	switch s {
	case petition.OnTrack:
		return color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	case petition.DueSoon:
		return color.NRGBA{R: 0xc7, G: 0x6a, B: 0x00, A: 0xff}
	case petition.Overdue:
		return color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	}
	return color.NRGBA{R: 0x54, G: 0x6e, B: 0x7a, A: 0xff}
}
