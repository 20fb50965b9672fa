package ui

import (
	"io"

	"fyne.io/fyne/v2"
)

// testDialogs is the tests' dialogs (newTestState installs one): each
// function set answers that question at once; one left nil opens Fyne's
// dialog in the test window, as the app would.
type testDialogs struct {
	fyneDialogs
	bundlePath func(win fyne.Window, pick func(path string))
	keyPath    func(win fyne.Window, pick func(path string))
	keySave    func(win fyne.Window, name string, save func(path string, w io.WriteCloser))
	exportPath func(win fyne.Window, name string, done func(path string))
	confirm    func(win fyne.Window, what string, onOK func())
	folder     func(a fyne.App, dir string) error
	saveFile   func(win fyne.Window, name string, write func(w io.WriteCloser))
	openFile   func(win fyne.Window, read func(r io.ReadCloser))
	scanFile   func(win fyne.Window, from string, done func(path string))
	scanFolder func(win fyne.Window, from string, done func(path string))
	folderPick func(win fyne.Window, from string, done func(path string))
	drives     []string // the removable drives there are (none unless set)
}

// fakeDialogs returns the test dialogs of st, installing them if needed.
func fakeDialogs(st *appState) *testDialogs {
	d, ok := st.dialogs.(*testDialogs)
	if !ok {
		d = &testDialogs{}
		st.dialogs = d
	}
	return d
}

func (d *testDialogs) chooseBundlePath(win fyne.Window, pick func(path string)) {
	if d.bundlePath == nil {
		d.fyneDialogs.chooseBundlePath(win, pick)
		return
	}
	d.bundlePath(win, pick)
}

func (d *testDialogs) chooseKeyPath(win fyne.Window, pick func(path string)) {
	if d.keyPath == nil {
		d.fyneDialogs.chooseKeyPath(win, pick)
		return
	}
	d.keyPath(win, pick)
}

func (d *testDialogs) chooseKeySave(win fyne.Window, name string, save func(path string, w io.WriteCloser)) {
	if d.keySave == nil {
		d.fyneDialogs.chooseKeySave(win, name, save)
		return
	}
	d.keySave(win, name, save)
}

func (d *testDialogs) chooseExportPath(win fyne.Window, name string, done func(path string)) {
	if d.exportPath == nil {
		d.fyneDialogs.chooseExportPath(win, name, done)
		return
	}
	d.exportPath(win, name, done)
}

func (d *testDialogs) confirmExport(win fyne.Window, what string, onOK func()) {
	if d.confirm == nil {
		d.fyneDialogs.confirmExport(win, what, onOK)
		return
	}
	d.confirm(win, what, onOK)
}

func (d *testDialogs) openFolder(a fyne.App, dir string, failed func(error)) {
	if d.folder == nil {
		d.fyneDialogs.openFolder(a, dir, failed)
		return
	}
	if err := d.folder(a, dir); err != nil {
		failed(err)
	}
}

func (d *testDialogs) removableDrives() []string { return d.drives }

func (d *testDialogs) chooseSaveFile(win fyne.Window, name string, write func(w io.WriteCloser)) {
	if d.saveFile == nil {
		d.fyneDialogs.chooseSaveFile(win, name, write)
		return
	}
	d.saveFile(win, name, write)
}

func (d *testDialogs) chooseOpenFile(win fyne.Window, read func(r io.ReadCloser)) {
	if d.openFile == nil {
		d.fyneDialogs.chooseOpenFile(win, read)
		return
	}
	d.openFile(win, read)
}

func (d *testDialogs) chooseScanFile(win fyne.Window, from string, done func(path string)) {
	if d.scanFile == nil {
		d.fyneDialogs.chooseScanFile(win, from, done)
		return
	}
	d.scanFile(win, from, done)
}

func (d *testDialogs) chooseScanFolder(win fyne.Window, from string, done func(path string)) {
	if d.scanFolder == nil {
		d.fyneDialogs.chooseScanFolder(win, from, done)
		return
	}
	d.scanFolder(win, from, done)
}

func (d *testDialogs) chooseFolder(win fyne.Window, from string, done func(path string)) {
	if d.folderPick == nil {
		d.fyneDialogs.chooseFolder(win, from, done)
		return
	}
	d.folderPick(win, from, done)
}
