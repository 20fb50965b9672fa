package scan

import "github.com/petitiondesk/petitiondesk/petition/layout"

// Light pencil and fading pens can be lighter than the printed grid
// (grey 150): below the ink threshold, they would count as empty with
// full confidence. Each row is also read against a second, fainter
// threshold set from the paper's own level and noise in that stretch of
// the row; a row empty by ink but holding faint strokes in its name or
// signature cell is left to review (never counted, never dropped in
// silence). Noise sets the margin, so a grainy phone photo does not
// flag every blank row.

// faintConfidence is the confidence of a row that may hold faint
// writing: under ReviewBelow, so a person looks at it.
const faintConfidence = 0.3

// faintThreshold is the grey below which a sample may be faint writing:
// the paper's median less four times its noise (from the spread between
// its quartiles), at least 14 grey levels; never below the ink threshold.
func faintThreshold(hist *[256]int, n, inkThr int) int {
	p25, p50, p75 := percentile(hist, n, 0.25), percentile(hist, n, 0.5), percentile(hist, n, 0.75)
	sigma := float64(p75-p25) / 1.35
	return max(inkThr, p50-max(14, int(4*sigma+0.5)))
}

// faintWriting reports whether the name or the signature cell holds
// enough faint marks, after specks and edge lines were dropped, to be
// writing.
func (st *strip) faintWriting() bool {
	for _, i := range [2]int{0, 2} {
		if frac, cols := st.cellShare(st.faint, st.cells[i]); frac >= minInkFrac && cols >= minInkCols {
			return true
		}
	}
	return false
}

// A black-and-white copy breaks a thin or light stroke into lone dots,
// which the speck filter drops as noise; such a page has no sensor noise
// left (the copier thresholded it), so a row empty by ink but holding
// minDots marks in its name or signature cell (faint samples, dropped
// dots included) may be writing, and is left to review.
const minDots = 4

// cellDots counts, right after dropSpecks ran on the faint mask (its
// indices in st.keep), the dots dropped in the name and signature cells.
func (st *strip) cellDots() int {
	n := 0
	for _, i := range st.keep {
		c := i % st.cols
		if st.inCellRange(0, c) || st.inCellRange(2, c) {
			n++
		}
	}
	return n
}

func (st *strip) inCellRange(cell, c int) bool {
	return c >= st.cells[cell][0] && c < st.cells[cell][1]
}

// brokenWriting reports a black-and-white copy's row holding marks
// enough to be a broken stroke.
func (st *strip) brokenWriting() bool {
	if !st.bilevel {
		return false
	}
	n := st.dots
	for _, i := range [2]int{0, 2} {
		for c := st.cells[i][0]; c < st.cells[i][1]; c++ {
			for j := 0; j < st.rows; j++ {
				if st.faint[j*st.cols+c] {
					n++
				}
			}
		}
	}
	return n >= minDots
}

// faintStrike reports a line through the whole row in the faint mask: a
// pencil strike-through lighter than the ink threshold, on a row that the
// ink alone reads as written. Such a row is left to review.
func (st *strip) faintStrike() bool {
	for _, cell := range st.cells {
		cols := 0
		for c := cell[0]; c < cell[1]; c++ {
			for j := 0; j < st.rows; j++ {
				if st.faint[j*st.cols+c] {
					cols++
					break
				}
			}
		}
		if float64(cols) < strikeGate*float64(cell[1]-cell[0]) {
			return false
		}
	}
	return st.bestLineIn(st.faint) >= strikeLine
}

// darkInCells counts the dark pixels in the name and signature cells of
// a black-and-white copy's row, at the image's own resolution: a stroke
// the copier broke into dots finer than the sampling step still shows
// there (the copy has no noise, so any dark pixel is a mark).
func darkInCells(p *plane, t *transform, tb layout.Table, r layout.Row) int {
	step := 1 / max(t.pxPerPt(pt{tb.Name.X0, r.Y0}), 0.1)
	n := 0
	for _, c := range [2]layout.Column{tb.Name, tb.Signature} {
		for y := r.Y0 + insetY; y < r.Y1-insetY; y += step {
			for x := c.X0 + insetX; x < c.X1-insetX; x += step {
				q := t.apply(pt{x, y})
				ix, iy := int(q.X), int(q.Y)
				if ix >= 0 && iy >= 0 && ix < p.w && iy < p.h && p.pix[iy*p.str+ix] < 128 {
					n++
				}
			}
		}
	}
	return n
}
