package desk

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/petitiondesk/petitiondesk/store"
)

// packFiles is the export.PackOut of ExportPack: every file of the pack
// goes to a hidden temporary file in the destination folder (owner-only,
// recorded by the store so a crash leaves nothing behind), and the files
// take their names only once all are written, all or none.
type packFiles struct {
	s     *store.Store
	path  string // the name the user chose; pieces go between its stem and extension
	temps []pendingFile
}

type pendingFile struct{ tmp, final string }

// name is the final path of the file with suffix ("" is the chosen path).
func (o *packFiles) name(suffix string) string {
	ext := filepath.Ext(o.path)
	return strings.TrimSuffix(o.path, ext) + suffix + ext
}

// Create opens the temporary file for one piece of the pack.
func (o *packFiles) Create(suffix string) (io.WriteCloser, error) {
	f, err := createTemp(o.s, filepath.Dir(o.path))
	if err != nil {
		return nil, err
	}
	o.temps = append(o.temps, pendingFile{tmp: f.Name(), final: o.name(suffix)})
	return syncCloser{f}, nil
}

// syncCloser makes sure a piece is on disk before it is renamed.
type syncCloser struct{ *os.File }

func (f syncCloser) Close() error {
	err := f.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	return err
}

// discard removes every temporary file: the export failed or was cancelled.
func (o *packFiles) discard() {
	for _, p := range o.temps {
		os.Remove(p.tmp)
	}
	o.temps = nil
}

// commit renames every piece to its name. Should one rename fail, the
// pieces already renamed are removed again, so the folder holds the whole
// pack or none of it.
func (o *packFiles) commit() ([]string, error) {
	var done []string
	for _, p := range o.temps {
		if err := os.Rename(p.tmp, p.final); err != nil {
			for _, d := range done {
				os.Remove(d)
			}
			o.discard()
			return nil, fmt.Errorf("naming the pack file %s: %w", filepath.Base(p.final), err)
		}
		done = append(done, p.final)
	}
	o.temps = nil
	return done, nil
}

// pieceName matches what may follow the chosen stem in a pack file's
// name: nothing, "-target-N", "-part-NN-of-NN" or both.
var pieceName = regexp.MustCompile(`^(-target-\d+)?(-part-\d+-of-\d+)?$`)

// removeStale deletes files of an earlier pack of the same name that this
// one did not replace (a pack once cut in 12 parts, now in 9, or once
// whole and now cut), so no outdated part lies next to the new ones and
// is posted by mistake. It returns the paths removed, for the message.
func (o *packFiles) removeStale(written []string) ([]string, error) {
	ext := filepath.Ext(o.path)
	stem := strings.TrimSuffix(o.path, ext)
	matches, err := filepath.Glob(globEscape(stem) + "*" + globEscape(ext))
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, w := range written {
		keep[w] = true
	}
	var removed []string
	var errs []error
	for _, m := range matches {
		rest := strings.TrimSuffix(strings.TrimPrefix(m, stem), ext)
		if keep[m] || !pieceName.MatchString(rest) {
			continue
		}
		if err := os.Remove(m); err != nil {
			errs = append(errs, fmt.Errorf("removing the earlier pack file %s: %w", filepath.Base(m), err))
			continue
		}
		removed = append(removed, m)
	}
	return removed, errors.Join(errs...)
}

// globEscape quotes the characters filepath.Glob treats specially.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}
