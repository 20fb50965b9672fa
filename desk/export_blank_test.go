package desk

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// takingReserver takes the next numbers once, as another print would
// between writing the file and reserving its numbers.
type takingReserver struct {
	*store.Store
	took bool
}

func (r *takingReserver) ReservePaperSheets(pid string, first, n int) ([]petition.Sheet, error) {
	if !r.took {
		r.took = true
		if _, err := r.Store.CreatePaperSheets(pid, 1, "", ""); err != nil {
			return nil, err
		}
	}
	return r.Store.ReservePaperSheets(pid, first, n)
}

// TestBlankPrintsAgainWhenNumbersWereTaken: the sheets are printed again
// with the next free numbers, and the export is audited once.
func TestBlankPrintsAgainWhenNumbersWereTaken(t *testing.T) {
	s, p := demoStore(t)
	first, err := s.NextSheetNumber(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	before := auditCount(t, s)
	opt := BlankOptions{Path: filepath.Join(t.TempDir(), "blank.pdf"), Petition: p, Sheets: 2}
	sheets, err := exportBlank(context.Background(), s, &takingReserver{Store: s}, opt, nil)
	if err != nil || len(sheets) != 2 || sheets[0].Number != first+1 {
		t.Fatalf("sheets %v (%v), want two from %d", sheets, err, first+1)
	}
	if list := newEntries(t, s, before); len(list) != 1 || list[0].Details["kind"] != "blank" {
		t.Errorf("audit entries %+v, want one blank export", list)
	}
}
