package desk

import (
	"context"
	"errors"
	"io"

	"github.com/petitiondesk/petitiondesk/store"
)

// ErrNoMatch is returned when a person's data export names no
// signature: nothing is written.
var ErrNoMatch = errors.New("no signature matches: nothing was written")

// ExportPerson writes the data held about one signer (the signatures
// with the given ids, store.ExportPerson) to path, owner-only, and
// records how many (never who) in the audit log (right of access).
func ExportPerson(ctx context.Context, s *store.Store, path string, ids []string) error {
	if len(ids) == 0 {
		return ErrNoMatch
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.CheckTarget(path, 0); err != nil {
		return err
	}
	if err := WriteFile(s, path, true, func(w io.Writer) error { return s.ExportPerson(w, ids) }); err != nil {
		return err
	}
	return auditPerson(s, ids)
}

// WritePerson is ExportPerson for a file the window's save dialog has
// opened: it writes to w, closes it and records the export once w is
// closed without error.
func WritePerson(_ context.Context, s *store.Store, w io.WriteCloser, ids []string) error {
	err := s.ExportPerson(w, ids)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return auditPerson(s, ids)
}

// auditPerson records a person's data export: its own action, with the
// number of signatures.
func auditPerson(s *store.Store, ids []string) error {
	return s.Audit(store.ActionPersonExport, map[string]any{"count": len(ids)})
}
