package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestAllSignaturesPaged(t *testing.T) {
	st, _ := newTestState(t, true)
	pid := st.petition().ID
	var want []string
	st.store.ForEachSignature(pid, func(sig *petition.Signature) error {
		want = append(want, sig.ID)
		return nil
	})
	sheets, _ := st.store.Sheets(pid)
	for _, size := range []int{7, 30, 50} {
		r := newPagedRows(st, pid, sheets)
		r.size = size
		if r.total != len(want) {
			t.Fatalf("total %d, want %d", r.total, len(want))
		}
		// Read from the end backwards, so pages are read out of order.
		for i := r.total - 1; i >= 0; i-- {
			row := r.row(i)
			if row == nil {
				row = r.row(i) // the page was read inline
			}
			if row == nil || row.sig.ID != want[i] {
				t.Fatalf("page size %d: row %d is %v, want %s", size, i, row, want[i])
			}
			if len(r.pages) > keepPages {
				t.Fatalf("%d pages in memory, at most %d", len(r.pages), keepPages)
			}
		}
	}
}

func TestAllSignaturesStrike(t *testing.T) {
	st, _ := newTestState(t, true)
	s := newSheetsScreen(st)
	show(st, s.content)
	test.Tap(s.allSigs)
	a := s.all
	if a == nil || a.rows.total != 36 {
		t.Fatal("the list of all signatures did not open")
	}
	a.rows.row(33)
	item := newSheetRowItem()
	a.updateRow(33, item)
	before := valid(t, st)
	id := a.rows.row(33).sig.ID
	a.askStrike(id, 33)
	tapDialogButton(t, st.win, "Strike")
	if valid(t, st) != before-1 {
		t.Fatal("strike from the list did not count")
	}
	a.rows.row(33) // the page is read again, inline
	if r := a.rows.row(33); r == nil || !r.sig.IsStruck() {
		t.Error("the list shows a stale row after striking")
	}
}
