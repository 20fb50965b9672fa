package ui

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/store"
)

// An export runs in the background and outlives the Export screen, which
// is built anew each time it is opened: leaving the screen does not stop
// it. An Export screen opened meanwhile shows it (progress, Cancel); when
// it ends elsewhere, a dialog says where the file went (with "Open
// folder") and a line stays under the screens. Closing the window asks
// first, then cancels it and waits, so no file is left half-written.

// exportJob is one export of the Export screen.
type exportJob struct {
	personal bool   // the file holds names and addresses: ask first
	all      bool   // every petition, not only the current one
	what     string // what personal data, for the question
	name     string // the file name proposed
	// run writes the file at path with the petitions ids through desk
	// (which writes atomically and audits); it returns a sentence for the end.
	run func(ctx context.Context, path string, ids []string, progress export.Progress) (done string, err error)

	path     string
	wrote    []string // the files run wrote, when not the one at path (a pack in parts)
	cancel   context.CancelFunc
	done     chan struct{} // closed once run and the audit entry are over
	running  bool
	stopping bool          // Cancel was pressed
	frac     float64       // the progress so far, for a screen opened meanwhile
	view     *exportScreen // the Export screen built last while it runs
}

// exportCloseWait bounds how long closing the window waits for a
// cancelled export: it stops at the next page or thousand signatures.
const exportCloseWait = 10 * time.Second

// runningExport returns the window's export under way, or nil.
func runningExport(st *appState) *exportJob {
	st.jobsMu.Lock()
	defer st.jobsMu.Unlock()
	return st.export
}

func setRunningExport(st *appState, j *exportJob) {
	st.jobsMu.Lock()
	defer st.jobsMu.Unlock()
	st.export = j
}

// chooseExportPath asks where to save and hands over the chosen path
// (on the UI goroutine). Fyne's dialog creates the file; the export then
// writes a temporary file beside it and renames it into place, so a
// failed or cancelled export leaves no half file (dialogs.go).
func (fyneDialogs) chooseExportPath(win fyne.Window, name string, done func(path string)) {
	showFileSave(win, name, func(w fyne.URIWriteCloser) { localPath(win, w, done) })
}

// confirmExport asks before personal data leaves (see personaldata.go).
func (fyneDialogs) confirmExport(win fyne.Window, what string, onOK func()) {
	confirmPersonalExport(win, what, onOK)
}

// folderURL is the file:// URL of a folder, also for Windows paths.
func folderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users/… → /C:/Users/…
	}
	return &url.URL{Scheme: "file", Path: p}
}

// start asks (for personal data) and where to save, then runs the job.
func (v *exportScreen) start(j *exportJob) {
	if runningExport(v.st) != nil {
		return
	}
	choose := func() { v.st.dialogs.chooseExportPath(v.st.win, j.name, func(path string) { v.run(j, path) }) }
	if j.personal {
		v.st.dialogs.confirmExport(v.st.win, j.what, choose)
		return
	}
	choose()
}

// run writes the file in the background; the progress bar follows, and
// Cancel stops it at the next page (or thousand signatures).
func (v *exportScreen) run(j *exportJob, path string) {
	if runningExport(v.st) != nil {
		return // one at a time, also when two save dialogs were open
	}
	ctx, cancel := context.WithCancel(context.Background())
	j.path, j.cancel, j.done, j.running = path, cancel, make(chan struct{}), true
	setRunningExport(v.st, j)
	v.attach(j)
	prog := func(done, total int) {
		if total > 0 {
			f := float64(done) / float64(total)
			fyne.Do(func() { j.progressed(f) })
		}
	}
	st, pid := v.st, v.p.ID
	st.background(func() {
		done, err := j.execute(ctx, st.store, pid, prog)
		close(j.done)
		fyne.Do(func() { j.finish(st, done, err) })
	})
}

// execute writes the file for the current petition or for all of them.
func (j *exportJob) execute(ctx context.Context, s *store.Store, pid string, prog export.Progress) (string, error) {
	ids, err := []string{pid}, error(nil)
	if j.all {
		ids, err = allPetitionIDs(s)
	}
	done := ""
	if err == nil {
		done, err = j.run(ctx, j.path, ids, prog)
	}
	if err != nil {
		removeIfEmpty(j.path)
	}
	return done, err
}

// allPetitionIDs lists every petition, archived ones too, in the store's
// order: what the command line exports without --petition.
func allPetitionIDs(s *store.Store) ([]string, error) {
	list, err := s.Petitions()
	ids := make([]string, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	return ids, err
}

// removeIfEmpty removes the empty file the save dialog made when the
// export did not replace it.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}

// attach makes v show the export under way.
func (v *exportScreen) attach(j *exportJob) {
	j.view, v.job = v, j
	v.setBusy(true)
	v.progress.SetValue(j.frac)
	v.progress.Show()
	v.status.SetText(T("Writing %s…", filepath.Base(j.path)))
	if j.stopping {
		v.status.SetText(T("Cancelling…"))
	}
}

func (j *exportJob) progressed(f float64) {
	j.frac = f
	if j.view != nil {
		j.view.progress.SetValue(f)
	}
}

// finish ends the job on the UI goroutine: on the Export screen if it
// shows, else with a dialog and a notice.
func (j *exportJob) finish(st *appState, done string, err error) {
	j.running = false
	j.cancel()
	setRunningExport(st, nil)
	if v := j.view; v != nil && st.shown == openScreen(v) {
		v.finish(j, done, err)
		return
	}
	j.reportAway(st, done, err)
}

func (v *exportScreen) finish(j *exportJob, done string, err error) {
	v.setBusy(false)
	switch {
	case errors.Is(err, context.Canceled):
		v.progress.Hide()
		v.status.SetText(T("Cancelled: no file was written."))
	case err != nil:
		v.progress.Hide()
		v.status.SetText(T("The export failed."))
		showExportProblem(v.st, err)
	default:
		v.progress.SetValue(1)
		v.status.SetText(j.savedText(done))
		v.open.Enable()
	}
}

// reportAway tells the user how an export ended while another screen
// showed: a line under the screens, and a dialog unless signing mode
// holds the window (passers-by must not see it; the line waits for the
// coordinator).
func (j *exportJob) reportAway(st *appState, done string, err error) {
	name := filepath.Base(j.path)
	dialogs := !signingMode(st)
	switch {
	case errors.Is(err, context.Canceled):
		st.notify(T("The export of %s was cancelled: no file was written.", name))
	case err != nil:
		st.notify(T("The export of %s failed.", name))
		if dialogs {
			showExportProblem(st, err)
		}
	default:
		text := j.savedText(done)
		st.notify(text)
		if dialogs {
			showExportSaved(st, j.path, text)
		}
	}
}

// savedText is the line an export ends with: the file saved or, for a
// pack written as several files (none of them at path), their folder.
func (j *exportJob) savedText(done string) string {
	saved := T("Saved %s.", j.path)
	if len(j.wrote) > 1 {
		saved = T("Saved in %s.", filepath.Dir(j.path))
	}
	return strings.TrimSpace(saved + " " + done)
}

// showExportSaved says where a file went, with "Open folder".
func showExportSaved(st *appState, path, text string) {
	d := dialog.NewConfirm(T("The export is finished"), text, func(open bool) {
		if !open {
			return
		}
		openFolderOrSay(st, filepath.Dir(path))
	}, st.win)
	d.SetConfirmText(T("Open folder"))
	d.SetDismissText(T("Close"))
	d.Show()
}

// signingMode reports whether signing mode holds the window.
func signingMode(st *appState) bool {
	s, ok := st.shown.(*signingStart)
	return ok && s.kiosk != nil && s.kiosk.active
}

// showExportProblem explains the errors a user can act on in plain words.
func showExportProblem(st *appState, err error) {
	var te *export.TargetError
	msg := ""
	switch {
	case errors.Is(err, export.ErrNoSignatures):
		msg = T("This petition has no signatures yet: there is nothing to post. Print blank sheets instead, or collect signatures first.")
	case errors.Is(err, export.ErrNoTargets):
		msg = T("This petition has no target to post the pack to. Add one in the petition editor.")
	case errors.As(err, &te):
		msg = T("This target no longer exists. Choose the target again.")
	case errors.Is(err, export.ErrNoPrivacyNotice):
		msg = T("A signature sheet must tell signers how their details are used. Add a privacy notice in the petition editor, then print the sheets.")
	case errors.Is(err, export.ErrSheetCount):
		msg = T("Enter a number of sheets from 1 to %d.", export.MaxBlankSheets)
	}
	if msg != "" {
		dialog.ShowInformation(T("Please check"), msg, st.win)
		return
	}
	st.fail(err)
}

func (v *exportScreen) setBusy(busy bool) {
	for _, b := range v.buttons {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if busy {
		v.cancel.Enable()
		v.open.Disable()
	} else {
		v.cancel.Disable()
	}
}

func (v *exportScreen) onCancel() {
	if j := v.job; j != nil && j.running {
		j.stopping = true
		j.cancel()
		v.status.SetText(T("Cancelling…"))
	}
}

func (v *exportScreen) onOpenFolder() {
	if v.job == nil || v.job.path == "" {
		return
	}
	openFolderOrSay(v.st, filepath.Dir(v.job.path))
}

// closeAfterExport closes the window, first asking whether to stop the
// export under way, if any. It is what closing the window does outside
// signing mode (app.go sets it as st.closeIntercept).
func closeAfterExport(st *appState, closing func()) {
	j := runningExport(st)
	if j == nil {
		closing()
		return
	}
	text := T("Petition Desk is still writing %s. Stop it and close? The file will not be written.", filepath.Base(j.path))
	d := dialog.NewConfirm(T("An export is still running"), text, func(stop bool) {
		if stop {
			stopExport(st)
			closing()
		}
	}, st.win)
	d.SetConfirmText(T("Stop and close"))
	d.SetDismissText(T("Keep working"))
	d.Show()
}

// stopExport cancels the window's export under way, if any, and waits
// for it to end (it removes its temporary file), so that it no longer
// uses the database once that is closed. The export hands its progress
// over with fyne.Do, which only queues, so waiting on the UI goroutine
// cannot lock up.
func stopExport(st *appState) {
	j := runningExport(st)
	if j == nil {
		return
	}
	j.cancel()
	select {
	case <-j.done:
	case <-time.After(exportCloseWait):
	}
}
