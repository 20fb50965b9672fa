package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/petitiondesk/petitiondesk/scan"
)

// The Scan screen's batch: the chosen files, the pages read from them and
// what the user did with each. It lives beside the screen, not in it, so
// a batch under way and its results survive switching to another screen
// (or petition) and back. Closing the window stops the batch; the pages
// read until then would be lost with the window anyway.

// itemState is what became of a page.
type itemState int

const (
	itemNew    itemState = iota // read, not stored yet
	itemStored                  // stored with its sheet
	itemKept                    // scanned before; the user kept the earlier scan
)

// scanItem is one page of the batch. The page's JPEG (what will be
// stored) and the row crops (as small JPEGs) are kept; no decoded image
// is: only the page under review is decoded, so a batch of a hundred
// pages weighs its files' size, not a gigabyte of pixels.
type scanItem struct {
	res     scan.Result // Image and the rows' Crop moved out, below
	fileIdx int         // the file's place in the chosen list, for the order
	image   []byte      // the JPEG to store; nil once stored (the store has it)
	crops   [][]byte    // each row's crop as a JPEG, by row
	count   int         // what will be stored: the scanner's count or the user's
	state   itemState
	total   int // the sheet's count once this page was stored
}

// corrected reports whether the user changed the scanner's count (a
// page printed elsewhere has none: its count is always typed in).
func (it *scanItem) corrected() bool { return !it.res.NoQR && it.count != it.res.Count }

// unsureRows lists the rows whose verdict is uncertain.
func (it *scanItem) unsureRows() []int {
	var out []int
	for _, r := range it.res.Rows {
		if r.Confidence < 0.5 {
			out = append(out, r.Number)
		}
	}
	return out
}

// needsLook reports whether a page should be looked at before it is
// stored: "Accept all without problems" leaves it for the user.
func (it *scanItem) needsLook() bool { return len(it.unsureRows()) > 0 }

// scanSession is the batch of one window.
type scanSession struct {
	st       *appState
	files    []string
	items    []*scanItem
	running  bool
	cancel   context.CancelFunc
	done     chan struct{} // closed when the running batch has ended
	stopped  string        // why the batch was stopped, for its last status
	prog     scan.Progress
	status   string
	selected *scanItem
	busy     bool        // pages are being stored
	view     *scanScreen // the screen built last for the session
}

// closeWait bounds how long closing the window waits for a cancelled
// batch: the pages being analysed finish first (a second or so each).
const closeWait = 20 * time.Second

// sessionOf returns the window's batch, made on first use.
func sessionOf(st *appState) *scanSession {
	st.jobsMu.Lock()
	defer st.jobsMu.Unlock()
	s := st.scan
	if s == nil {
		s = &scanSession{st: st}
		st.scan = s
		s.hookWindow()
	}
	return s
}

// pageDone is a page as the batch hands it over, before its crops are
// compressed.
type pageDone struct {
	prog  scan.Progress
	res   scan.Result
	crops []*image.Gray
}

// takePage moves the page's image and crops out of the batch's result,
// which the batch keeps until it ends, so they are held only once. It
// runs inside Batch's OnPage and only moves pointers.
func takePage(p scan.Progress, r *scan.Result) pageDone {
	pd := pageDone{prog: p, res: *r}
	pd.res.Rows = append([]scan.Row(nil), r.Rows...)
	pd.crops = make([]*image.Gray, len(r.Rows))
	for i := range r.Rows {
		pd.crops[i] = r.Rows[i].Crop
		r.Rows[i].Crop, pd.res.Rows[i].Crop = nil, nil
	}
	r.Image = nil
	return pd
}

// item compresses the crops and makes the page's record.
func (pd pageDone) item(order map[string]int) *scanItem {
	it := &scanItem{res: pd.res, fileIdx: order[pd.res.File], image: pd.res.Image, count: pd.res.Count}
	it.res.Image = nil
	it.crops = make([][]byte, len(pd.crops))
	for i, c := range pd.crops {
		if c == nil {
			continue
		}
		var buf bytes.Buffer
		if jpeg.Encode(&buf, c, &jpeg.Options{Quality: 80}) == nil {
			it.crops[i] = buf.Bytes()
		}
	}
	return it
}

// runBatch scans the chosen files in the background: pages are analysed
// in parallel by scan.Batch; one goroutine compresses each page's crops
// and hands it to the window, in the order the pages finish.
func (ses *scanSession) runBatch(st *appState) {
	if ses.running || len(ses.files) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	files := append([]string(nil), ses.files...)
	order := map[string]int{}
	for i, f := range files {
		order[f] = i
	}
	done := make(chan struct{})
	ses.running, ses.cancel, ses.done, ses.stopped, ses.busy = true, cancel, done, "", false
	ses.items, ses.selected = nil, nil
	ses.prog = scan.Progress{Files: len(files)}
	ses.status = T("Reading the scans…")
	if v := ses.view; v != nil {
		v.results.UnselectAll()
		v.review.show(nil)
	}
	ses.sync()
	pages := make(chan pageDone, 8)
	converted := make(chan struct{})
	go func() {
		for pd := range pages {
			it := pd.item(order)
			prog := pd.prog
			fyne.Do(func() { ses.add(it, prog) })
		}
		close(converted)
	}()
	st.background(func() {
		scan.Batch(ctx, files, st.store, scan.Options{OnPage: func(p scan.Progress, r *scan.Result) {
			pages <- takePage(p, r)
		}})
		close(pages)
		<-converted
		cancelled := ctx.Err() != nil
		cancel()
		fyne.Do(func() { ses.finish(cancelled) })
		close(done) // after the hand-over: the test driver runs it inline
	})
}

func (ses *scanSession) add(it *scanItem, p scan.Progress) {
	ses.items = append(ses.items, it)
	ses.prog = p
	ses.status = T("Page %d of %d read (%d of %d files opened).", p.PagesDone, p.Pages, p.FilesRead, p.Files)
	if v := ses.view; v != nil {
		v.showProgress()
		v.results.Refresh()
	}
}

// showing reports whether the Scan screen is the one open: every screen
// sets st.shown when it is built.
func (ses *scanSession) showing() bool {
	return ses.view != nil && ses.st.shown == openScreen(ses.view)
}

func (ses *scanSession) finish(cancelled bool) {
	ses.running, ses.cancel = false, nil
	sort.SliceStable(ses.items, func(i, j int) bool {
		a, b := ses.items[i], ses.items[j]
		if a.fileIdx != b.fileIdx {
			return a.fileIdx < b.fileIdx
		}
		return a.res.Page < b.res.Page
	})
	counted, bad, foreign, heic := 0, 0, 0, 0
	for _, it := range ses.items {
		switch {
		case it.res.OK():
			counted++
		case it.res.NoQR:
			foreign++
		case errors.Is(it.res.Err, scan.ErrHEIC):
			heic++
		default:
			bad++
		}
	}
	ses.status = T("Pages read: %d. Counted: %d, printed elsewhere: %d, with a problem: %d. Check the counts, then accept them.",
		len(ses.items), counted, foreign, bad)
	if heic > 0 {
		ses.status += " " + T("HEIC photos skipped: %d (save them as JPEG).", heic)
	}
	if cancelled {
		why := ses.stopped
		if why == "" {
			why = T("Cancelled: nothing was stored.")
		}
		ses.status = why + " " + ses.status
	}
	ses.sync()
	if ses.view != nil && ses.selected != nil {
		ses.view.selectItem(ses.selected) // its row moved with the sorting
	}
}

// onCancel stops the batch; the pages read so far stay.
func (ses *scanSession) onCancel() { ses.stop(T("Cancelled: nothing was stored.")) }

// stop cancels the batch under way; why starts its last status. A batch
// only reads: the database is written when pages are accepted.
func (ses *scanSession) stop(why string) {
	if ses.running && ses.cancel != nil && ses.stopped == "" {
		ses.stopped = why
		ses.cancel()
		ses.status = T("Cancelling…")
		ses.sync()
	}
}

// stopScan stops the window's scan under way, if any, before the
// database closes: on SIGINT or SIGTERM the app quits without closing the
// window, so stopForClose would not run.
func stopScan(st *appState) {
	st.jobsMu.Lock()
	ses := st.scan
	st.jobsMu.Unlock()
	if ses != nil {
		ses.stopForClose()
	}
}

// stopForClose cancels the batch as the window closes and waits for it
// to end, so that it no longer reads the database once that is closed.
// It runs on the UI goroutine; the batch hands its pages over with
// fyne.Do, which only queues them, so the wait cannot lock up.
func (ses *scanSession) stopForClose() {
	if !ses.running || ses.cancel == nil {
		return
	}
	ses.cancel()
	select {
	case <-ses.done:
	case <-time.After(closeWait):
	}
}

// sync redraws the screen showing the session, if any.
func (ses *scanSession) sync() {
	if ses.view != nil {
		ses.view.sync()
	}
}

// problemWords says in plain words why a page was not counted.
func problemWords(r *scan.Result) string {
	p := r.Problem
	if p == "" {
		return ""
	}
	if r.NoQR {
		return T("No Petition Desk QR code: a sheet printed elsewhere? Select the page to attach it to a sheet by hand.")
	}
	switch {
	case p == scan.ProblemForeignQR:
		return T("The QR code on this page is not from a Petition Desk sheet.")
	case p == scan.ProblemNoMarks:
		return T("The corner marks could not be found: scan the whole page, lying flat.")
	case p == scan.ProblemNoGrid:
		return T("The rows could not be lined up with the printed grid: scan the page lying flat.")
	case p == scan.ProblemBlackWhite:
		return T("This looks like a black-and-white scan, which lost the page's grey lines: scan it again in greyscale (or colour).")
	case p == scan.ProblemOtherDB:
		return T("This sheet belongs to a petition that is not in this database.")
	case sameFormat(p, scan.ProblemNotPrinted):
		return T("Sheet %d of %s was not printed from this database.", r.Sheet, r.Reference)
	case sameFormat(p, scan.ProblemDigitalSheet):
		return T("Sheet %d of %s was signed on the laptop, not printed.", r.Sheet, r.Reference)
	case sameFormat(p, scan.ProblemRowsMismatch):
		return T("The rows on this page do not match the petition's sheets.")
	}
	return inputWords(r)
}

// inputWords explains a file or page that could not be read.
func inputWords(r *scan.Result) string {
	switch {
	case errors.Is(r.Err, scan.ErrEmpty):
		return T("The file is empty.")
	case errors.Is(r.Err, scan.ErrHEIC):
		return T("An iPhone HEIC photo, which this program cannot read: save it as JPEG, or set the camera to Most Compatible and photograph the sheet again.")
	case errors.Is(r.Err, scan.ErrNotImage):
		return T("This is not a scan the program reads (JPEG, PNG, TIFF or a PDF of scans).")
	case errors.Is(r.Err, scan.ErrTooLarge):
		return T("The image is far too large to be a scanned page.")
	case errors.Is(r.Err, scan.ErrNoImages):
		return T("The PDF holds no scanned page images.")
	case errors.Is(r.Err, scan.ErrDamaged):
		return T("The image is damaged or cut short.")
	case errors.Is(r.Err, scan.ErrFileTooBig):
		return T("The file is far too large to be a scan.")
	}
	var ie *scan.InputError
	if errors.As(r.Err, &ie) {
		switch ie.Err.Error() {
		case "no such file":
			return T("The file is no longer there.")
		case "permission denied":
			return T("This file may not be read (permission denied).")
		}
	}
	if strings.HasPrefix(r.Problem, "the image is too small") {
		return T("The image is too small to be a scanned page.")
	}
	if strings.HasPrefix(r.Problem, "the PDF is damaged") {
		return T("The PDF is damaged or encrypted.")
	}
	return r.Problem
}

// sameFormat reports whether text was made from the format: the same
// words up to its first verb.
func sameFormat(text, format string) bool {
	head, _, _ := strings.Cut(format, "%")
	return head != "" && strings.HasPrefix(text, head)
}

// noteWords is the hint shown for a counted page.
func noteWords(it *scanItem) string {
	if it.res.NoQR && it.state == itemStored {
		return T("Printed elsewhere: counted by hand.")
	}
	if !it.res.OK() {
		return problemWords(&it.res)
	}
	unsure := it.unsureRows()
	if len(unsure) == 0 || it.state != itemNew {
		return ""
	}
	nums := make([]string, len(unsure))
	for i, n := range unsure {
		nums[i] = strconv.Itoa(n)
	}
	return T("Check row %s by eye.", strings.Join(nums, ", "))
}

// itemStateWords says what became of a page.
func itemStateWords(it *scanItem) string {
	switch it.state {
	case itemStored:
		if it.res.NoQR {
			return T("stored by hand (sheet now %d)", it.total)
		}
		return T("stored (sheet now %d)", it.total)
	case itemKept:
		return T("earlier scan kept")
	}
	switch {
	case it.res.OK():
		return T("to accept")
	case it.res.NoQR:
		return T("to attach")
	}
	return "—"
}

// sheetWords is "3 p. 2": the sheet and its page.
func sheetWords(r *scan.Result) string {
	if r.Sheet == 0 {
		return "—"
	}
	return fmt.Sprintf("%d %s %d", r.Sheet, T("p."), r.SheetPage)
}
