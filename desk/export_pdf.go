package desk

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// PackOptions are the choices behind one petition pack: paper, date,
// targets and what the recipient sees (export.PackOptions). The scanned
// pages come from the store; ScanPages and ScanCount are filled here.
type PackOptions struct {
	Path     string // the PDF file to write
	Petition *petition.Petition
	export.PackOptions
}

// ExportPack writes the petition pack to post (export.Pack) to opt.Path,
// owner-only, and records it with every signature row of every target.
// Possible duplicates are settled by the caller first: the command line
// and the window ask in their own ways.
func ExportPack(ctx context.Context, s *store.Store, opt PackOptions, progress Progress) (export.PackResult, error) {
	var res export.PackResult
	popt := opt.PackOptions
	popt.ScanPages, popt.ScanCount = s.ScanPages, scanCount(s)
	e := fileExport{kind: "pdf-pack", personal: true, room: s.DataBytes(), pids: []string{opt.Petition.ID}} // page images dominate
	err := writeAudited(ctx, s, opt.Path, e, func(w io.Writer) (int, error) {
		var err error
		res, err = export.Pack(ctx, w, s, opt.Petition, popt, progress)
		return res.Signatures * res.Targets, err
	})
	return res, err
}

// scanCount counts a sheet's stored scan pages from their records,
// without reading the images (export.PackOptions.ScanCount).
func scanCount(s *store.Store) func(pid string, sheet int) (int, error) {
	return func(pid string, sheet int) (int, error) {
		list, err := s.ScanPageList(pid, sheet)
		return len(list), err
	}
}
