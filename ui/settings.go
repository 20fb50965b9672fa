package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func init() {
	addScreen(screen{order: 90, key: "settings", title: "Settings", icon: theme.IconNameSettings,
		build: func(st *appState) fyne.CanvasObject { return newSettingsScreen(st).content }})
}

// settingsScreen chooses the language and tells where the data lives.
type settingsScreen struct {
	st       *appState
	content  fyne.CanvasObject
	language *widget.Select
	idle     *widget.Select // how long a filled-in signing form waits for input

	changePass, recovery *widget.Button // only for an encrypted database (passphrase_change.go)
	example              *widget.Button // "Create the example petition", also on a database in use
}

func (s *settingsScreen) screenContent() fyne.CanvasObject { return s.content }

func newSettingsScreen(st *appState) *settingsScreen {
	s := &settingsScreen{st: st}
	st.shown = s
	names := []string{T("As the system")}
	for _, l := range uiLanguages {
		names = append(names, l.name)
	}
	s.language = widget.NewSelect(names, nil)
	s.language.SetSelectedIndex(0)
	for i, l := range uiLanguages {
		if st.app.Preferences().String(prefLanguage) == l.code {
			s.language.SetSelectedIndex(i + 1)
		}
	}
	s.language.OnChanged = func(string) { s.onLanguage() }
	dir := st.store.Dir()
	if dir == "" {
		dir = T("(in memory)")
	}
	enc := T("not encrypted: anyone with this laptop can read the signers' data. To encrypt it, back it up and restore the backup into a new data folder with a passphrase.")
	if st.store.Encrypted() {
		enc = T("encrypted with a passphrase")
	}
	dirLabel := widget.NewLabel(dir)
	dirLabel.Wrapping = fyne.TextWrapBreak
	encLabel := widget.NewLabel(enc)
	encLabel.Wrapping = fyne.TextWrapWord
	s.idle = newIdleSelect(st)
	box := container.NewVBox(
		labelled(T("Language"), s.language),
		labelled(T("Signing form: clear after no input for"), s.idle),
		labelled(T("Data directory"), dirLabel),
		labelled(T("Database"), encLabel),
	)
	s.example = widget.NewButtonWithIcon(T("Create the example petition"), theme.DocumentCreateIcon(), func() { createExample(st) })
	box.Add(labelled(T("Example"), container.NewHBox(s.example)))
	if st.store.Encrypted() && st.store.Dir() != "" {
		s.changePass = widget.NewButton(T("Change the passphrase…"), func() { askChangePassphrase(st) })
		s.recovery = widget.NewButton(T("Save a new recovery key…"), func() { saveRecoveryKey(st) })
		box.Add(container.NewHBox(s.changePass, s.recovery))
	}
	s.content = container.NewPadded(container.NewVScroll(container.NewGridWrap(fyne.NewSize(620, box.MinSize().Height+40), box)))
	return s
}

// onLanguage switches the language and rebuilds the window around it.
func (s *settingsScreen) onLanguage() {
	code := ""
	if i := s.language.SelectedIndex(); i > 0 {
		code = uiLanguages[i-1].code
	}
	s.st.app.Preferences().SetString(prefLanguage, code)
	setLanguage(code)
	if s.st.rebuild != nil {
		s.st.rebuild()
	}
}

// newIdleSelect chooses how long a filled-in signing form waits without
// input before it asks "Still there?" (see kiosk_idle.go): 30 to 300 s.
func newIdleSelect(st *appState) *widget.Select {
	idleChoices := []int{30, 45, 60, 90, 120, 180, 240, 300}
	var names []string
	for _, n := range idleChoices {
		names = append(names, T("%d seconds", n))
	}
	sel := widget.NewSelect(names, nil)
	now := int(idleSetting(st) / time.Second)
	for i, n := range idleChoices {
		if n <= now {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		st.app.Preferences().SetInt(prefIdleSeconds, idleChoices[sel.SelectedIndex()])
	}
	return sel
}
