package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// bundleExtensions are what the file picker shows: bundles are named
// ".bundle" by the app and the README; age adds ".age" when a group
// encrypts a file by hand.
var bundleExtensions = []string{".bundle", ".pdbundle", ".age"}

// chooseBundlePath asks for a bundle file and hands its path on (on the
// UI goroutine). Nothing happens when the user cancels (dialogs.go).
func (fyneDialogs) chooseBundlePath(win fyne.Window, pick func(path string)) {
	choosePath(win, storage.NewExtensionFileFilter(bundleExtensions), pick)
}

// chooseKeyPath asks for the coordinator's key file (dialogs.go).
func (fyneDialogs) chooseKeyPath(win fyne.Window, pick func(path string)) {
	choosePath(win, nil, pick)
}

// choosePath asks for a file by path: bundles are read by path, as the
// bundle reader needs random access.
func choosePath(win fyne.Window, filter storage.FileFilter, pick func(path string)) {
	showFileOpen(win, "", filter, func(r fyne.URIReadCloser) { localPath(win, r, pick) })
}

// bundleImport is one import under way: its dialog and how to stop it.
type bundleImport struct {
	dialog dialog.Dialog
	label  *widget.Label // what is happening
	from   *widget.Label // whose bundle
	bar    *widget.ProgressBar
	cancel *widget.Button
	stop   context.CancelFunc
}

func (c *coordinatorScreen) onImport() {
	c.st.dialogs.chooseBundlePath(c.st.win, func(path string) { c.open(path, bundle.Keys{}, false) })
}

// open opens the bundle at path with keys, asking for what it lacks: the
// coordinator's key file (trying the one used last first) or the
// passphrase. Opening may take seconds (a passphrase's scrypt), so it
// runs in the background under a "please wait" dialog.
func (c *coordinatorScreen) open(path string, keys bundle.Keys, triedSaved bool) {
	st := c.st
	imp := c.startDialog(T("Opening the bundle…"), "")
	imp.bar.Hide()
	imp.cancel.Hide()
	st.background(func() {
		f, err := bundle.OpenFile(path, keys)
		fyne.Do(func() {
			imp.dialog.Hide()
			saved := st.app.Preferences().String(prefCoordinatorKey)
			switch {
			case errors.Is(err, bundle.ErrNeedKey) && saved != "" && !triedSaved:
				c.openWithKeyFile(path, keys, saved, true)
			case errors.Is(err, bundle.ErrNeedKey), errors.Is(err, bundle.ErrWrongKey) && triedSaved:
				c.askKeyFile(path, keys)
			case errors.Is(err, bundle.ErrNeedPass):
				c.askPassphrase(path, keys)
			case err != nil:
				c.problem(err)
			default:
				c.runImport(f)
			}
		})
	})
}

// openWithKeyFile reads a key file and opens the bundle with it.
func (c *coordinatorScreen) openWithKeyFile(path string, keys bundle.Keys, keyFile string, saved bool) {
	ids, err := bundle.ReadKeyFile(keyFile)
	if err != nil && saved {
		c.askKeyFile(path, keys) // the key file used last is gone or changed
		return
	}
	if err != nil {
		c.problem(errNotKeyFile)
		return
	}
	keys.Identities = ids
	c.keyFile = keyFile
	c.open(path, keys, saved)
}

// errNotKeyFile stands for a chosen file that holds no key.
var errNotKeyFile = errors.New("not a key file")

func (c *coordinatorScreen) askKeyFile(path string, keys bundle.Keys) {
	d := dialog.NewConfirm(T("This bundle is encrypted"),
		T("It was encrypted to a coordinator's key. Choose your key file (the secret file saved when the key was created)."),
		func(ok bool) {
			if ok {
				c.st.dialogs.chooseKeyPath(c.st.win, func(keyFile string) { c.openWithKeyFile(path, keys, keyFile, false) })
			}
		}, c.st.win)
	d.SetConfirmText(T("Choose key file"))
	d.SetDismissText(T("Cancel"))
	d.Show()
}

func (c *coordinatorScreen) askPassphrase(path string, keys bundle.Keys) {
	pass := widget.NewPasswordEntry()
	d := dialog.NewForm(T("This bundle is protected by a passphrase"), T("Open"), T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(T("Passphrase"), pass)}, func(ok bool) {
			if ok && pass.Text != "" {
				keys.Passphrase = pass.Text
				c.open(path, keys, true)
			}
		}, c.st.win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
	c.st.win.Canvas().Focus(pass)
}

// startDialog shows the import's progress dialog.
func (c *coordinatorScreen) startDialog(text, from string) *bundleImport {
	imp := &bundleImport{label: widget.NewLabel(text), from: widget.NewLabel(from), bar: widget.NewProgressBar()}
	imp.from.Truncation = fyne.TextTruncateEllipsis // a group name may be long
	imp.cancel = widget.NewButton(T("Cancel"), func() {
		if imp.stop != nil {
			imp.stop()
		}
		imp.cancel.Disable()
		imp.label.SetText(T("Cancelling: nothing will be changed…"))
	})
	box := container.NewVBox(imp.label, imp.from, imp.bar, container.NewCenter(imp.cancel))
	imp.dialog = dialog.NewCustomWithoutButtons(T("Import bundle"), container.NewGridWrap(fyne.NewSize(440, box.MinSize().Height), box), c.st.win)
	imp.dialog.Show()
	c.imp = imp
	return imp
}

// runImport checks and merges an open bundle in the background, with a
// progress bar and Cancel (which rolls the import back: nothing changes).
func (c *coordinatorScreen) runImport(f *bundle.File) {
	st, m := c.st, f.Manifest()
	if c.keyFile != "" { // it opened a bundle: offer it first next time
		st.app.Preferences().SetString(prefCoordinatorKey, c.keyFile)
	}
	ctx, stop := context.WithCancel(context.Background())
	imp := c.startDialog(T("Checking the bundle, then merging it…"), T("From %s, made %s.", groupLabel(m.Group.Name, m.Group.ID), fmtMoment(m.Created)))
	imp.stop = stop
	var shown atomic.Int64 // the permille on the bar: the store reports every record
	shown.Store(-1)
	progress := func(done, total int) {
		per := int64(done) * 1000 / int64(max(total, 1))
		if shown.Swap(per) == per {
			return
		}
		fyne.Do(func() {
			imp.bar.SetValue(float64(per) / 1000)
			if c.progressSeen != nil {
				c.progressSeen(done, total)
			}
		})
	}
	st.background(func() {
		defer f.Close()
		defer stop()
		rep, err := desk.ImportBundle(ctx, st.store, f, progress) // audited, as on the command line
		fyne.Do(func() {
			imp.dialog.Hide()
			c.imp = nil
			if err != nil {
				c.problem(err)
				return
			}
			c.lastReport = reportWords(rep)
			dialog.ShowInformation(T("Bundle imported"), c.lastReport, st.win)
			c.afterImport()
		})
	})
}

// afterImport redraws: through the main window when there is one, as a
// bundle may have brought petitions the picker must list.
func (c *coordinatorScreen) afterImport() {
	st := c.st
	st.loadPetitions(func(list []petition.Petition) {
		if st.petition() == nil {
			if p := pickStartPetition(list, ""); p != nil {
				st.setPetition(p) // redraws the window, if there is one
				if st.onPetitionChange != nil {
					return
				}
			}
		} else if st.onPetitionChange != nil {
			st.onPetitionChange()
			return
		}
		c.p = st.petition()
		c.showOverview()
		c.load()
	})
}

// reportWords says what an import did, in plain words.
func reportWords(rep *store.ImportReport) string {
	from := T("From %s, made %s.", groupLabel(rep.Group.Name, rep.Group.ID), fmtMoment(rep.Created))
	if rep.AlreadyImported && rep.Changes == 0 {
		return from + "\n" + T("This bundle was imported before: nothing changed.")
	}
	lines := []string{from}
	add := func(n int, text string) {
		if n > 0 {
			lines = append(lines, text)
		}
	}
	add(rep.SignaturesAdded+rep.SignaturesUpdated, T("Signatures: %d added, %d updated.", rep.SignaturesAdded, rep.SignaturesUpdated))
	add(rep.SheetsAdded+rep.SheetsUpdated, T("Sheets: %d added, %d updated.", rep.SheetsAdded, rep.SheetsUpdated))
	add(rep.PetitionsAdded, T("Petitions added: %d.", rep.PetitionsAdded))
	add(rep.PagesAdded, T("Scanned pages stored: %d.", rep.PagesAdded))
	add(rep.Duplicates, T("Rows flagged as possible duplicates: %d. They count until someone strikes one out.", rep.Duplicates))
	add(rep.OlderSnapshots, T("Part of the bundle was older than what was already here: only what was missing was added."))
	add(rep.OwnSkipped, T("Records of this database's own group were left as they are here: %d.", rep.OwnSkipped))
	add(rep.Conflicts, T("Rows left alone because another signature holds their place: %d.", rep.Conflicts))
	lines = append(lines, trustWords(rep)...)
	if len(lines) == 1 {
		lines = append(lines, T("Everything in it was already here: nothing changed."))
	}
	return strings.Join(lines, "\n")
}

// problem shows what went wrong with a bundle or a key in one plain
// sentence; errors nobody can foresee go to st.fail.
func (c *coordinatorScreen) problem(err error) {
	msg, ok := bundleProblem(err)
	if !ok {
		c.st.fail(err)
		return
	}
	c.failed = msg
	dialog.ShowInformation(T("Bundle not imported"), msg, c.st.win)
}

// bundleProblem turns an expected bundle error into a sentence.
func bundleProblem(err error) (string, bool) {
	var newer *bundle.NewerFormatError
	var invalid *bundle.InvalidError
	if msg, ok := trustProblem(err); ok {
		return msg, true
	}
	switch {
	case errors.Is(err, context.Canceled):
		return T("The import was cancelled: nothing was changed."), true
	case errors.Is(err, bundle.ErrNotBundle):
		return T("This file is not a Petition Desk bundle: nothing was imported."), true
	case errors.Is(err, bundle.ErrDamaged):
		return T("The bundle is damaged or incomplete, so nothing was imported: ask the group to send it again."), true
	case errors.As(err, &newer):
		return T("This bundle was made by a newer Petition Desk, so nothing was imported: update the app, then import it again."), true
	case errors.As(err, &invalid), errors.Is(err, bundle.ErrCountsOnlyRow):
		return T("The bundle holds a record that is not valid, so nothing was imported: ask the group to send it again."), true
	case errors.Is(err, bundle.ErrWrongKey):
		return T("This bundle was encrypted for another coordinator's key, which the key file chosen cannot open: nothing was imported."), true
	case errors.Is(err, bundle.ErrWrongPass):
		return T("The passphrase does not open this bundle: nothing was imported."), true
	case errors.Is(err, bundle.ErrWorkFactor):
		return T("This bundle's passphrase protection asks for far more memory and time than Petition Desk ever uses, so it was not made by Petition Desk: nothing was imported."), true
	case errors.Is(err, errNotKeyFile):
		return T("This file is not a coordinator key file."), true
	}
	return "", false
}
