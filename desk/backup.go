package desk

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/store"
)

// Backup writes the whole database to path (store.Backup: encrypted as
// the database is, with a checksum) and records it as a personal-data
// export of kind "backup". A backup runs to its end once started; a
// context cancelled before writes nothing.
func Backup(ctx context.Context, s *store.Store, path string) error {
	e := fileExport{kind: "backup", personal: true, room: s.DataBytes()}
	return writeAudited(ctx, s, path, e, func(w io.Writer) (int, error) { return 0, s.Backup(w) })
}
