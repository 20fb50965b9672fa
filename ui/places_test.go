package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/petitiondesk/petitiondesk/store"
)

// The recovery key dialog offers the USB sticks mounted; the key goes to
// the chosen one, beside (not over) a key file already there. The first
// key's message does not speak of an earlier key; the next one's does.
func TestRecoveryKeyGoesToAUSBStick(t *testing.T) {
	st := newDiskState(t, "market stall key")
	stick := t.TempDir()
	os.WriteFile(filepath.Join(stick, "Petition Desk recovery key.txt"), []byte("another laptop's key"), 0o600)
	d := fakeDialogs(st)
	d.drives = []string{stick}
	saveRecoveryKey(st)
	if !strings.Contains(dialogText(st.win), "USB stick") {
		t.Fatalf("no removable drive offered: %q", dialogText(st.win))
	}
	tapDialogButton(t, st.win, "USB stick or drive: "+stick)
	saved := filepath.Join(stick, "Petition Desk recovery key (2).txt")
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatalf("no key on the stick: %v", err)
	}
	if store.FindRecoveryKey(string(b)) == "" {
		t.Error("the file on the stick holds no recovery key")
	}
	if old, _ := os.ReadFile(filepath.Join(stick, "Petition Desk recovery key.txt")); string(old) != "another laptop's key" {
		t.Error("a key file already on the stick was overwritten")
	}
	if text := dialogText(st.win); !strings.Contains(text, saved) || strings.Contains(text, "made earlier") {
		t.Errorf("the first key's message: %q", text)
	}
	saveRecoveryKey(st)
	tapDialogButton(t, st.win, "USB stick or drive: "+stick)
	if text := dialogText(st.win); !strings.Contains(text, "A recovery key made earlier no longer works.") || !strings.Contains(text, "(3)") {
		t.Errorf("a second key's message: %q", text)
	}
}

// Without a removable drive the file dialog opens at once.
func TestRecoveryKeyWithoutADriveAsksForAFile(t *testing.T) {
	st := newDiskState(t, "market stall key")
	asked := false
	fakeDialogs(st).saveFile = func(fyne.Window, string, func(io.WriteCloser)) { asked = true }
	saveRecoveryKey(st)
	if !asked {
		t.Error("no file dialog without a drive")
	}
}

// "Open folder" that opens nothing shows the path with "Copy path".
func TestOpenFolderFallsBackToThePath(t *testing.T) {
	st, _ := newTestState(t, true)
	fakeDialogs(st).folder = func(fyne.App, string) error { return errors.New("xdg-open: exit status 3") }
	dir := filepath.Join(t.TempDir(), "exports")
	openFolderOrSay(st, dir)
	if text := dialogText(st.win); !strings.Contains(text, dir) {
		t.Fatalf("the path is not shown: %q", text)
	}
	tapDialogButton(t, st.win, "Copy path")
	if got := st.app.Clipboard().Content(); got != dir {
		t.Errorf("clipboard %q, want %q", got, dir)
	}
}
