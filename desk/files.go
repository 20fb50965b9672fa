package desk

import (
	"io"
	"os"
	"path/filepath"

	"github.com/petitiondesk/petitiondesk/store"
)

// WriteFile writes path through a temporary file beside it, so a failed,
// cancelled or killed run never leaves half a file under the chosen
// name. The temporary file is created owner-only (0600): what it holds
// may be personal data, and it must never be readable half-written. The
// store, when given, records it, so the next start removes it should the
// app be killed meanwhile. The file is synced, then renamed into place;
// only a file without personal data (private false) is made readable
// like any document (0644).
func WriteFile(s *store.Store, path string, private bool, write func(io.Writer) error) error {
	tmp, err := createTemp(s, filepath.Dir(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && !private {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}

// createTemp makes the hidden temporary file: through the store when the
// database is open (see store.CreateTemp), else plainly (a key written
// before any database exists).
func createTemp(s *store.Store, dir string) (*os.File, error) {
	if s == nil {
		return os.CreateTemp(dir, ".petitiondesk-*")
	}
	return s.CreateTemp(dir)
}
