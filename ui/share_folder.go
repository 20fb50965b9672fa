package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// A group's window writes its bundle into a folder it shares with its
// coordinator once a day while it is open (desk.WriteSharedBundle: a
// stable name, written atomically). The setting lives in the database;
// the Coordinator screen sets it, the main window keeps the schedule.

// sharedCheckEvery is how often the open window asks whether the daily
// bundle is due: a laptop asleep at the due time writes it soon after.
const sharedCheckEvery = time.Hour

// scheduleSharedBundle checks now whether the daily bundle is due, and
// again every sharedCheckEvery while the window is open. A failure is
// told once a session: an unplugged drive must not nag every hour.
func (st *appState) scheduleSharedBundle() {
	st.background(func() {
		_, err := desk.WriteSharedBundle(context.Background(), st.store, st.app.Metadata().Version, false)
		if err != nil && !st.shareFailed.Swap(true) {
			fyne.Do(func() {
				dialog.ShowInformation(T("Shared folder"), T("This group's daily bundle could not be written to the shared folder: %s. Petition Desk tries again every hour while it is open.", err.Error()), st.win)
			})
		}
	})
	st.after(sharedCheckEvery, st.scheduleSharedBundle)
}

// shareLine is the setting on the Coordinator screen.
func (c *coordinatorScreen) shareLine() fyne.CanvasObject {
	sh := c.data.share
	c.shareBtn = widget.NewButtonWithIcon(T("Write bundle to a shared folder daily…"), theme.FolderIcon(), c.onShareFolder)
	if sh.Dir == "" {
		text := wrapLabel(T("This group's bundle can go into a folder you share with your coordinator (Nextcloud, Syncthing, a network drive) every day while Petition Desk is open, always under the same name."))
		return container.NewVBox(text, container.NewHBox(c.shareBtn))
	}
	c.shareBtn.SetText(T("Change…"))
	c.shareStop = widget.NewButtonWithIcon(T("Stop writing"), theme.CancelIcon(), func() { c.saveShare(store.SharedFolder{}) })
	var g bundle.Group
	if c.data.own != nil {
		g = bundle.Group{ID: c.data.own.ID, Name: c.data.own.Name}
	}
	text := wrapLabel(T("Every day while Petition Desk is open, this group's bundle goes into %s as %s (last written: %s).",
		sh.Dir, desk.SharedBundleName(g), fmtMoment(sh.Last)))
	if sh.To != "" {
		text.SetText(text.Text + " " + T("It is encrypted to the coordinator's key."))
	}
	return container.NewVBox(text, container.NewHBox(c.shareBtn, c.shareStop))
}

// onShareFolder asks for the folder and, optionally, the coordinator's
// public key to encrypt to, then writes the first bundle at once.
func (c *coordinatorScreen) onShareFolder() {
	st, old := c.st, c.data.share
	st.dialogs.chooseFolder(st.win, old.Dir, func(dir string) {
		key := widget.NewEntry()
		key.SetPlaceHolder("age1…")
		key.SetText(old.To)
		note := wrapLabel(T("Give the coordinator's public key (age1…) to encrypt the bundle to it: anyone who can open the shared folder then sees only an encrypted file. Leave it empty to write it unencrypted."))
		box := container.NewVBox(wrapLabel(filepath.Clean(dir)), note, key)
		c.shareDialog = dialog.NewCustomConfirm(T("Write bundle to a shared folder daily"), T("Save"), T("Cancel"),
			container.NewGridWrap(fyne.NewSize(480, box.MinSize().Height+60), box), func(ok bool) {
				if ok {
					c.saveShare(store.SharedFolder{Dir: dir, To: strings.TrimSpace(key.Text)})
				}
			}, st.win)
		c.shareKey = key
		c.shareDialog.Show()
	})
}

// saveShare stores the setting and, when on, writes the bundle now.
func (c *coordinatorScreen) saveShare(sh store.SharedFolder) {
	st := c.st
	if sh.To != "" && !strings.HasPrefix(sh.To, "age1") {
		dialog.ShowInformation(T("Please check"), T("A coordinator's public key starts with age1."), st.win)
		return
	}
	st.background(func() {
		err := st.store.SetSharedFolder(sh)
		path := ""
		if err == nil && sh.Dir != "" {
			path, err = desk.WriteSharedBundle(context.Background(), st.store, st.app.Metadata().Version, true)
		}
		fyne.Do(func() {
			if err != nil {
				st.fail(err)
			} else if path != "" {
				c.lastReport = T("This group's bundle was written to %s. It is written again every day while Petition Desk is open.", path)
				dialog.ShowInformation(T("Shared folder"), c.lastReport, st.win)
			}
			c.load()
		})
	})
}
