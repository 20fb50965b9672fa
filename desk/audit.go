package desk

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/store"
)

// Progress is told how much of an action is done, out of total units,
// from the goroutine that runs it (a window hands it on with fyne.Do).
// It may be nil.
type Progress = export.Progress

// fileExport is one file leaving the app, as the audit log records it.
type fileExport struct {
	kind     string   // "xlsx", "csv", "pdf-pack", "blank", "bundle", "backup"
	personal bool     // the file holds signers' names and addresses
	private  bool     // owner-only (0600) even without personal data
	room     int64    // about how many bytes it may take (store.CheckTarget)
	pids     []string // the petitions it covers, as the caller named them
}

// writeAudited is the rule "every file that leaves the app is in the
// audit log", in one place. Unless ctx is already cancelled, it checks
// that the target's disk has room, writes the file atomically
// (WriteFile) and, once the file is in place, records one export entry
// with the signature rows write reports. A
// failed or cancelled export leaves no file and no entry: nothing left
// the app. (Should recording fail after the rename, the file stays and
// the error is returned, so the user learns the log missed it.)
func writeAudited(ctx context.Context, s *store.Store, path string, e fileExport, write func(io.Writer) (rows int, err error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.CheckTarget(path, e.room); err != nil {
		return err
	}
	rows := 0
	err := WriteFile(s, path, e.personal || e.private, func(w io.Writer) error {
		var err error
		rows, err = write(w)
		return err
	})
	if err != nil {
		return err
	}
	return s.AuditExport(e.kind, e.personal, rows, e.pids...)
}

// report passes progress on, if anyone listens.
func report(p Progress, done, total int) {
	if p != nil {
		p(done, total)
	}
}
