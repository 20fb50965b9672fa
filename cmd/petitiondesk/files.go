package main

import (
	"io"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store"
)

// writeFileAtomicFrom writes a file owner-only through desk.WriteFile.
func writeFileAtomicFrom(s *store.Store, path string, fn func(io.Writer) error) error {
	return desk.WriteFile(s, path, true, fn)
}
