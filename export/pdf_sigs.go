package export

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// The signatures of each sheet page are one Form XObject: a compressed
// content stream of their own, which the page draws with a single "Do".
// Worker goroutines fit, write and compress them while the main goroutine
// lays out the text of the next pages. Through gopdf each curve would be
// an object kept in memory until the file is written and then formatted
// with fmt.Fprintf, on the one goroutine gopdf allows: that made drawing
// the signatures cost as much again as the whole document without them.

// sigLayer collects the signatures of the page being drawn and hands each
// finished page to the workers.
type sigLayer struct {
	w, h   float64
	jobs   chan *sigPage
	pages  []*sigPage
	cur    *sigPage
	wg     sync.WaitGroup
	closed bool
}

// sigPage is one page's signatures: the cells to draw, then the finished
// XObject (dictionary and compressed stream).
type sigPage struct {
	name  string
	cells []sigCell
	obj   []byte
}

type sigCell struct {
	strokes []petition.Stroke
	cell    layout.Rect
}

// newSigLayer starts the workers for pages of w by h points. stop (or
// finish) must be called.
func newSigLayer(w, h float64) *sigLayer {
	l := &sigLayer{w: w, h: h, jobs: make(chan *sigPage, 8)}
	n := min(max(runtime.GOMAXPROCS(0), 1), 4)
	l.wg.Add(n)
	for range n {
		go l.work()
	}
	return l
}

// add queues a signature for the current page. The strokes are copied:
// the source may reuse them after its callback returns.
func (l *sigLayer) add(strokes []petition.Stroke, cell layout.Rect) {
	if len(strokes) == 0 {
		return
	}
	if l.cur == nil {
		l.cur = &sigPage{name: "/PDSig" + strconv.Itoa(len(l.pages)+1)}
		l.pages = append(l.pages, l.cur)
	}
	own := make([]petition.Stroke, len(strokes))
	for i, st := range strokes {
		own[i] = slices.Clone(st)
	}
	l.cur.cells = append(l.cur.cells, sigCell{own, cell})
}

// endPage draws the current page's signatures on it (the page must still
// be gopdf's current page) and sends them to be made.
func (l *sigLayer) endPage(pdf *gopdf.GoPdf) {
	if l.cur == nil {
		return
	}
	pdf.RawContent([]byte(l.cur.name + " Do\n"))
	l.jobs <- l.cur
	l.cur = nil
}

// finish waits for the workers and adds every page's XObject to the
// document, under the name its page draws.
func (l *sigLayer) finish(pdf *gopdf.GoPdf) {
	l.stop()
	names := make(map[string]int, len(l.pages))
	for _, p := range l.pages {
		id := pdf.GetNextObjectID()
		pdf.ImportObjects(map[int]string{id: string(p.obj)}, id)
		names[p.name] = id
		p.obj = nil
	}
	pdf.ImportTemplates(names)
}

// stop ends the workers once every queued page is made.
func (l *sigLayer) stop() {
	if !l.closed {
		l.closed = true
		close(l.jobs)
	}
	l.wg.Wait()
}

func (l *sigLayer) work() {
	defer l.wg.Done()
	c := inkCache{pageH: l.h}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed) // the level is valid
	for p := range l.jobs {
		// Black ink, round caps and joins, as a pen leaves it.
		c.ops = append(c.ops[:0], "0 G 0 g 1 J 1 j\n"...)
		for _, sc := range p.cells {
			c.drawSignature(sc.strokes, sc.cell)
		}
		p.cells = nil
		z.Reset()
		zw.Reset(&z)
		zw.Write(c.ops) // writes to a bytes.Buffer cannot fail
		zw.Close()
		p.obj = l.formObject(z.Bytes())
	}
}

// formObject is the text of a Form XObject covering the page, around an
// already compressed content stream.
func (l *sigLayer) formObject(stream []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 %.2f %.2f]\n/Resources << >>\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n",
		l.w, l.h, len(stream))
	b.Write(stream)
	b.WriteString("\nendstream\n")
	return b.Bytes()
}
