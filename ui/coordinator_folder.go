package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// The coordinator's side of shared folders and campaigns: "Collect
// bundles from folder…" imports every bundle in a folder the groups
// share with the office (desk.Folder, as `import folder`), and "Send
// campaign to groups…" saves the current petition as a signed campaign
// file (desk.ExportCampaign, as `petition export`).

// chooseFolder asks for a folder (dialogs.go): the same dialog as for a
// folder of scans.
func (d fyneDialogs) chooseFolder(win fyne.Window, from string, done func(path string)) {
	d.chooseScanFolder(win, from, done)
}

// folderButtons makes the buttons of this file.
func (c *coordinatorScreen) folderButtons() {
	c.collectBtn = widget.NewButtonWithIcon(T("Collect bundles from folder…"), theme.FolderOpenIcon(), c.onCollect)
	c.sendBtn = widget.NewButtonWithIcon(T("Send campaign to groups…"), theme.MailSendIcon(), c.onSendCampaign)
}

// onSendCampaign saves the current petition as a signed campaign file and
// says the fingerprint to read out to the groups.
func (c *coordinatorScreen) onSendCampaign() {
	st, cur := c.st, c.st.petition()
	if cur == nil {
		dialog.ShowInformation(T("Please check"), T("Choose a petition (at the top) to send to the groups."), st.win)
		return
	}
	p := *cur
	st.dialogs.chooseExportPath(st.win, p.Reference+" campaign.json", func(path string) {
		st.background(func() {
			fp, err := desk.ExportCampaign(context.Background(), st.store, path, &p)
			fyne.Do(func() {
				if err != nil {
					st.fail(err)
					return
				}
				c.lastReport = T("Campaign file saved. It is signed with this database's key, fingerprint %s. Send it to the groups (by email or in the shared folder) and read them the fingerprint by phone: they see it when they open the file. Send the file again after a change: it updates their petition and leaves their signatures as they are.", fp)
				dialog.ShowInformation(T("Send campaign to groups"), c.lastReport, st.win)
			})
		})
	})
}

// folderRun is a folder collection under way: its dialog.
type folderRun struct {
	dialog dialog.Dialog
	label  *widget.Label
	lines  *widget.Label // one line per file
	bar    *widget.ProgressBar
	button *widget.Button // Cancel, then Close
	stop   context.CancelFunc
}

// onCollect asks for the shared folder and collects it.
func (c *coordinatorScreen) onCollect() {
	st := c.st
	st.dialogs.chooseFolder(st.win, st.app.Preferences().String(prefCollectFolder), func(dir string) {
		st.app.Preferences().SetString(prefCollectFolder, dir)
		c.collect(dir)
	})
}

// prefCollectFolder is the folder collected last, offered first.
const prefCollectFolder = "coordinator.collectFolder"

// collect imports every new bundle in dir in the background, with a
// progress bar, a line per file and Cancel (the bundle being imported is
// rolled back; those before it stay).
func (c *coordinatorScreen) collect(dir string) {
	st := c.st
	ctx, stop := context.WithCancel(context.Background())
	run := c.folderDialog(stop)
	f := &desk.Folder{Dir: dir, Keys: c.savedKeys()}
	var shown atomic.Int64
	shown.Store(-1)
	f.Progress = func(done, total int) {
		per := int64(done) * 1000 / int64(max(total, 1))
		if shown.Swap(per) != per {
			fyne.Do(func() { run.bar.SetValue(float64(per) / 1000) })
		}
	}
	var lines []string
	f.Report = func(r desk.FolderFile) {
		line := folderWords(r)
		fyne.Do(func() {
			lines = append(lines, line)
			run.lines.SetText(strings.Join(lines, "\n"))
		})
	}
	st.background(func() {
		defer stop()
		sum, err := f.Run(ctx, st.store)
		fyne.Do(func() {
			c.folderDone(run, sum, err, lines)
			c.afterImport()
		})
	})
}

// savedKeys are the keys for encrypted bundles: the key file used last.
func (c *coordinatorScreen) savedKeys() bundle.Keys {
	var keys bundle.Keys
	if path := c.st.app.Preferences().String(prefCoordinatorKey); path != "" {
		keys.Identities, _ = bundle.ReadKeyFile(path) // none: encrypted bundles are refused, each saying so
	}
	return keys
}

// folderDialog shows the collection's dialog.
func (c *coordinatorScreen) folderDialog(stop context.CancelFunc) *folderRun {
	run := &folderRun{label: widget.NewLabel(T("Reading the folder: each bundle not imported before is checked, then merged…")),
		lines: widget.NewLabel(""), bar: widget.NewProgressBar(), stop: stop}
	run.label.Wrapping, run.lines.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	run.button = widget.NewButton(T("Cancel"), func() {
		run.stop()
		run.button.Disable()
		run.label.SetText(T("Cancelling: the bundle being imported is left out…"))
	})
	scroll := container.NewVScroll(run.lines)
	scroll.SetMinSize(fyne.NewSize(480, 160))
	box := container.NewBorder(container.NewVBox(run.label, run.bar), container.NewCenter(run.button), nil, nil, scroll)
	run.dialog = dialog.NewCustomWithoutButtons(T("Collect bundles from folder"), box, c.st.win)
	run.dialog.Resize(fyne.NewSize(560, 380))
	run.dialog.Show()
	c.folder = run
	return run
}

// folderDone says what the collection did and turns Cancel into Close.
func (c *coordinatorScreen) folderDone(run *folderRun, sum desk.FolderSummary, err error, lines []string) {
	text := T("Imported: %d. Already imported before: %d. Refused: %d.", sum.Imported, sum.Already, sum.Refused)
	switch {
	case errors.Is(err, context.Canceled):
		text = T("Cancelled: the bundle being imported was left out.") + " " + text
	case err != nil:
		text = fmt.Sprintf("%s %s", T("The folder could not be read: %s", err.Error()), text)
	}
	if len(sum.Waiting) > 0 {
		text += " " + T("Still being written, left for the next time: %s.", strings.Join(sum.Waiting, ", "))
	}
	run.label.SetText(text)
	run.bar.SetValue(1)
	c.lastReport = text + "\n" + strings.Join(lines, "\n")
	run.button.SetText(T("Close"))
	run.button.OnTapped = func() { run.dialog.Hide(); c.folder = nil }
	run.button.Enable()
}

// folderWords is one file's line in the window's words.
func folderWords(r desk.FolderFile) string {
	switch r.Outcome {
	case desk.FolderImported:
		return T("%s: imported from %s.", r.Name, groupLabel(r.Report.Group.Name, r.Report.Group.ID))
	case desk.FolderAlready:
		return T("%s: imported before, nothing changed.", r.Name)
	}
	msg, ok := bundleProblem(r.Err)
	if !ok {
		msg = r.Err.Error()
	}
	return T("%s: not imported. %s", r.Name, msg)
}
