package ui

import (
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/store"
)

// What leaves the machine: every screen that writes a file holding
// signers' personal data (names, addresses, emails, drawn signatures)
// goes through these helpers, so the question and the file name are the
// same everywhere. For an export screen:
//
//	name := personalFileName(st, p.Reference+" signatures", true, "xlsx")
//	confirmPersonalExport(st.win, T("the signatures of %s", p.Reference), func() {
//		st.dialogs.chooseSaveFile(st.win, name, func(w io.WriteCloser) {
//			// in st.background: a desk function writes w, closes it and audits
//		})
//	})
//
// A file without personal data (counts only, blank sheets) needs no
// question: call chooseSaveFile with personalFileName(…, false, …).

// confirmPersonalExport asks before a file with personal data is
// written: what names the file's content ("the signatures of UA 147/20"),
// and the warning (store.PersonalDataWarning) says how to keep it. onOK
// runs on the UI goroutine after "Write the file"; nothing runs after
// "Cancel".
func confirmPersonalExport(win fyne.Window, what string, onOK func()) {
	text := T("Personal data: %s.", what) + "\n\n" + T(store.PersonalDataWarning)
	d := dialog.NewConfirm(T("This file holds personal data"), text, func(ok bool) {
		if ok {
			onOK()
		}
	}, win)
	d.SetConfirmText(T("Write the file"))
	d.SetDismissText(T("Cancel"))
	d.Show()
}

// personalFileName is the default name of an exported file, as the
// command line names it: what it is, "personal data" when it holds any,
// and the day (store.SuggestedFileName on the window's clock).
func personalFileName(st *appState, what string, personal bool, ext string) string {
	return store.SuggestedFileName(what, personal, st.now(), ext)
}

// chooseSaveFile asks where to write a file, proposing name, and hands
// the open file to write (on the UI goroutine; write closes it). Nothing
// happens when the user cancels. The file is made readable by its owner
// only (what these screens write is personal data, a recovery key or the
// audit log). Tests answer with a buffer (dialogs.go).
func (fyneDialogs) chooseSaveFile(win fyne.Window, name string, write func(w io.WriteCloser)) {
	showFileSave(win, name, func(w fyne.URIWriteCloser) {
		if w.URI().Scheme() == "file" {
			os.Chmod(w.URI().Path(), 0o600) // best effort: Windows keeps its own ACLs
		}
		write(w)
	})
}

// chooseOpenFile asks for a file to read and hands it to read (which
// closes it; dialogs.go).
func (fyneDialogs) chooseOpenFile(win fyne.Window, read func(r io.ReadCloser)) {
	showFileOpen(win, "", nil, func(r fyne.URIReadCloser) { read(r) })
}
