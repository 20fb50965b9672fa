package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/scan"
)

// Files and folders dropped on the window join the Scan screen's list as
// "Add file…" and "Add folder…" add them. A window has one drop handler
// and one close handler; the scan session sets both when it is made (the
// first time the Scan screen opens), and the drop handler acts only while
// the Scan screen shows.

// hookWindow sets the window's drop and close handlers for the session.
func (ses *scanSession) hookWindow() {
	w := ses.st.win
	if w == nil {
		return
	}
	w.SetOnDropped(func(_ fyne.Position, items []fyne.URI) { ses.dropped(items) })
	w.SetOnClosed(ses.stopForClose)
}

// dropped adds the scans among the dropped items to the list. It runs on
// the UI goroutine (the driver calls it from its event loop).
func (ses *scanSession) dropped(items []fyne.URI) {
	win := ses.st.win
	switch {
	case !ses.showing():
		dialog.ShowInformation(T("Please check"), T("To scan files, open the Scan screen, then drop them there."), win)
		return
	case ses.running || ses.busy:
		dialog.ShowInformation(T("Please check"), T("Wait until the scan under way has ended, then drop the files again."), win)
		return
	}
	files, skipped, err := droppedScans(items)
	if len(files) > 0 {
		ses.view.addFiles(files)
		if skipped > 0 {
			ses.status += " " + T("Left out as not scans: %d.", skipped)
			ses.view.showProgress()
		}
	}
	switch {
	case err != nil:
		ses.st.fail(err)
	case len(files) == 0:
		dialog.ShowInformation(T("Please check"),
			T("Nothing dropped is a scan: only JPEG, PNG, TIFF and PDF files, or folders holding them, are read."), win)
	}
}

// droppedScans lists the scans among dropped items: a file whose ending
// the file dialog offers, and the scans in a folder as scan.Expand finds
// them for "Add folder…". skipped counts the other items; err is the
// first folder that could not be read.
func droppedScans(items []fyne.URI) (files []string, skipped int, err error) {
	for _, u := range items {
		if u.Scheme() != "file" {
			skipped++
			continue
		}
		// A URI's path has forward slashes (Fyne turns C:\Users\… from
		// Explorer into C:/Users/…): the list shows the system's own.
		p := filepath.FromSlash(u.Path())
		if fi, statErr := os.Stat(p); statErr == nil && fi.IsDir() {
			list, expErr := scan.Expand([]string{p})
			if expErr != nil && err == nil {
				err = expErr
			}
			files = append(files, list...)
			continue
		}
		if !scan.IsScanName(p) {
			skipped++
			continue
		}
		files = append(files, p)
	}
	return files, skipped, err
}
