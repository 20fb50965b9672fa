package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// dialogs are the questions a screen cannot answer itself: the system's
// file pickers, the question before personal data leaves, and the file
// manager. appState (and the opener, before there is a store) holds one:
// the window uses fyneDialogs, tests install a fake that answers at once.
// Each callback runs on the UI goroutine; nothing is called when the user
// cancels.
type dialogs interface {
	// chooseBundlePath asks for a bundle file to import (coordinator_import.go).
	chooseBundlePath(win fyne.Window, pick func(path string))
	// chooseKeyPath asks for the coordinator's key file (coordinator_import.go).
	chooseKeyPath(win fyne.Window, pick func(path string))
	// chooseKeySave asks where to save a new key file (coordinator_key.go).
	chooseKeySave(win fyne.Window, name string, save func(path string, w io.WriteCloser))
	// chooseExportPath asks where an export goes (export_run.go).
	chooseExportPath(win fyne.Window, name string, done func(path string))
	// confirmExport asks before personal data leaves (personaldata.go).
	confirmExport(win fyne.Window, what string, onOK func())
	// openFolder shows a folder in the system's file manager, calling
	// failed when that did not work (places.go).
	openFolder(a fyne.App, dir string, failed func(error))
	// removableDrives lists the mounted USB sticks and drives (places.go).
	removableDrives() []string
	// chooseSaveFile asks where to write a file (personaldata.go).
	chooseSaveFile(win fyne.Window, name string, write func(w io.WriteCloser))
	// chooseOpenFile asks for a file to read (personaldata.go).
	chooseOpenFile(win fyne.Window, read func(r io.ReadCloser))
	// chooseScanFile asks for a scanned file, opening in folder from (scan.go).
	chooseScanFile(win fyne.Window, from string, done func(path string))
	// chooseScanFolder asks for a folder of scans, opening in from (scan.go).
	chooseScanFolder(win fyne.Window, from string, done func(path string))
	// chooseFolder asks for any folder, opening in from (coordinator_folder.go).
	chooseFolder(win fyne.Window, from string, done func(path string))
}

// fyneDialogs are the dialogs of the window: Fyne's. Its methods live
// beside the screens that use them.
type fyneDialogs struct{}

// showFileOpen opens Fyne's file dialog for a file to read, in folder
// from ("" = Fyne's default) and showing only filter's files (nil = all).
// read gets the file chosen; an error is shown, a cancel does nothing.
func showFileOpen(win fyne.Window, from string, filter storage.FileFilter, read func(r fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(onChosen(win, read), win)
	if filter != nil {
		d.SetFilter(filter)
	}
	openAt(d, from)
	d.Resize(fileDialogSize(win))
	d.Show()
}

// showFileSave opens Fyne's dialog for where to save, proposing name;
// write gets the file it created; an error is shown, a cancel does
// nothing.
func showFileSave(win fyne.Window, name string, write func(w fyne.URIWriteCloser)) {
	d := dialog.NewFileSave(onChosen(win, write), win)
	d.SetFileName(name)
	d.Resize(fileDialogSize(win))
	d.Show()
}

// onChosen is the callback of a Fyne file or folder dialog: an error is
// shown, a cancel (nil) does nothing, what was chosen goes to use.
func onChosen[F comparable](win fyne.Window, use func(F)) func(F, error) {
	return func(f F, err error) {
		var none F
		switch {
		case err != nil:
			dialog.ShowError(err, win)
		case f != none:
			use(f)
		}
	}
}

// uriFile is a file a Fyne dialog opened or created.
type uriFile interface {
	io.Closer
	URI() fyne.URI
}

// localPath closes f and hands its path to done, for work that reads or
// writes by path (a bundle needs random access; an export renames a
// temporary file into place). A file that is not on this computer is
// refused in plain words.
func localPath(win fyne.Window, f uriFile, done func(path string)) {
	uri := f.URI()
	f.Close()
	if uri.Scheme() != "file" {
		dialog.ShowInformation(T("Please check"), T("Please choose a file on this computer."), win)
		return
	}
	done(uri.Path())
}

// openAt opens the file dialog in dir, the folder used last ("" = Fyne's default).
func openAt(d *dialog.FileDialog, dir string) {
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// fileDialogSize fills most of the window: Fyne's default file dialog is
// small for long folder names.
func fileDialogSize(win fyne.Window) fyne.Size {
	s := win.Canvas().Size()
	return fyne.NewSize(s.Width*0.85, s.Height*0.85)
}
