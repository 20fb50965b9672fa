package desk

import (
	"context"
	"errors"
	"fmt"

	"github.com/petitiondesk/petitiondesk/store"
)

// ScanPageOptions is one scanned page to store on its paper sheet.
type ScanPageOptions struct {
	Petition string // the petition's id
	Sheet    int
	// Page is the page's number on the sheet with its count, rows to
	// review, confidence and the image's digest and size.
	Page store.ScanPage
	// Image is the page's JPEG; nil keeps the image stored before (a page
	// stored earlier and counted again).
	Image []byte
	// Replace replaces the page if the sheet holds it already.
	Replace bool
}

// ScanStored says how storing a page went.
type ScanStored struct {
	Total int // the sheet's count now: the sum of its pages
	// AlreadyScanned: the sheet held the page and Replace was off, so
	// nothing was replaced.
	AlreadyScanned bool
}

// StoreScanPage stores a scanned page with its count; the store sets the
// sheet's count to the sum of its pages in the same commit. A page the
// sheet already holds is not counted again (AlreadyScanned); the sheet's
// count is still set from the stored pages (one more commit, only then),
// which repairs a database written before page and count were one
// commit. The window and `petitiondesk scan` both store pages here.
func StoreScanPage(ctx context.Context, s *store.Store, opt ScanPageOptions) (ScanStored, error) {
	if err := ctx.Err(); err != nil {
		return ScanStored{}, err
	}
	img := opt.Image
	if img == nil {
		var err error
		if img, err = s.ScanImage(opt.Petition, opt.Sheet, opt.Page.Page); err != nil {
			return ScanStored{}, err
		}
	}
	total, err := s.PutScanPage(opt.Petition, opt.Sheet, opt.Page, img, opt.Replace)
	if !errors.Is(err, store.ErrAlreadyScanned) {
		return ScanStored{Total: total}, err
	}
	res := ScanStored{Total: total, AlreadyScanned: true}
	if err := s.SetPaperCount(opt.Petition, opt.Sheet, total); err != nil {
		return res, fmt.Errorf("the sheet's count was not updated: %w", err)
	}
	return res, nil
}
