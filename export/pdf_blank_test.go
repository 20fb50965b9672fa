package export

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestPackLeavesOutUnreadableScan: a scanned page that is not an image
// no longer stops the pack: a note stands in its place, every other page
// is there, and the result names the page left out (once, though each
// target's part has it).
func TestPackLeavesOutUnreadableScan(t *testing.T) {
	s, p := pdfDemo(t)
	good := testJPEG(t)
	paper, err := s.CreatePaperSheets(p.ID, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	n := paper[0].Number
	scans := func(pid string, sheet int) ([][]byte, error) {
		if sheet != n {
			return nil, nil
		}
		return [][]byte{good, []byte("\xff\xd8\xff not a picture"), good}, nil
	}
	count := func(pid string, sheet int) (int, error) {
		if sheet != n {
			return 0, nil
		}
		return 3, nil
	}
	path, res := writePack(t, s, p, PackOptions{ScanPages: scans, ScanCount: count})
	if len(res.LeftOut) != 1 || res.LeftOut[0] != (ScanRef{Sheet: n, Page: 2}) || res.LeftOutText() != fmt.Sprintf("sheet %d, page 2", n) {
		t.Fatalf("left out: %v", res.LeftOut)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
		if !strings.Contains(text, fmt.Sprintf("Paper sheet %d, scan page 2: left out", n)) || !strings.Contains(text, "scan page 3 of 3") {
			t.Errorf("no note in the pack:\n%s", text)
		}
	}
}
