package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// The Signer rights screen answers a signer who asks what the group holds
// about them, or wants it erased: search one name across all petitions
// (accents, case and the Latin or Cyrillic alphabet do not matter), tick
// that person's rows, then export them to a file or erase them.

func init() {
	addScreen(screen{order: 72, key: "signers", title: "Signer rights", icon: theme.IconNameAccount,
		build: func(st *appState) fyne.CanvasObject { return newSignersScreen(st).content }})
}

// maxMatches bounds one search's list: a name common enough to pass it
// needs more of the name typed.
const maxMatches = 500

// signersScreen is the search, its results and the two actions.
type signersScreen struct {
	st            *appState
	content       fyne.CanvasObject
	query         *widget.Entry
	list          *widget.List
	status        *widget.Label
	export, erase *widget.Button
	matches       []store.PersonMatch
	ticked        map[string]bool // by signature id
}

func (v *signersScreen) screenContent() fyne.CanvasObject { return v.content }

func newSignersScreen(st *appState) *signersScreen {
	v := &signersScreen{st: st, query: widget.NewEntry(), status: widget.NewLabel(""), ticked: map[string]bool{}}
	st.shown = v
	v.query.SetPlaceHolder(T("The name, or part of it, in any alphabet"))
	v.query.OnSubmitted = func(string) { v.search() }
	find := widget.NewButtonWithIcon(T("Search"), theme.SearchIcon(), v.search)
	find.Importance = widget.HighImportance
	v.list = widget.NewList(func() int { return len(v.matches) }, v.newRow, v.fillRow)
	all := widget.NewButton(T("Tick all"), func() { v.tickAll(true) })
	none := widget.NewButton(T("Tick none"), func() { v.tickAll(false) })
	v.export = widget.NewButtonWithIcon(T("Export their data…"), theme.DocumentSaveIcon(), v.onExport)
	v.erase = widget.NewButtonWithIcon(T("Erase…"), theme.DeleteIcon(), v.onErase)
	v.erase.Importance = widget.DangerImportance
	intro := widget.NewLabel(T("Search one person by name across all petitions. Tick the rows that are theirs (check the address), then export their data for them or erase it. Each search is noted in the audit log, without the name."))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(
		container.NewPadded(widget.NewLabelWithStyle(T("Signer rights"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		intro, container.NewBorder(nil, nil, nil, find, v.query), v.status)
	bottom := container.NewPadded(container.NewHBox(all, none, widget.NewSeparator(), v.export, v.erase))
	v.content = container.NewBorder(top, bottom, nil, nil, v.list)
	v.update()
	return v
}

func (v *signersScreen) newRow() fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, widget.NewLabel("Maryia Kalesnikava, Marktgasse 3, 3011 Bern — UA 147/20 sheet 12 row 30"))
}

func (v *signersScreen) fillRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.matches) {
		return
	}
	m := v.matches[id]
	row := o.(*fyne.Container)
	check := row.Objects[1].(*widget.Check)
	check.OnChanged = nil
	check.SetChecked(v.ticked[m.SignatureID])
	check.OnChanged = func(on bool) { v.ticked[m.SignatureID] = on; v.update() }
	row.Objects[0].(*widget.Label).SetText(matchWords(m))
}

// matchWords is one found row as a line: who, where, and which row.
func matchWords(m store.PersonMatch) string {
	parts := []string{m.Name}
	if a := strings.TrimSpace(m.Address.Street); a != "" {
		parts = append(parts, a)
	}
	if pc := strings.TrimSpace(m.Address.Postcode + " " + m.Address.City); pc != "" {
		parts = append(parts, pc)
	}
	s := strings.Join(parts, ", ") + " — " + T("%s, sheet %d row %d, signed %s", m.Reference, m.Sheet, m.Row, fmtDate(petition.DateOf(m.Signed.Local())))
	if m.Struck != "" {
		s += " (" + T("struck: %s", T(m.Struck)) + ")"
	}
	return s
}

// search runs one search (Enter or the button, never per keystroke, so
// the audit log notes one search and not every letter typed).
func (v *signersScreen) search() {
	q, err := store.ParseNameQuery(v.query.Text)
	if err != nil {
		v.status.SetText(T("Type at least two letters of the name to search for."))
		return
	}
	st := v.st
	inBackground(st, func() ([]store.PersonMatch, error) {
		list, err := st.store.FindPersonList(q, maxMatches)
		if err == nil {
			err = st.store.Audit(store.ActionFind, map[string]any{"count": len(list)})
		}
		return list, err
	}, v.show)
}

func (v *signersScreen) show(list []store.PersonMatch) {
	v.matches, v.ticked = list, map[string]bool{}
	switch {
	case len(list) == 0:
		v.status.SetText(T("No signature with this name."))
	case len(list) == 1:
		v.status.SetText(T("1 signature found. Is it the person who asked? Tick it."))
	case len(list) >= maxMatches:
		v.status.SetText(T("More than %d signatures: type more of the name.", maxMatches-1))
	default:
		v.status.SetText(T("%d signatures found. Tick the ones of the person who asked.", len(list)))
	}
	v.list.Refresh()
	v.update()
}

func (v *signersScreen) tickAll(on bool) {
	for _, m := range v.matches {
		v.ticked[m.SignatureID] = on
	}
	v.list.Refresh()
	v.update()
}

// ids returns the ticked signatures, in the order listed.
func (v *signersScreen) ids() []string {
	var out []string
	for _, m := range v.matches {
		if v.ticked[m.SignatureID] {
			out = append(out, m.SignatureID)
		}
	}
	return out
}

func (v *signersScreen) update() {
	n := len(v.ids())
	v.export.SetText(T("Export their data…"))
	v.erase.SetText(T("Erase…"))
	if n > 0 {
		v.export.SetText(T("Export their data (%d)…", n))
		v.erase.SetText(T("Erase (%d)…", n))
		v.export.Enable()
		v.erase.Enable()
		return
	}
	v.export.Disable()
	v.erase.Disable()
}

// onExport writes the ticked rows to a file for the person (right of access).
func (v *signersScreen) onExport() {
	ids := v.ids()
	if len(ids) == 0 {
		return
	}
	st := v.st
	confirmPersonalExport(st.win, T("one signer's data (%d signatures)", len(ids)), func() {
		st.dialogs.chooseSaveFile(st.win, personalFileName(st, "signer", true, "json"), func(w io.WriteCloser) {
			st.background(func() {
				err := desk.WritePerson(context.Background(), st.store, w, ids)
				fyne.Do(func() {
					if err != nil {
						st.fail(err)
						return
					}
					dialog.ShowInformation(T("Written"), T("The file holds %d signatures of this person. Give it to them, then delete your copy.", len(ids)), st.win)
				})
			})
		})
	})
}

// onErase erases the ticked rows after one plain question.
func (v *signersScreen) onErase() {
	ids := v.ids()
	if len(ids) == 0 {
		return
	}
	st := v.st
	text := T("Erase the personal data of %d signatures? Name, address, email and drawn signature are erased for good, and each row is struck as withdrawn and no longer counts. This cannot be undone.", len(ids))
	d := dialog.NewConfirm(T("Erase this person's data"), text, func(yes bool) {
		if !yes {
			return
		}
		var reps []store.ErasureReport
		busy(st, T("Erasing and wiping the data from the database files… This takes a few seconds."), func() error {
			var err error
			reps, err = st.store.EraseSignatures(ids)
			return err
		}, func(err error) { v.erased(reps, err) })
	}, st.win)
	d.SetConfirmText(T("Erase"))
	d.SetDismissText(T("Cancel"))
	d.Show()
}

// erased reports an erasure and empties the search: the name typed and
// the rows found must not stay on the screen.
func (v *signersScreen) erased(reps []store.ErasureReport, err error) {
	v.query.SetText("")
	v.matches, v.ticked = nil, map[string]bool{}
	v.list.Refresh()
	v.update()
	if err != nil {
		v.status.SetText("")
		v.st.fail(err)
		return
	}
	refs := map[string]bool{}
	var lines []string
	for _, r := range reps {
		if !refs[r.Reference] {
			refs[r.Reference] = true
			lines = append(lines, fmt.Sprintf("• %s", erasureWords(r)))
		}
	}
	msg := T("Erased %d signatures.", len(reps))
	v.status.SetText(msg)
	dialog.ShowInformation(T("Personal data erased"), msg+"\n"+strings.Join(lines, "\n"), v.st.win)
}
