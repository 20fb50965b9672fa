package export

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

// fakeReserver hands out numbers from next; taken makes the first
// reservations fail as if another print had taken the numbers.
type fakeReserver struct {
	next, taken, reserved int
}

func (f *fakeReserver) NextSheetNumber(string) (int, error) { return f.next, nil }

func (f *fakeReserver) ReservePaperSheets(pid string, first, n int) ([]petition.Sheet, error) {
	if f.taken > 0 || first != f.next {
		f.taken--
		f.next += 3 // someone else took three
		return nil, petition.ErrSheetNumbersTaken
	}
	var out []petition.Sheet
	for i := range n {
		out = append(out, petition.Sheet{PetitionID: pid, Number: first + i, Origin: petition.OriginPaper})
	}
	f.next += n
	f.reserved += n
	return out, nil
}

// TestBlankReservesOnlyWrittenSheets: a print that fails (cancelled, or
// no place to write) reserves no number; one whose numbers were taken
// meanwhile is printed again with new ones.
func TestBlankReservesOnlyWrittenSheets(t *testing.T) {
	p := petition.Example(pdfNow)
	p.ID = "p1"
	r := &fakeReserver{next: 5}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := PrintBlankFile(cancelled, filepath.Join(dir, "a.pdf"), r, p, 2, PDFOptions{Now: pdfNow}, nil); err == nil || r.reserved != 0 {
		t.Fatalf("cancelled: %v, %d reserved", err, r.reserved)
	}
	if _, err := PrintBlankFile(context.Background(), filepath.Join(dir, "no such folder", "a.pdf"), r, p, 2, PDFOptions{Now: pdfNow}, nil); err == nil || r.reserved != 0 {
		t.Fatalf("unwritable: %v, %d reserved", err, r.reserved)
	}
	r.taken = 1
	sheets, err := PrintBlankFile(context.Background(), filepath.Join(dir, "b.pdf"), r, p, 2, PDFOptions{Now: pdfNow}, nil)
	if err != nil || len(sheets) != 2 || sheets[0].Number != 8 || r.reserved != 2 {
		t.Fatalf("after a clash: %v %v, %d reserved", sheets, err, r.reserved)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.pdf")); err != nil {
		t.Fatal(err)
	}
}
