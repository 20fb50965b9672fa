package desk

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/store"
)

// WriteAuditLog writes the audit entries that pass f as CSV
// (store.WriteAuditCSV; refs maps petition ids to references) to a file
// the window's save dialog opened, closes it and records the export. The
// log holds no personal data. It returns the number of entries written.
func WriteAuditLog(ctx context.Context, s *store.Store, w io.WriteCloser, f store.AuditFilter, refs map[string]string) (int, error) {
	err := ctx.Err()
	var list []store.AuditEntry
	if err == nil {
		list, err = s.AuditEntries(f, 0)
	}
	if err == nil {
		err = store.WriteAuditCSV(w, list, refs)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return len(list), s.AuditExport("audit-csv", false, len(list))
}
