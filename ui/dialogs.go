package ui

import (
	"io"

	"fyne.io/fyne/v2"
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
