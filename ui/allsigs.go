package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
	"github.com/petitiondesk/petitiondesk/store"
)

// Paging of the all-signatures list: a page is read when a row of it
// scrolls into view, and only the pages seen last stay in memory, so
// 100,000 signatures scroll as smoothly as 100 and never sit in memory
// together (a page with its thumbnails is about 2.4 MB).
const (
	pageSize  = 50
	keepPages = 4
)

// sheetSpan is where a digital sheet's rows sit in the whole list.
type sheetSpan struct{ number, first, filled int }

// pagedRows reads a petition's signatures page by page, in sheet and
// row order. The sheets' row counts tell where each page starts, so any
// page can be read directly (store.SignaturesPage from that sheet and
// row) without reading those before it.
type pagedRows struct {
	st       *appState
	pid      string
	spans    []sheetSpan
	total    int
	size     int // rows per page
	pages    map[int][]sheetRow
	loading  map[int]bool
	recent   []int  // pages, least recently loaded first
	onLoaded func() // called on the UI goroutine after a page arrives
}

func newPagedRows(st *appState, pid string, sheets []petition.Sheet) *pagedRows {
	r := &pagedRows{st: st, pid: pid, size: pageSize, pages: map[int][]sheetRow{}, loading: map[int]bool{}}
	for _, sh := range sheets {
		if sh.Origin != petition.OriginDigital || sh.Filled == 0 {
			continue
		}
		r.spans = append(r.spans, sheetSpan{sh.Number, r.total, sh.Filled})
		r.total += sh.Filled
	}
	return r
}

// row returns row i, or nil while its page is being read.
func (r *pagedRows) row(i int) *sheetRow {
	p := i / r.size
	rows, ok := r.pages[p]
	if !ok {
		r.load(p)
		return nil
	}
	if k := i % r.size; k < len(rows) {
		return &rows[k]
	}
	return nil
}

// cursor returns the store position just before row i.
func (r *pagedRows) cursor(i int) store.Cursor {
	for _, s := range r.spans {
		if i < s.first+s.filled {
			return store.Cursor{Sheet: s.number, Row: i - s.first}
		}
	}
	return store.Cursor{Sheet: 1 << 30}
}

func (r *pagedRows) load(p int) {
	if r.loading[p] {
		return
	}
	r.loading[p] = true
	st, pid, after, size := r.st, r.pid, r.cursor(p*r.size), r.size
	st.background(func() {
		sigs, _, err := st.store.SignaturesPage(pid, after, size)
		rows := make([]sheetRow, len(sigs))
		for i := range sigs {
			rows[i] = sheetRow{sig: sigs[i], thumb: ink.Render(sigs[i].Strokes, thumbW, thumbH, padInk)}
			rows[i].sig.Strokes = nil // the thumbnail is all the list needs
		}
		fyne.Do(func() {
			delete(r.loading, p)
			if err != nil {
				st.fail(err)
				return
			}
			r.keep(p, rows)
			if r.onLoaded != nil {
				r.onLoaded()
			}
		})
	})
}

// keep stores a page and forgets the oldest beyond keepPages.
func (r *pagedRows) keep(p int, rows []sheetRow) {
	r.pages[p] = rows
	r.recent = append(r.recent, p)
	for len(r.recent) > keepPages {
		delete(r.pages, r.recent[0])
		r.recent = r.recent[1:]
	}
}

// reload forgets every page (after a strike), so rows are read afresh.
func (r *pagedRows) reload() {
	r.pages, r.recent = map[int][]sheetRow{}, nil
}

// allSignatures lists every signature of the petition, sheet by sheet.
type allSignatures struct {
	st      *appState
	rows    *pagedRows
	list    *widget.List
	content fyne.CanvasObject
}

func newAllSignatures(st *appState, p *petition.Petition, sheets []petition.Sheet, back func()) *allSignatures {
	a := &allSignatures{st: st, rows: newPagedRows(st, p.ID, sheets)}
	a.list = widget.NewList(func() int { return a.rows.total }, newSheetRowItem, a.updateRow)
	a.rows.onLoaded = a.list.Refresh
	head := widget.NewLabelWithStyle(T("%s: all %d digital signatures, sheet by sheet", p.Reference, a.rows.total),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	backBtn := widget.NewButtonWithIcon(T("Back to the sheets"), theme.NavigateBackIcon(), back)
	a.content = container.NewBorder(container.NewPadded(container.NewVBox(container.NewHBox(backBtn), head)), nil, nil, nil, a.list)
	return a
}

func (a *allSignatures) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := a.rows.row(id)
	num := ""
	if r != nil {
		num = fmt.Sprintf("%d·%d", r.sig.Sheet, r.sig.Row)
	}
	fillRow(o, num, r, a.askStrike, a.unstrike)
}

func (a *allSignatures) askStrike(id string, row int) {
	askStrikeReason(a.st.win, row, func(reason petition.StrikeReason) {
		a.edit(func() error { return a.st.store.StrikeSignature(id, reason) })
	})
}

func (a *allSignatures) unstrike(id string) {
	a.edit(func() error { return a.st.store.UnstrikeSignature(id) })
}

func (a *allSignatures) edit(change func() error) {
	changeInBackground(a.st, change, func() {
		a.rows.reload()
		a.list.Refresh()
	})
}
