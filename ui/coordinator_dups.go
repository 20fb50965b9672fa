package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// dupLimit is how many people the list of possible duplicates shows at
// once; it reads only their rows, never the whole petition.
const dupLimit = 300

// duplicatesView lists the rows that share a person's name and postcode
// across groups. It shows names and addresses, so it is built only when
// the coordinator asks for it and dropped on "Back".
type duplicatesView struct {
	people [][]petition.Signature
	lines  []dupLine
	list   *widget.List
}

// dupLine is one line of the list: a person's heading or one of the rows.
type dupLine struct {
	text    string
	heading bool
}

func (c *coordinatorScreen) onShowDuplicates() {
	st, p := c.st, c.p
	if p == nil {
		return
	}
	inBackground(st, func() ([][]petition.Signature, error) {
		people, err := st.store.DuplicateGroups(p.ID, dupLimit)
		if err == nil {
			// The list shows names and addresses: who looked, and when,
			// belongs in the audit log like a search for a name.
			err = st.store.Audit(store.ActionDuplicates, map[string]any{"petition": p.ID, "count": len(people)})
		}
		return people, err
	}, c.showDuplicates)
}

func (c *coordinatorScreen) showDuplicates(people [][]petition.Signature) {
	v := &duplicatesView{people: people}
	names := map[string]string{}
	own := ""
	for _, g := range c.data.groups {
		names[g.ID] = groupLabel(g.Name, g.ID)
		if g.Own {
			own = names[g.ID]
		}
	}
	if own == "" {
		own = T("this database")
	}
	for i, rows := range people {
		v.lines = append(v.lines, dupLine{text: T("Person %d: %d rows", i+1, len(rows)), heading: true})
		for _, sig := range rows {
			v.lines = append(v.lines, dupLine{text: dupRowWords(&sig, names, own)})
		}
	}
	v.list = widget.NewList(func() int { return len(v.lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = v.lines[id].heading
			l.SetText(v.lines[id].text)
		})
	back := widget.NewButtonWithIcon(T("Back"), theme.NavigateBackIcon(), c.showOverview)
	about := T("Rows that share a name and postcode, from every group. They all count until someone strikes one out on the Sheets screen.")
	if len(people) == dupLimit {
		about += " " + T("Only the first %d people are listed.", dupLimit)
	}
	top := container.NewVBox(container.NewHBox(back), wrapLabel(about))
	c.dups = v
	c.content.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(top), nil, nil, nil, v.list)}
	c.content.Refresh()
}

// dupRowWords describes one row: who, where from, and where it is filed.
func dupRowWords(sig *petition.Signature, groups map[string]string, own string) string {
	who := sig.Name
	if sig.ErasedPerson {
		who = T("(personal data erased)")
	}
	group := own
	if g, ok := groups[sig.Group]; ok && sig.Group != "" {
		group = g
	}
	text := T("%s, %s %s — %s, sheet %d, row %d", who, sig.Address.Postcode, sig.Address.City, group, sig.Sheet, sig.Row)
	if sig.IsStruck() {
		text += " — " + T("struck out")
	}
	return text
}
