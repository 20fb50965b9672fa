package ui

import (
	"io"
	"os"

	"filippo.io/age"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// prefCoordinatorKey remembers the key file that last opened a bundle
// (or was just made), so the next encrypted bundle opens without asking.
// Only its path is kept: the secret stays in the file the user chose.
const prefCoordinatorKey = "coordinator.keyfile"

// coordinatorKey is the remembered key file and its public key.
type coordinatorKey struct{ path, public string }

// readCoordinatorKey reads the public key from a key file; a missing or
// unreadable file gives none (the screen then offers to make one).
func readCoordinatorKey(path string) coordinatorKey {
	if path == "" {
		return coordinatorKey{}
	}
	ids, err := bundle.ReadKeyFile(path)
	if err != nil {
		return coordinatorKey{}
	}
	for _, id := range ids {
		if x, ok := id.(*age.X25519Identity); ok {
			return coordinatorKey{path: path, public: x.Recipient().String()}
		}
	}
	return coordinatorKey{}
}

// chooseKeySave asks where to save a new key file and hands the path and
// the open file on; nothing happens when the user cancels (dialogs.go).
func (fyneDialogs) chooseKeySave(win fyne.Window, name string, save func(path string, w io.WriteCloser)) {
	showFileSave(win, name, func(w fyne.URIWriteCloser) { save(w.URI().Path(), w) })
}

// keyLines shows the public key of the key file in use, for groups.
func (c *coordinatorScreen) keyLines() []fyne.CanvasObject {
	k := c.data.key
	if k.public == "" {
		return nil
	}
	return []fyne.CanvasObject{widget.NewCard(T("Your coordinator key"),
		T("Give groups this public key; the key file %s stays with you.", k.path), publicKeyRow(c.st, k.public))}
}

// publicKeyRow is the public key as selectable text with a Copy button.
func publicKeyRow(st *appState, public string) fyne.CanvasObject {
	text := widget.NewLabelWithStyle(public, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	text.Selectable = true // never cut: the whole key is what groups need
	copyBtn := widget.NewButtonWithIcon(T("Copy"), theme.ContentCopyIcon(), func() {
		st.app.Clipboard().SetContent(public)
	})
	return container.NewBorder(nil, nil, nil, copyBtn, text)
}

// onCreateKey makes a coordinator's key pair: the secret key file is saved
// where the user says (readable by the user only), and only then is the
// public key shown, so no group gets a key whose secret was not kept.
func (c *coordinatorScreen) onCreateKey() {
	d := dialog.NewConfirm(T("Create a coordinator key"),
		T("Groups can then encrypt their bundles so that only you can open them. You save a secret key file: keep it safe and keep a copy, as bundles encrypted to this key cannot be opened without it. Groups get the public key, which is shown next."),
		func(ok bool) {
			if ok {
				c.createKey()
			}
		}, c.st.win)
	d.SetConfirmText(T("Create and save…"))
	d.SetDismissText(T("Cancel"))
	d.Show()
}

func (c *coordinatorScreen) createKey() {
	st := c.st
	text, public, err := bundle.NewKey(st.now())
	if err != nil {
		st.fail(err)
		return
	}
	name := store.SuggestedFileName("coordinator key", false, st.now(), "key")
	st.dialogs.chooseKeySave(st.win, name, func(path string, w io.WriteCloser) {
		err := os.Chmod(path, 0o600) // before the secret goes in
		if err == nil {
			_, err = io.WriteString(w, text)
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			st.fail(err)
			return
		}
		st.app.Preferences().SetString(prefCoordinatorKey, path)
		c.showPublicKey(public, path)
		c.load()
	})
}

// showPublicKey tells the coordinator what to give groups.
func (c *coordinatorScreen) showPublicKey(public, path string) {
	note := wrapLabel(T("The secret key is saved in %s. Keep it safe, with a copy: without it, bundles encrypted to this key cannot be opened. Give groups the public key below; they choose it when they export a bundle.", path))
	box := container.NewVBox(note, publicKeyRow(c.st, public))
	d := dialog.NewCustom(T("Your coordinator key"), T("Close"), container.NewGridWrap(fyne.NewSize(660, box.MinSize().Height+40), box), c.st.win)
	d.Show()
}
