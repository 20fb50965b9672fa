package desk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// Groups and coordinators share folders (a USB stick, Nextcloud,
// Syncthing). A Folder collects the bundles in one: each file not
// imported before (by the SHA-256 of its content, remembered in the
// database), oldest bundle first, each all or nothing. It moves and
// deletes nothing. A file still being written is left until its size and
// time have stayed the same for Settle; hidden files and the partial
// files of sync tools and browsers are never read.

// DefaultSettle is how long a file must stay unchanged before it is read.
const DefaultSettle = 2 * time.Second

// FolderOutcome is what became of one file.
type FolderOutcome int

// The outcomes of a file.
const (
	FolderImported FolderOutcome = iota // merged
	FolderAlready                       // imported before: nothing changed
	FolderRefused                       // not imported: Err says why
)

// FolderFile is one file's result, told as soon as it is known.
type FolderFile struct {
	Name    string // the file's name in the folder
	Outcome FolderOutcome
	Report  *store.ImportReport // for an imported bundle
	Group   bundle.Group        // whose bundle, when it could be opened
	Err     error               // why it was refused
}

// FolderSummary counts a run's files.
type FolderSummary struct {
	Imported, Already, Refused int
	Waiting                    []string // files still being written when a one-off run gave up on them
}

// Folder is one shared folder being collected.
type Folder struct {
	Dir      string
	Keys     bundle.Keys          // for encrypted bundles
	Settle   time.Duration        // how long a file must stay unchanged (0: DefaultSettle)
	Now      func() time.Time     // the clock (nil: time.Now)
	Report   func(FolderFile)     // told of each file's result (may be nil)
	Progress Progress             // the imports of a pass: done of total, in thousandths per file (may be nil)
	Summary  FolderSummary        // counts so far
	seen     map[string]fileState // the last state seen of each file
	done     map[string]fileState // files decided, in the state they were decided in
	nowFn    func() time.Time     // Now, or time.Now
	settle   time.Duration        // Settle, or DefaultSettle
	ready    []candidate          // the pass's files to import
}

// fileState is what a file looked like: its size and time, and since
// when it has looked so.
type fileState struct {
	name  string
	size  int64
	mod   time.Time
	since time.Time
}

// candidate is a file to import in a pass.
type candidate struct {
	state   fileState
	sum     string
	created time.Time
}

func (f *Folder) init() {
	if f.seen == nil {
		f.seen, f.done = map[string]fileState{}, map[string]fileState{}
	}
	f.nowFn, f.settle = f.Now, f.Settle
	if f.nowFn == nil {
		f.nowFn = time.Now
	}
	if f.settle <= 0 {
		f.settle = DefaultSettle
	}
}

// partialSuffixes are the names sync tools and browsers give files they
// are still writing (Syncthing and Nextcloud also hide theirs: a dot).
var partialSuffixes = []string{".part", ".partial", ".tmp", ".crdownload", ".download", ".!sync", ".filepart"}

// skipped says whether a name is never read: hidden or partial.
func skipped(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") {
		return true
	}
	low := strings.ToLower(name)
	for _, s := range partialSuffixes {
		if strings.HasSuffix(low, s) {
			return true
		}
	}
	return false
}

// Pass looks at the folder once: it imports every file that has settled
// and was not decided before, oldest bundle first, and returns how many
// files are still being written. A cancelled ctx stops it between files
// (or rolls back the import under way).
func (f *Folder) Pass(ctx context.Context, s *store.Store) (waiting []string, err error) {
	f.init()
	entries, err := os.ReadDir(f.Dir)
	if err != nil {
		return nil, err
	}
	now := f.nowFn()
	f.ready = f.ready[:0]
	for _, e := range entries {
		if skipped(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // gone meanwhile
		}
		st, settled := f.look(e.Name(), fi, now)
		if d, ok := f.done[st.name]; ok && d.size == st.size && d.mod.Equal(st.mod) {
			continue
		}
		if !settled {
			waiting = append(waiting, st.name)
			continue
		}
		if err := f.consider(s, st); err != nil {
			return waiting, err
		}
	}
	return waiting, f.importReady(ctx, s)
}

// look records a file's state and says whether it has settled: seen
// unchanged for the settle time, or, at first sight, last written longer
// ago than that.
func (f *Folder) look(name string, fi fs.FileInfo, now time.Time) (fileState, bool) {
	st, ok := f.seen[name]
	if ok && st.size == fi.Size() && st.mod.Equal(fi.ModTime()) {
		return st, now.Sub(st.since) >= f.settle
	}
	st = fileState{name: name, size: fi.Size(), mod: fi.ModTime(), since: now}
	f.seen[name] = st
	return st, !ok && fi.Size() > 0 && now.Sub(fi.ModTime()) >= f.settle
}

// consider hashes a settled file: one imported before is done; any other
// is opened for its date, or refused if it cannot be.
func (f *Folder) consider(s *store.Store, st fileState) error {
	path := filepath.Join(f.Dir, st.name)
	sum, err := fileSum(path)
	if err != nil {
		f.decide(st, FolderFile{Name: st.name, Outcome: FolderRefused, Err: err})
		return nil
	}
	if seen, err := s.FolderFileImported(sum); err != nil {
		return err
	} else if seen {
		f.decide(st, FolderFile{Name: st.name, Outcome: FolderAlready})
		return nil
	}
	b, err := bundle.OpenFile(path, f.Keys)
	if err != nil {
		f.decide(st, FolderFile{Name: st.name, Outcome: FolderRefused, Err: err})
		return nil
	}
	created := b.Manifest().Created
	b.Close()
	f.ready = append(f.ready, candidate{state: st, sum: sum, created: created})
	return nil
}

// importReady imports the pass's files, oldest bundle first (then by
// name), each on its own: one refused does not stop the others.
func (f *Folder) importReady(ctx context.Context, s *store.Store) error {
	sort.Slice(f.ready, func(i, j int) bool {
		a, b := f.ready[i], f.ready[j]
		if !a.created.Equal(b.created) {
			return a.created.Before(b.created)
		}
		return a.state.name < b.state.name
	})
	total := len(f.ready) * 1000
	for i, c := range f.ready {
		if err := ctx.Err(); err != nil {
			return err
		}
		progress := func(done, all int) { report(f.Progress, i*1000+done*1000/max(all, 1), total) }
		res, err := f.importOne(ctx, s, c, progress)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		if res.Outcome != FolderRefused {
			if err := s.RememberFolderFile(c.sum, res.Report.Bundle); err != nil {
				return err
			}
		}
		f.decide(c.state, res)
		report(f.Progress, (i+1)*1000, total)
	}
	return nil
}

// importOne imports one file, unless it changed since it was hashed.
func (f *Folder) importOne(ctx context.Context, s *store.Store, c candidate, progress Progress) (FolderFile, error) {
	res := FolderFile{Name: c.state.name, Outcome: FolderRefused}
	path := filepath.Join(f.Dir, c.state.name)
	if sum, err := fileSum(path); err != nil || sum != c.sum {
		res.Err = errors.New("the file changed while it was read: it is read again once it stays the same")
		return res, nil
	}
	b, err := bundle.OpenFile(path, f.Keys)
	if err != nil {
		res.Err = err
		return res, nil
	}
	defer b.Close()
	res.Group = b.Manifest().Group
	rep, err := ImportBundle(ctx, s, b, progress)
	switch {
	case err != nil:
		res.Err = err
		return res, err
	case rep.AlreadyImported && rep.Changes == 0:
		res.Outcome = FolderAlready
	default:
		res.Outcome = FolderImported
	}
	res.Report = rep
	return res, nil
}

// decide records a file's result and tells it.
func (f *Folder) decide(st fileState, res FolderFile) {
	f.done[st.name] = st
	switch res.Outcome {
	case FolderImported:
		f.Summary.Imported++
	case FolderAlready:
		f.Summary.Already++
	default:
		f.Summary.Refused++
	}
	if f.Report != nil {
		f.Report(res)
	}
}

// fileSum is the SHA-256 of a file's content, hex.
func fileSum(path string) (string, error) {
	r, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
