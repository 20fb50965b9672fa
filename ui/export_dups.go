package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/store"
)

// maxDupLines is how many possible duplicates the dialog lists by name.
const maxDupLines = 40

// dupReview is the open "possible duplicates" question before a pack.
type dupReview struct {
	dialog       *dialog.CustomDialog
	strike, keep *widget.Button
}

// reviewDuplicates runs before a pack is written: possible duplicates
// nobody has reviewed would be counted twice in the number the letter
// gives, so they are listed with "Strike the later one" and "Keep both";
// then (or at once, when there are none) next runs.
func (v *exportScreen) reviewDuplicates(next func()) {
	st, pid := v.st, v.p.ID
	st.background(func() {
		pairs, err := st.store.UnreviewedDuplicates(pid)
		if err == nil && len(pairs) > 0 {
			err = st.store.Audit(store.ActionDuplicates, map[string]any{"petition": pid, "count": len(pairs)})
		}
		fyne.Do(func() {
			switch {
			case err != nil:
				st.fail(err)
			case len(pairs) == 0:
				next()
			default:
				v.dups = v.askDuplicates(pairs, next)
			}
		})
	})
}

func (v *exportScreen) askDuplicates(pairs []store.DuplicatePair, next func()) *dupReview {
	st, pid := v.st, v.p.ID
	r := &dupReview{}
	decide := func(apply func() error) {
		r.dialog.Hide()
		st.background(func() {
			err := apply()
			fyne.Do(func() {
				if err != nil {
					st.fail(err)
					return
				}
				next()
			})
		})
	}
	r.strike = widget.NewButton(T("Strike the later one"), func() { decide(func() error { return st.store.StrikeDuplicates(pairs) }) })
	r.strike.Importance = widget.HighImportance
	r.keep = widget.NewButton(T("Keep both"), func() { decide(func() error { return st.store.KeepDuplicates(pid, pairs) }) })
	cancel := widget.NewButton(T("Cancel"), func() { r.dialog.Hide() })
	intro := widget.NewLabel(T("%d possible duplicates (same name and postcode) would be counted twice in the number the letter gives. Strike the later signature of each, or keep both?", len(pairs)))
	intro.Wrapping = fyne.TextWrapWord
	list := container.NewVBox()
	for i, pr := range pairs {
		if i == maxDupLines {
			list.Add(widget.NewLabel(T("and %d more", len(pairs)-maxDupLines)))
			break
		}
		list.Add(widget.NewLabel(T("%s (sheet %d, row %d) and %s (sheet %d, row %d), postcode %s",
			pr.Earlier.Name, pr.Earlier.Sheet, pr.Earlier.Row, pr.Later.Name, pr.Later.Sheet, pr.Later.Row, pr.Later.Address.Postcode)))
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, 160))
	body := container.NewBorder(intro, container.NewHBox(r.strike, r.keep, cancel), nil, nil, scroll)
	r.dialog = dialog.NewCustomWithoutButtons(T("Possible duplicates"), body, st.win)
	r.dialog.Show()
	return r
}
