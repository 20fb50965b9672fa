package desk

import (
	"context"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/petitiondesk/petitiondesk/store"
)

// maxWaitRounds bounds a one-off run's wait for files still being
// written: this many settle times, then they are left for the next run.
const maxWaitRounds = 15

// Run collects the folder once (`import folder DIR`, the window's
// "Collect bundles from folder…"): it imports what is there and waits
// for files still being written to settle, up to a bound; those still
// growing then are listed in Summary.Waiting.
func (f *Folder) Run(ctx context.Context, s *store.Store) (FolderSummary, error) {
	f.init()
	for round := 0; ; round++ {
		waiting, err := f.Pass(ctx, s)
		if err != nil {
			return f.Summary, err
		}
		if len(waiting) == 0 {
			return f.Summary, nil
		}
		if round == maxWaitRounds {
			f.Summary.Waiting = waiting
			return f.Summary, nil
		}
		if err := sleep(ctx, f.settle); err != nil {
			return f.Summary, err
		}
	}
}

// Watch collects the folder until ctx is done (`import folder DIR
// --watch`): a pass at the start, then one whenever the folder changes,
// and again while files are still being written, until they settle.
// It returns nil when ctx is cancelled: stopping is the normal end.
func (f *Folder) Watch(ctx context.Context, s *store.Store) (FolderSummary, error) {
	f.init()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return f.Summary, err
	}
	defer w.Close()
	if err := w.Add(f.Dir); err != nil {
		return f.Summary, err
	}
	recheck := time.NewTimer(time.Hour)
	recheck.Stop()
	for {
		waiting, err := f.Pass(ctx, s)
		if ctx.Err() != nil {
			return f.Summary, nil
		}
		if err != nil {
			return f.Summary, err
		}
		if len(waiting) > 0 {
			recheck.Reset(f.settle / 2)
		}
		select {
		case <-ctx.Done():
			return f.Summary, nil
		case err := <-w.Errors:
			return f.Summary, err
		case <-w.Events:
		case <-recheck.C:
		}
	}
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
