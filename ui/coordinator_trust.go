package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// Every bundle is signed with its group's key; the coordinator's database
// pins a group's key at its first bundle. The screen shows each key's
// fingerprint for the coordinator and the group to compare by phone, and
// lets the coordinator forget a group's key (a group that reinstalled its
// app) after a confirmation; the store audits it.

// ownKeyLine says this database's own key fingerprint, for a group to read
// out to its coordinator.
func (c *coordinatorScreen) ownKeyLine() fyne.CanvasObject {
	if c.data.own == nil || c.data.own.Fingerprint == "" {
		return wrapLabel(T("This group's key is made with its first bundle; its fingerprint is shown here then."))
	}
	return wrapLabel(T("This group's key fingerprint: %s. Read it to your coordinator by phone when you send your first bundle.", c.data.own.Fingerprint))
}

// fingerprintCell is a group's fingerprint, or a dash.
func fingerprintCell(g petition.GroupInfo) string {
	if g.Fingerprint == "" {
		return "—"
	}
	return g.Fingerprint
}

// forgetButton opens the dialog to forget a group's key, when there is one.
func (c *coordinatorScreen) forgetButton() fyne.CanvasObject {
	var pinned []petition.GroupInfo
	for _, g := range c.data.groups {
		if !g.Own && g.Fingerprint != "" {
			pinned = append(pinned, g)
		}
	}
	if len(pinned) == 0 {
		return container.NewHBox()
	}
	c.forgetBtn = widget.NewButtonWithIcon(T("Forget a group's key…"), theme.DeleteIcon(), func() { c.askForget(pinned) })
	return container.NewHBox(c.forgetBtn)
}

// askForget asks which group's key to forget, and makes sure.
func (c *coordinatorScreen) askForget(pinned []petition.GroupInfo) {
	labels := make([]string, len(pinned))
	for i, g := range pinned {
		labels[i] = groupLabel(g.Name, g.ID) + " — " + g.Fingerprint
	}
	pick := widget.NewSelect(labels, nil)
	pick.SetSelectedIndex(0)
	text := wrapLabel(T("Only if the group installed its app again: its next bundle comes with a new key. Forget the old key, import the new bundle, and compare the fingerprint it shows with the group by phone before you trust it."))
	box := container.NewVBox(text, pick)
	c.forgetDialog = dialog.NewCustomConfirm(T("Forget a group's key"), T("Forget the key"), T("Cancel"),
		container.NewGridWrap(fyne.NewSize(460, box.MinSize().Height+40), box), func(yes bool) {
			if yes && pick.SelectedIndex() >= 0 {
				c.forget(pinned[pick.SelectedIndex()])
			}
		}, c.st.win)
	c.forgetDialog.Show()
}

// forget unpins a group's key in the background, then redraws.
func (c *coordinatorScreen) forget(g petition.GroupInfo) {
	st := c.st
	changeInBackground(st, func() error { return st.store.ForgetGroupKey(g.ID) }, c.load)
}

// trustProblem words the refusals of a bundle its group did not write.
func trustProblem(err error) (string, bool) {
	var foreign *bundle.ForeignKeyError
	switch {
	case errors.As(err, &foreign):
		return T("This bundle says it comes from %s but is signed with another key (%s; the key known here is %s), so nothing was imported. Someone else may have made it. If the group installed its app again, check the new fingerprint with the group by phone, then use Forget a group's key… and import it again.",
			groupLabel(foreign.Group.Name, foreign.Group.ID), foreign.Got, orDash(foreign.Pinned)), true
	case errors.Is(err, bundle.ErrOldVersion):
		return T("This bundle was made by an older Petition Desk that does not sign its bundles, so nothing was imported: the group must update its app and send a new bundle."), true
	case errors.Is(err, bundle.ErrBadSignature):
		return T("The bundle's signature does not match its content: it was changed after the group made it, so nothing was imported."), true
	case errors.Is(err, bundle.ErrOtherGroup):
		return T("The bundle holds records of another group, which only that group may send, so nothing was imported."), true
	case errors.Is(err, bundle.ErrFromFuture):
		return T("The bundle is dated more than a day ahead of this computer's clock, so nothing was imported: check the date on both computers."), true
	}
	return "", false
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// trustWords adds to an import's report the key it pinned and the rows
// that stayed erased.
func trustWords(rep *store.ImportReport) []string {
	var lines []string
	if rep.KeyPinned {
		lines = append(lines, T("First bundle from this group: its key is now pinned. Fingerprint: %s. Compare it with the group by phone.", rep.Fingerprint))
	}
	if rep.ErasedHere > 0 {
		lines = append(lines, T("Signers erased here before, who stay erased: %d.", rep.ErasedHere))
	}
	if rep.PagesErasedHere > 0 {
		lines = append(lines, T("Scanned pages erased here before, which stay erased: %d.", rep.PagesErasedHere))
	}
	return lines
}
