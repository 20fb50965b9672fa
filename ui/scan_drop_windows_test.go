//go:build windows

package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// TestScanDropWindows: files and a folder dropped from Explorer, in a
// profile with spaces and non-ASCII letters, join the list under their
// Windows paths (backslashes), as "Add file…" shows them. Explorer hands
// GLFW native paths, which Fyne's driver makes URIs of with
// storage.NewFileURI. .ci/wine-check runs this under Wine (the other
// TestScanDrop* tests pass there too, but fail on t.TempDir's cleanup).
func TestScanDropWindows(t *testing.T) {
	// Not t.TempDir: its cleanup fails under Wine 8, which lacks the
	// POSIX-style delete Go's os.RemoveAll uses on Windows.
	tmp, err := os.MkdirTemp("", "drop")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(tmp) })
	root := filepath.Join(tmp, "Zoë Müller", "Scans Zürich")
	folder := filepath.Join(root, "Markt 12. März")
	if err := os.MkdirAll(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(root, "Seite 1.JPG")
	inFolder := filepath.Join(folder, "Bogen 2.pdf")
	for _, f := range []string{page, inFolder, filepath.Join(folder, "Notiz.txt")} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(page, `\`) || strings.Contains(page, "/") {
		t.Fatalf("not a Windows path: %s", page)
	}
	files, skipped, err := droppedScans([]fyne.URI{storage.NewFileURI(page), storage.NewFileURI(folder)})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{page, inFolder}; !slices.Equal(files, want) || skipped != 0 {
		t.Errorf("dropped: %q (skipped %d), want %q", files, skipped, want)
	}
}
