package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store"
)

// Storing reviewed pages: each page's image goes to its sheet with the
// count, then the sheet's count becomes the sum of its pages. A page the
// sheet already holds is not counted twice: the user is asked before the
// earlier scan is replaced.

// scanWrite is one page to store, taken from its item on the UI
// goroutine so the background work reads nothing the window changes.
type scanWrite struct {
	it    *scanItem
	pid   string
	sheet int
	page  store.ScanPage
	jpeg  []byte // nil: the page was stored before; the store has it
}

func writeOf(it *scanItem) scanWrite {
	r := &it.res
	pg := store.ScanPage{Page: r.SheetPage, Count: it.count, Confidence: r.Confidence,
		Digest: r.Digest, Width: r.ImageW, Height: r.ImageH}
	if it.corrected() || r.NoQR {
		pg.Manual, pg.Confidence = true, 1 // a person counted it
	}
	return scanWrite{it: it, pid: r.PetitionID, sheet: r.Sheet, page: pg, jpeg: it.image}
}

// put stores the page and sets its sheet's count in one commit
// (desk.StoreScanPage); it returns that count.
// store.ErrAlreadyScanned means the sheet holds the page and nothing
// was replaced.
func (w scanWrite) put(s *store.Store, replace bool) (int, error) {
	res, err := desk.StoreScanPage(context.Background(), s, desk.ScanPageOptions{
		Petition: w.pid, Sheet: w.sheet, Page: w.page, Image: w.jpeg, Replace: replace})
	if err == nil && res.AlreadyScanned {
		err = store.ErrAlreadyScanned
	}
	return res.Total, err
}

// acceptable lists the pages "Accept all without problems" stores:
// counted, not stored yet, with no row the scanner was unsure of.
func acceptable(items []*scanItem) []*scanItem {
	var out []*scanItem
	for _, it := range items {
		if it.state == itemNew && it.res.OK() && !it.needsLook() {
			out = append(out, it)
		}
	}
	return out
}

// onAcceptAll stores every page without a problem.
func (v *scanScreen) onAcceptAll() {
	list := acceptable(v.ses.items)
	if len(list) > 0 {
		v.ses.storePages(v.st, list, false)
	}
}

// storePages stores pages in the background, one after the other, then
// asks about those stored before.
func (ses *scanSession) storePages(st *appState, items []*scanItem, replace bool) {
	if ses.busy || ses.running || len(items) == 0 {
		return
	}
	writes := make([]scanWrite, len(items))
	for i, it := range items {
		writes[i] = writeOf(it)
	}
	ses.busy = true
	ses.status = T("Storing pages: %d…", len(writes))
	ses.sync()
	st.background(func() {
		totals, errs := make([]int, len(writes)), make([]error, len(writes))
		for i, w := range writes {
			totals[i], errs[i] = w.put(st.store, replace)
		}
		fyne.Do(func() { ses.stored(st, writes, totals, errs) })
	})
}

// stored records the outcome of storePages on the UI goroutine.
func (ses *scanSession) stored(st *appState, writes []scanWrite, totals []int, errs []error) {
	ses.busy = false
	var again []*scanItem
	var fail error
	n := 0
	for i, w := range writes {
		switch err := errs[i]; {
		case errors.Is(err, store.ErrAlreadyScanned):
			again = append(again, w.it)
		case err != nil:
			if fail == nil {
				fail = err
			}
		default:
			w.it.state, w.it.total, w.it.image = itemStored, totals[i], nil
			n++
		}
	}
	ses.status = T("Pages stored: %d.", n)
	if len(again) > 0 {
		ses.status += " " + T("Scanned before: %d.", len(again))
	}
	if left := ses.waiting(); left > 0 {
		ses.status += " " + T("Still to accept or attach: %d (select each page, check it, then accept it).", left)
	}
	ses.sync()
	if fail != nil {
		st.fail(fail)
		return
	}
	if len(again) > 0 {
		ses.askReplace(st, again)
	}
}

// waiting counts the pages that could still be stored.
func (ses *scanSession) waiting() int {
	n := 0
	for _, it := range ses.items {
		if it.state == itemNew && (it.res.OK() || it.res.NoQR) {
			n++
		}
	}
	return n
}

// askReplace asks before earlier scans of these pages are replaced.
func (ses *scanSession) askReplace(st *appState, items []*scanItem) {
	msg := T("This page was scanned before. Replace it?")
	if len(items) > 1 {
		msg = T("%d of these pages were scanned before. Replace the earlier scans?", len(items))
	}
	dialog.ShowConfirm(T("Already scanned"), msg, func(yes bool) {
		if yes {
			ses.storePages(st, items, true)
			return
		}
		for _, it := range items {
			it.state = itemKept
		}
		ses.sync()
	}, st.win)
}
