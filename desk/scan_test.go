package desk

import (
	"bytes"
	"context"
	"testing"

	"github.com/petitiondesk/petitiondesk/store"
)

// TestStoreScanPage: a page sets its sheet's count; stored again it is
// not counted twice (AlreadyScanned); counted again without a new image
// and replaced, it keeps the image stored before.
func TestStoreScanPage(t *testing.T) {
	s, p := demoStore(t)
	sheets, err := s.CreatePaperSheets(p.ID, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	img := []byte("\xff\xd8\xff a page")
	opt := ScanPageOptions{Petition: p.ID, Sheet: sheets[0].Number, Page: store.ScanPage{Page: 1, Count: 7}, Image: img}
	res, err := StoreScanPage(context.Background(), s, opt)
	if err != nil || res != (ScanStored{Total: 7}) {
		t.Fatalf("first: %+v %v", res, err)
	}
	opt.Page.Count = 9
	if res, err = StoreScanPage(context.Background(), s, opt); err != nil || res != (ScanStored{Total: 7, AlreadyScanned: true}) {
		t.Fatalf("again: %+v %v", res, err)
	}
	opt.Image, opt.Replace = nil, true
	if res, err = StoreScanPage(context.Background(), s, opt); err != nil || res != (ScanStored{Total: 9}) {
		t.Fatalf("counted again: %+v %v", res, err)
	}
	if got, err := s.ScanImage(p.ID, opt.Sheet, 1); err != nil || !bytes.Equal(got, img) {
		t.Errorf("image %q (%v), want the one stored before", got, err)
	}
}
