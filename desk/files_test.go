package desk

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/store"
)

// TestWriteFileTemporary: while a file is written, only a hidden
// temporary file owned by the user exists beside the target; a failed
// write removes it and leaves the target as it was.
func TestWriteFileTemporary(t *testing.T) {
	s, _ := demoStore(t)
	for name, s := range map[string]*store.Store{"with the store": s, "before any database": nil} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			os.WriteFile(path, []byte("old"), 0o600)
			boom := errors.New("boom")
			err := WriteFile(s, path, true, func(w io.Writer) error {
				left := leftBehind(t, dir)
				if len(left) != 2 || !strings.HasPrefix(left[0], ".petitiondesk-") {
					t.Errorf("while writing the folder holds %v", left)
				}
				if fi, err := os.Stat(filepath.Join(dir, left[0])); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("temporary file %v (%v), want mode 0600", fi, err)
				}
				io.WriteString(w, "half")
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("error %v, want boom", err)
			}
			if b, _ := os.ReadFile(path); string(b) != "old" {
				t.Errorf("a failed write changed the target: %q", b)
			}
			if left := leftBehind(t, dir); len(left) != 1 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}
