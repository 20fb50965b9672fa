package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Places outside the app: the removable drives a recovery key is saved
// to, and the folder an export went to.

// removableDrives lists the mounted removable drives (USB sticks): on
// Linux the folders under /media/$USER and /run/media/$USER (where the
// desktop mounts them), on Windows every drive letter but C: that exists
// (A: and B: are left alone: asking for them wakes a floppy drive).
func (fyneDialogs) removableDrives() []string {
	if runtime.GOOS == "windows" {
		var out []string
		for c := 'D'; c <= 'Z'; c++ {
			if fi, err := os.Stat(string(c) + `:\`); err == nil && fi.IsDir() {
				out = append(out, string(c)+`:\`)
			}
		}
		return out
	}
	user := os.Getenv("USER")
	if user == "" {
		return nil
	}
	var out []string
	for _, base := range []string{"/media/" + user, "/run/media/" + user} {
		entries, _ := os.ReadDir(base)
		for _, e := range entries {
			if p := filepath.Join(base, e.Name()); isDir(p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// chooseKeyPlace asks where the recovery key goes: each removable drive
// found, or another place (the file dialog). Without a drive it opens
// the file dialog at once. write gets the file to write and its name.
func chooseKeyPlace(st *appState, name string, write func(w io.WriteCloser, where string)) {
	another := func() {
		st.dialogs.chooseSaveFile(st.win, name, func(w io.WriteCloser) { write(w, "") })
	}
	drives := st.dialogs.removableDrives()
	if len(drives) == 0 {
		another()
		return
	}
	var d dialog.Dialog
	box := container.NewVBox(widget.NewLabel(T("Save the recovery key on a USB stick, and keep the stick apart from this laptop:")))
	for _, drive := range drives {
		box.Add(widget.NewButtonWithIcon(T("USB stick or drive: %s", drive), theme.StorageIcon(), func() {
			d.Hide()
			w, path, err := createNew(drive, name)
			if err != nil {
				st.fail(fmt.Errorf("saving the recovery key on %s: %w", drive, err))
				return
			}
			write(w, path)
		}))
	}
	box.Add(widget.NewButtonWithIcon(T("Another place…"), theme.FolderOpenIcon(), func() { d.Hide(); another() }))
	d = dialog.NewCustom(T("Where to save the recovery key?"), T("Cancel"), box, st.win)
	d.Show()
}

// createNew creates name in dir, or "name (2)" and so on when a file of
// that name is there: it may be another database's key.
func createNew(dir, name string) (*os.File, string, error) {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 1; i < 100; i++ {
		p := filepath.Join(dir, name)
		if i > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", base, i, ext))
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, os.ErrExist) {
			return f, p, err
		}
	}
	return nil, "", fmt.Errorf("too many files named %q", name)
}

// openFolder shows a folder in the system's file manager; failed is
// called (on the UI goroutine) when that did not work. On Linux and the
// BSDs xdg-open is run here rather than by Fyne, which starts it and
// never learns that it failed (no file manager registered); what it says
// is kept off the app's stderr.
func (fyneDialogs) openFolder(a fyne.App, dir string, failed func(error)) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		if err := a.OpenURL(folderURL(dir)); err != nil {
			failed(err)
		}
		return
	}
	var out strings.Builder
	cmd := exec.Command("xdg-open", dir)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		failed(err)
		return
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	go func() {
		select {
		case err := <-done:
			if err != nil {
				fyne.Do(func() { failed(fmt.Errorf("xdg-open: %w", err)) })
			}
		case <-time.After(10 * time.Second): // a file manager that keeps xdg-open waiting opened
			go func() { <-done }()
		}
	}()
}

// openFolderOrSay opens dir in the file manager, or shows its path when
// that did not work.
func openFolderOrSay(st *appState, dir string) {
	st.dialogs.openFolder(st.app, dir, func(error) { showFolderPath(st, dir) })
}

// showFolderPath is "Open folder" when no file manager opened: the
// folder's path, to select or to copy with one button.
func showFolderPath(st *appState, dir string) {
	path := widget.NewLabel(dir)
	path.Selectable, path.Wrapping = true, fyne.TextWrapBreak
	var copyBtn *widget.Button
	copyBtn = widget.NewButtonWithIcon(T("Copy path"), theme.ContentCopyIcon(), func() {
		st.app.Clipboard().SetContent(dir)
		copyBtn.SetText(T("Copied"))
	})
	text := widget.NewLabel(T("No file manager opened on this computer. The file is in this folder:"))
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(text, path, container.NewHBox(copyBtn))
	d := dialog.NewCustom(T("Open the folder yourself"), T("Close"), box, st.win)
	d.Resize(fyne.NewSize(min(640, st.win.Canvas().Size().Width*0.9), box.MinSize().Height+120))
	d.Show()
}
