package desk

import (
	"context"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// ImportBundle checks and merges an open bundle (store.ImportBundle: all
// or nothing) and records the import, unless it was a repeat that
// changed nothing. The coordinator's window, `import bundle` and the
// folder collector (Folder) all import through it.
func ImportBundle(ctx context.Context, s *store.Store, f *bundle.File, progress Progress) (*store.ImportReport, error) {
	rep, err := s.ImportBundle(ctx, f.Reader, progress)
	if err == nil && rep.Changes > 0 {
		err = s.AuditImport("bundle", !f.Manifest().CountsOnly, rep.SignaturesAdded+rep.SignaturesUpdated)
	}
	return rep, err
}
