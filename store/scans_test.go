package store

import (
	"bytes"
	"errors"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestScanPages(t *testing.T) {
	s, err := openChecked(t, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(time.Now())
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	sheets, err := s.CreatePaperSheets(p.ID, 2, "Church hall", "Group")
	if err != nil {
		t.Fatal(err)
	}
	n := sheets[0].Number
	img1, img2 := bytes.Repeat([]byte{1}, 100<<10), bytes.Repeat([]byte{2}, 200<<10) // over the value threshold
	steps := []struct {
		name    string
		page    int
		count   int
		img     []byte
		replace bool
		total   int
		err     error
	}{
		{"first page", 1, 3, img1, false, 3, nil},
		{"second page", 2, 20, img2, false, 23, nil},
		{"second page again", 2, 20, img2, false, 23, ErrAlreadyScanned},
		{"second page rescanned and replaced", 2, 19, img2, true, 22, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			total, err := s.PutScanPage(p.ID, n, ScanPage{Page: st.page, Count: st.count, Digest: "d"}, st.img, st.replace)
			if !errors.Is(err, st.err) || total != st.total {
				t.Fatalf("total %d err %v, want %d %v", total, err, st.total, st.err)
			}
			// The page and the sheet's count are one commit.
			sh, _ := s.SheetByNumber(p.ID, n)
			tot, _ := s.Totals(p.ID)
			if sh.Status != petition.SheetScanned || sh.Filled != st.total || tot.Paper != st.total {
				t.Fatalf("sheet %s with %d, paper total %d; want %d", sh.Status, sh.Filled, tot.Paper, st.total)
			}
		})
	}
	imgs, err := s.ScanPages(p.ID, n)
	if err != nil || len(imgs) != 2 || !bytes.Equal(imgs[0], img1) || !bytes.Equal(imgs[1], img2) {
		t.Fatalf("%d images, %v", len(imgs), err)
	}
	sh, _ := s.SheetByNumber(p.ID, n)
	if sh.Status != petition.SheetScanned || sh.Filled != 22 {
		t.Fatalf("sheet %s with %d", sh.Status, sh.Filled)
	}
	if tot, _ := s.Totals(p.ID); tot.Paper != 22 {
		t.Fatalf("paper total %d", tot.Paper)
	}
	if _, err := s.PutScanPage(p.ID, 999, ScanPage{Page: 1}, img1, false); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown sheet: %v", err)
	}
	if _, err := s.ScanImage(p.ID, n, 3); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing page: %v", err)
	}
	// One backup holds the images.
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	r, _ := openChecked(t, Options{InMemory: true})
	defer r.Close()
	if err := r.Restore(&buf, "", false); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.ScanImage(p.ID, n, 2); !bytes.Equal(got, img2) {
		t.Fatal("the backup lost a scanned page")
	}
	if err := s.DeleteScanPages(p.ID, n); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.ScanPageList(p.ID, n); len(list) != 0 {
		t.Fatalf("%d pages after delete", len(list))
	}
}

// TestScanPageOnDisk stores a large scanner JPEG: on disk its chunks go
// to the value log and the whole page fits in one transaction.
func TestScanPageOnDisk(t *testing.T) {
	s, err := openChecked(t, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(time.Now())
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	sheets, err := s.CreatePaperSheets(p.ID, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	img := make([]byte, 3<<20+12345)
	for i := range img {
		img[i] = byte(i * 31)
	}
	if _, err := s.PutScanPage(p.ID, sheets[0].Number, ScanPage{Page: 2, Count: 5}, img, false); err != nil {
		t.Fatal(err)
	}
	got, err := s.ScanImage(p.ID, sheets[0].Number, 2)
	if err != nil || !bytes.Equal(got, img) {
		t.Fatalf("read back %d bytes, %v", len(got), err)
	}
}

// TestScanPagesToReview checks that rows left to review are kept apart
// from the count, summed in the totals, and that a page stored before
// the field existed reads as having none.
func TestScanPagesToReview(t *testing.T) {
	s, err := openChecked(t, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(time.Now())
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	sheets, err := s.CreatePaperSheets(p.ID, 2, "", "")
	if err != nil {
		t.Fatal(err)
	}
	img := []byte{0xff, 0xd8, 0xff}
	if _, err := s.PutScanPage(p.ID, sheets[0].Number, ScanPage{Page: 1, Count: 7, Review: 2}, img, false); err != nil {
		t.Fatal(err)
	}
	old := []byte(`{"page":1,"count":4,"confidence":1,"digest":"d","width":1,"height":1,"bytes":3,"scanned":"2026-01-01T00:00:00Z"}`)
	if err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(keyScanMeta(p.ID, sheets[1].Number, 1), old)
	}); err != nil {
		t.Fatal(err)
	}
	tot, err := s.Totals(p.ID)
	if err != nil || tot.ToReview != 2 || tot.Paper != 7 {
		t.Fatalf("totals %+v, %v; want 7 counted, 2 to review", tot, err)
	}
	list, err := s.ScanPageList(p.ID, sheets[1].Number)
	if err != nil || len(list) != 1 || list[0].Review != 0 || list[0].Count != 4 {
		t.Fatalf("old page %+v, %v", list, err)
	}
}
