package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// mainWindow is the frame around the screens: the navigation on the
// left, the petition chooser on top, the open screen in the middle.
type mainWindow struct {
	st        *appState
	nav       *widget.List
	picker    *widget.Select
	body      *fyne.Container
	root      fyne.CanvasObject
	active    int
	shown     fyne.CanvasObject // the open screen's content
	petitions []petition.Petition
	notices   *noticeBar // what the retention timer erased, under the screens
}

func newMainWindow(st *appState) *mainWindow {
	m := &mainWindow{st: st, body: container.NewStack()}
	m.nav = widget.NewList(func() int { return len(screens) },
		func() fyne.CanvasObject {
			// As wide as the longest title in this language, so that the
			// split gives the list room for "Rechte der Unterzeichnenden".
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(longestTitle()))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(theme.Icon(screens[id].icon))
			row.Objects[1].(*widget.Label).SetText(T(screens[id].title))
			st.mark("nav."+screens[id].key, row)
		})
	m.nav.OnSelected = func(id widget.ListItemID) { m.show(id) }
	m.picker = widget.NewSelect(nil, m.onPick)
	m.picker.PlaceHolder = T("(no petition yet)")
	title := canvas.NewText("Petition Desk", theme.Color(theme.ColorNameForeground))
	title.TextStyle.Bold, title.TextSize = true, theme.TextSubHeadingSize()
	top := container.NewBorder(nil, nil, title, nil,
		container.NewHBox(widget.NewLabel(T("Petition:")), container.NewGridWrap(fyne.NewSize(420, m.picker.MinSize().Height), m.picker)))
	split := container.NewHSplit(m.nav, m.body)
	split.Offset = 0.16
	m.notices = newNoticeBar()
	st.notify = m.notices.add
	m.root = container.NewBorder(container.NewVBox(container.NewPadded(top), widget.NewSeparator()), m.notices.box, nil, nil, split)
	st.onPetitionChange = m.reload
	return m
}

// longestTitle is the widest screen title in the window's language.
func longestTitle() string {
	var long string
	var width float32
	for _, s := range screens {
		t := T(s.title)
		if w := fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{}).Width; w > width {
			long, width = t, w
		}
	}
	return long
}

// start loads the petitions, picks the one used last and opens the first screen.
func (m *mainWindow) start() {
	m.st.loadPetitions(func(list []petition.Petition) {
		m.setPetitions(list)
		p := pickStartPetition(list, m.st.app.Preferences().String(prefLastPetition))
		m.st.mu.Lock()
		m.st.current = p
		m.st.mu.Unlock()
		m.syncPicker()
		m.nav.Select(0) // opens the screen through OnSelected
		m.st.scheduleSharedBundle()
	})
}

// show opens screen i.
func (m *mainWindow) show(i int) {
	if i < 0 || i >= len(screens) {
		return
	}
	m.active = i
	m.st.clearMarks()
	m.shown = screens[i].build(m.st)
	m.body.Objects = []fyne.CanvasObject{m.shown}
	m.body.Refresh()
	m.st.layoutChanged()
}

// reloadAt reloads the petitions and opens screen i (after a rebuild).
func (m *mainWindow) reloadAt(i int) {
	m.st.loadPetitions(func(list []petition.Petition) {
		m.setPetitions(list)
		m.syncPicker()
		m.nav.Select(i)
	})
}

// showKey opens the screen registered under key.
func (m *mainWindow) showKey(key string) { m.nav.Select(screenIndex(key)) }

// reload re-reads the petitions (one was created, edited or chosen) and
// redraws the open screen.
func (m *mainWindow) reload() {
	m.st.loadPetitions(func(list []petition.Petition) {
		m.setPetitions(list)
		if cur := m.st.petition(); cur != nil {
			for i := range list {
				if list[i].ID == cur.ID {
					m.st.mu.Lock()
					m.st.current = &list[i]
					m.st.mu.Unlock()
				}
			}
		}
		m.syncPicker()
		m.show(m.active)
	})
}

func (m *mainWindow) setPetitions(list []petition.Petition) {
	m.petitions = list
	opts := make([]string, 0, len(list))
	for _, p := range list {
		opts = append(opts, pickerLabel(&p))
	}
	m.picker.SetOptions(opts)
}

func (m *mainWindow) syncPicker() {
	cb := m.picker.OnChanged
	m.picker.OnChanged = nil
	if p := m.st.petition(); p != nil {
		m.picker.SetSelected(pickerLabel(p))
	} else {
		m.picker.ClearSelected()
	}
	m.picker.OnChanged = cb
}

func (m *mainWindow) onPick(label string) {
	for i := range m.petitions {
		if pickerLabel(&m.petitions[i]) == label {
			p := m.petitions[i]
			m.st.setPetition(&p)
			return
		}
	}
}

func pickerLabel(p *petition.Petition) string {
	if p.Archived {
		return p.Reference + " — " + p.Title + " (" + T("archived") + ")"
	}
	return p.Reference + " — " + p.Title
}
