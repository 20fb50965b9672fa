package desk

import (
	"context"

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

// PackResult is what ExportPack wrote.
type PackResult struct {
	export.PackResult
	// Paths are the files written, in order: opt.Path alone, or the
	// pieces of a pack too large for one file (export.PackFiles).
	Paths []string
	// Removed are files of an earlier pack of the same name that this one
	// did not overwrite, deleted so no stale part is posted.
	Removed []string
}

// ExportPack writes the petition pack to post (export.PackFiles) to
// opt.Path, owner-only, or, when a target's part has more pages than
// opt.PartPages (export.DefaultPartPages when 0), to files named after
// it ("pack-part-01-of-12.pdf"). All files are written under temporary
// names and renamed at the end, all or none: a failed or cancelled pack
// leaves nothing. It records one audit entry with every signature row of
// every target. Possible duplicates are settled by the caller first: the
// command line and the window ask in their own ways.
func ExportPack(ctx context.Context, s *store.Store, opt PackOptions, progress Progress) (PackResult, error) {
	var res PackResult
	if err := ctx.Err(); err != nil {
		return res, err
	}
	popt := opt.PackOptions
	popt.ScanPages, popt.ScanCount = s.ScanPages, scanCount(s)
	if popt.PartPages == 0 {
		popt.PartPages = export.DefaultPartPages
	}
	if err := s.CheckTarget(opt.Path, s.DataBytes()); err != nil { // page images dominate
		return res, err
	}
	out := &packFiles{s: s, path: opt.Path}
	defer out.discard()
	var err error
	if res.PackResult, err = export.PackFiles(ctx, out, s, opt.Petition, popt, progress); err != nil {
		return res, err
	}
	if res.Paths, err = out.commit(); err != nil {
		return res, err
	}
	res.Removed, err = out.removeStale(res.Paths)
	if aerr := s.AuditExport("pdf-pack", true, res.Signatures*res.Targets, opt.Petition.ID); err == nil {
		err = aerr
	}
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
