package scan

// Writing does not keep to its row: a descender (a g, a y, a flourish)
// reaches well into the row below, and some sign across the printed line.
// Ink is therefore attributed by connected strokes. Where ink reaches the
// edge of a row's strip, the band around the line below it (the two
// insets and the printed line, not sampled for the rows) is sampled too,
// the line taken out of it except where strokes cross it, and the ink
// connected through the band is traced through both rows. Such a stroke
// belongs to the row holding most of it: its part in the other row is
// taken out of that row's ink before the rows are decided, so a row whose
// only ink comes from its neighbour is empty, and a signature on the line
// counts once. When the split is close and the row losing the stroke is
// left empty by it, that row is left to review.
// Only strokes that cross the band are traced, and only lines with ink
// at a strip's edge get a band.

const (
	edgeRowsTouch = 2 // sample rows at a strip's top and bottom that count as its edge
	// attributeSure is the share of a stroke one row must hold for the
	// attribution to be certain; below it the rows are left to review.
	attributeSure = 0.75
)

// attribution is what stroke attribution found for one row.
type attribution struct {
	// share is the closest split among the strokes this row lost ink to
	// a neighbour by: the neighbour's share of the stroke.
	share float64
	// kept is the closest split among the strokes this row won from a
	// neighbour: its own share of the stroke.
	kept float64
}

// attribute traces strokes across each row line, takes each stroke's ink
// out of the row holding less of it, and reports per row the closest
// split. bridge samples the band around the line below row i.
func attribute(sts []strip, bridge func(i int, st *strip)) []attribution {
	out := make([]attribution, len(sts))
	for i := range out {
		out[i].share, out[i].kept = 1, 1
	}
	var br strip
	var tr tracer
	for i := 0; i+1 < len(sts); i++ {
		if !sts[i].edgeInk(sts[i].rows-edgeRowsTouch) && !sts[i+1].edgeInk(0) {
			continue
		}
		bridge(i, &br)
		br.classify()
		br.bridgeLines()
		tr.settle(&sts[i], &br, &sts[i+1], &out[i], &out[i+1])
	}
	return out
}

// edgeInk reports ink in the cells within edgeRowsTouch rows from row j0.
func (st *strip) edgeInk(j0 int) bool {
	for j := j0; j < j0+edgeRowsTouch; j++ {
		for _, cell := range st.cells {
			if countTrue(st.faint[j*st.cols+cell[0]:j*st.cols+cell[1]]) > 0 {
				return true
			}
		}
	}
	return false
}

// tracer follows strokes through a stack of the upper strip, the band
// and the lower strip; its buffers are reused from line to line.
type tracer struct {
	seen  []bool
	stack []int
	got   [2][]int // the stroke's samples in the upper and lower strip
}

// settle traces every stroke with ink in the band and gives it to the
// row holding most of it.
func (tr *tracer) settle(up, br, down *strip, aUp, aDown *attribution) {
	w := br.cols
	h := up.rows + br.rows + down.rows
	if cap(tr.seen) < w*h {
		tr.seen = make([]bool, w*h)
	}
	tr.seen = tr.seen[:w*h]
	clear(tr.seen)
	at := func(j, c int) bool {
		switch {
		case j < up.rows:
			return up.faint[j*w+c]
		case j < up.rows+br.rows:
			return br.faint[(j-up.rows)*w+c]
		default:
			return down.faint[(j-up.rows-br.rows)*w+c]
		}
	}
	for c := 0; c < w; c++ {
		if !br.inCell(c) {
			for j := 0; j < h; j++ {
				tr.seen[j*w+c] = true // the printed lines between the cells
			}
		}
	}
	for j := up.rows; j < up.rows+br.rows; j++ {
		for c := 0; c < w; c++ {
			if !tr.seen[j*w+c] && at(j, c) {
				tr.trace(j*w+c, w, h, up.rows, up.rows+br.rows, at)
				tr.give(up, down, aUp, aDown)
			}
		}
	}
}

// trace collects the stroke through sample k, sorting its
// samples into the upper strip (rows below j1) and the lower one (from j2).
func (tr *tracer) trace(k, w, h, j1, j2 int, at func(j, c int) bool) {
	tr.got[0], tr.got[1] = tr.got[0][:0], tr.got[1][:0]
	tr.seen[k] = true
	tr.stack = append(tr.stack[:0], k)
	for len(tr.stack) > 0 {
		k := tr.stack[len(tr.stack)-1]
		tr.stack = tr.stack[:len(tr.stack)-1]
		y, x := k/w, k%w
		switch {
		case y < j1:
			tr.got[0] = append(tr.got[0], k)
		case y >= j2:
			tr.got[1] = append(tr.got[1], k-j2*w)
		}
		for yy := max(y-2, 0); yy <= min(y+2, h-1); yy++ {
			for xx := max(x-2, 0); xx <= min(x+2, w-1); xx++ {
				if n := yy*w + xx; !tr.seen[n] && at(yy, xx) {
					tr.seen[n] = true
					tr.stack = append(tr.stack, n)
				}
			}
		}
	}
}

// give hands the traced stroke to the row with more of it.
func (tr *tracer) give(up, down *strip, aUp, aDown *attribution) {
	nu, nd := len(tr.got[0]), len(tr.got[1])
	if nu == 0 || nd == 0 {
		return
	}
	share := float64(max(nu, nd)) / float64(nu+nd)
	if nu >= nd {
		down.clearPiece(tr.got[1])
		aDown.share = min(aDown.share, share)
		aUp.kept = min(aUp.kept, share)
	} else {
		up.clearPiece(tr.got[0])
		aUp.share = min(aUp.share, share)
		aDown.kept = min(aDown.kept, share)
	}
}

// bridgeLines clears the printed line from a bridge's ink, except where
// a stroke crosses it (ink just above and just below), so crossing
// strokes stay connected and the line itself links nothing.
func (st *strip) bridgeLines() {
	w, h := st.cols, st.rows
	line := make([]bool, h)
	for j := 0; j < h; j++ {
		for _, cell := range st.cells {
			seg := st.faint[j*w+cell[0] : j*w+cell[1]]
			line[j] = line[j] || countTrue(seg) > len(seg)*6/10
		}
	}
	for j := 0; j < h; j++ {
		if !line[j] {
			continue
		}
		ja, jb := j-1, j+1
		for ja >= 0 && line[ja] {
			ja--
		}
		for jb < h && line[jb] {
			jb++
		}
		for c := 0; c < w; c++ {
			st.faint[j*w+c] = ja >= 0 && jb < h && st.near(ja, c) && st.near(jb, c)
		}
	}
}

// near reports ink at row j within a column of c.
func (st *strip) near(j, c int) bool {
	for x := max(c-1, 0); x <= min(c+1, st.cols-1); x++ {
		if st.faint[j*st.cols+x] {
			return true
		}
	}
	return false
}

// attributeConfidence is the confidence left to a row after a stroke
// through it was attributed with the given winning share: certain from
// attributeSure up, falling to ReviewBelow and under as the split nears
// half and half.
func attributeConfidence(share float64) float64 {
	return clamp01(ReviewBelow + (share-attributeSure)/(1-attributeSure)*(1-ReviewBelow))
}

// clearPiece takes a piece out of the ink, and out of the faint marks
// with a sample's margin (a stroke's lighter rim is faint, not writing).
func (st *strip) clearPiece(idx []int) {
	w, h := st.cols, st.rows
	for _, i := range idx {
		st.ink[i] = false
		y, x := i/w, i%w
		for yy := max(y-1, 0); yy <= min(y+1, h-1); yy++ {
			for xx := max(x-1, 0); xx <= min(x+1, w-1); xx++ {
				st.faint[yy*w+xx] = false
			}
		}
	}
}

func (st *strip) inCell(c int) bool {
	for _, cell := range st.cells {
		if c >= cell[0] && c < cell[1] {
			return true
		}
	}
	return false
}

// overflowInk is the most ink a cell may hold for the row's marks to be
// taken for a neighbour's overflow: below the 2 % the lightest written
// name or signature inks.
const overflowInk = 0.015

// overflow reports a row holding only a few marks, lying mostly against
// the line to a written neighbour: the neighbour's strokes that the trace
// could not join (a loop's tip over the line, a descender broken up).
func (st *strip) overflow(rows []Row, i int) bool {
	if max(rows[i].Name, rows[i].Signature) >= overflowInk {
		return false
	}
	top, bot := st.edgeShare()
	return i > 0 && rows[i-1].Written && top >= 0.6 || i+1 < len(rows) && rows[i+1].Written && bot >= 0.6
}

// edgeShare returns the shares of the marks (faint included) in the name
// and signature cells that lie in the top and in the bottom third of the
// strip.
func (st *strip) edgeShare() (top, bot float64) {
	t, b, all := st.thirds(st.faint)
	if all == 0 {
		return 0, 0
	}
	return float64(t) / float64(all), float64(b) / float64(all)
}

// topHeavy reports a row whose ink lies mostly in the top third of its
// strip, against the line above.
func (st *strip) topHeavy() bool {
	top, _, all := st.thirds(st.ink)
	return all > 0 && top*10 >= all*6
}

// thirds counts the set samples of mask in the name and signature cells:
// those in the strip's top third, its bottom third, and all of them.
func (st *strip) thirds(mask []bool) (top, bot, all int) {
	for j := 0; j < st.rows; j++ {
		for _, i := range [2]int{0, 2} {
			n := countTrue(mask[j*st.cols+st.cells[i][0] : j*st.cols+st.cells[i][1]])
			all += n
			if j < st.rows/3 {
				top += n
			}
			if j >= st.rows-st.rows/3 {
				bot += n
			}
		}
	}
	return top, bot, all
}
