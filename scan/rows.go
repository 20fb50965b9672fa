package scan

import (
	"image"
	"math"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Sampling of a row, in page points. The step is finer than a pen line
// (about 1.2 pt wide for a ballpoint), so no stroke falls between samples.
// The insets keep the printed grid lines out of the cells even when the
// fitted transform is off by a point or two.
const (
	sampleStep = 0.7
	insetX     = 3.0
	insetY     = 2.6
	bgChunk    = 24 // sample columns per local paper-brightness estimate
)

// Ink decision thresholds, tuned on the generated corpus: a written name
// inks 3-10 % of its cell, a signature 2-8 %; a blank cell under noise and
// uneven light stays below 0.1 %.
const (
	minInkFrac = 0.004
	minInkCols = 5
	strikeGate = 0.75 // each cell inked across this share of its width
	strikeLine = 0.85 // share of columns one straight line must cross
	// A row inked across nearGate of each cell's width with one straight
	// line through nearLine of its columns may be struck out: reviewed.
	nearGate = 0.5
	nearLine = 0.6
)

// Row is what the scanner saw in one printed row.
type Row struct {
	Number     int     `json:"number"`    // row number on the sheet
	Name       float64 `json:"name"`      // share of the name cell that is ink
	Address    float64 `json:"address"`   // same for the address cell
	Signature  float64 `json:"signature"` // same for the signature cell
	Written    bool    `json:"written"`   // counts: name or signature written, not crossed out
	Struck     bool    `json:"struck"`    // crossed out by a line through the row
	Partial    bool    `json:"partial"`   // only a name or only a signature: worth a look
	Confidence float64 `json:"confidence"`
	// Box is the row's outline in the stored page image, corners clockwise
	// from top left, for the review pane to draw.
	Box [4]image.Point `json:"box"`
	// Crop is the row, straightened, at about 100 dpi, for review.
	Crop *image.Gray `json:"-"`
}

// strip is one row sampled across its three cells: vals[r*cols+c].
type strip struct {
	vals       []byte
	ink        []bool
	faint      []bool // lighter marks than ink: pencil, a fading pen (faint.go)
	keep       []int  // scratch for dropSpecks
	cols, rows int
	cells      [3][2]int // [name, address, signature] column ranges
	bilevel    bool      // the page is a black-and-white copy (faint.go)
	dithered   bool      // ... dithered, smoothed back into greys (bilevel.go)
	dots       int       // lone faint samples dropped from the name and signature cells
}

// readRows samples every row of the table through t, gives strokes that
// cross a row line to the row holding most of them (strokes.go) and
// decides which rows hold writing.
func readRows(p *plane, t *transform, tb layout.Table, edges []edge, bilevel, dithered bool) []Row {
	out := make([]Row, len(tb.Rows))
	sts := make([]strip, len(tb.Rows))
	before := make([]bool, len(tb.Rows))
	struck := make([]float64, len(tb.Rows)) // strike confidence before attribution, 0 if none
	for i, r := range tb.Rows {
		sts[i].bilevel, sts[i].dithered = bilevel, dithered
		sampleRow(p, t, tb, r, edges[i], edges[i+1], &sts[i])
		sts[i].classify()
		before[i] = sts[i].inked()
		struck[i] = sts[i].strike()
	}
	att := attribute(sts, func(i int, st *strip) {
		// The band from the upper row's cells to the lower row's: insetY
		// either side of the line, which sampleRow takes off again.
		line := tb.Rows[i].Y1
		band := layout.Row{Number: -1, Y0: line - 2*insetY, Y1: line + 2*insetY}
		sampleRow(p, t, tb, band, edges[i+1], edges[i+1], st)
	})
	for i, r := range tb.Rows {
		out[i] = sts[i].decide(r.Number)
		if struck[i] > 0 && !out[i].Struck {
			// A line through all three cells is this row's own strike-through,
			// even where a neighbour's stroke joins it (a descender reaching
			// the line) and attribution took its part in one cell away.
			out[i].Written, out[i].Struck, out[i].Partial = false, true, false
			out[i].Confidence = min(out[i].Confidence, struck[i])
			continue
		}
		if bilevel && !out[i].Written && !out[i].Struck && out[i].Confidence >= ReviewBelow && darkInCells(p, t, tb, r) >= minDots {
			// Marks too fine to sample, or a neighbour's stroke: empty as
			// far as can be read, but left to review (see darkInCells).
			out[i].Confidence = faintConfidence
		}
		if before[i] && !out[i].Written {
			// Emptied by giving a stroke to its neighbour: certain only
			// when the neighbour held most of it.
			out[i].Confidence = min(out[i].Confidence, attributeConfidence(att[i].share))
		}
		if out[i].Written && out[i].Partial {
			// Its one cell of writing may be a stroke won on a close split
			// (a signature on the line): as uncertain as the split; or,
			// crowded against the line above, the upper row's overflow in
			// pieces the trace could not join.
			out[i].Confidence = min(out[i].Confidence, attributeConfidence(att[i].kept))
			if i > 0 && out[i-1].Written && sts[i].topHeavy() {
				out[i].Confidence = min(out[i].Confidence, faintConfidence)
			}
		}
	}
	for i := range out {
		if out[i].Written && out[i].Confidence < ReviewBelow && sts[i].overflow(out, i) {
			// Left to review either way; the better guess for a few marks
			// against the line under (or over) a written row is that row's
			// overflow, not writing of its own.
			out[i].Written, out[i].Partial = false, false
		}
	}
	return out
}

// sampleRow fills st with the row's samples, nearest pixel. The row lies
// between its top and bottom boundaries as found (offsets from nominal at
// the table's left and right, interpolated across); along each line of
// samples the projective transform is evaluated incrementally.
func sampleRow(p *plane, t *transform, tb layout.Table, r layout.Row, top, bot edge, st *strip) {
	x0, x1 := tb.Name.X0+insetX, tb.Signature.X1-insetX
	y0, y1 := r.Y0+insetY, r.Y1-insetY
	st.cols, st.rows = int((x1-x0)/sampleStep)+1, int((y1-y0)/sampleStep)+1
	n := st.cols * st.rows
	if cap(st.vals) < n {
		st.vals, st.ink, st.faint = make([]byte, n), make([]bool, n), make([]bool, n)
	}
	st.vals, st.ink, st.faint = st.vals[:n], st.ink[:n], st.faint[:n]
	col := func(x float64) int { return clampInt(int(math.Round((x-x0)/sampleStep)), 0, st.cols) }
	st.cells = [3][2]int{
		{0, col(tb.Name.X1 - insetX)},
		{col(tb.Address.X0 + insetX), col(tb.Address.X1 - insetX)},
		{col(tb.Signature.X0 + insetX), st.cols},
	}
	span := float64(st.cols-1) * sampleStep
	for j := 0; j < st.rows; j++ {
		f := float64(j) / float64(max(st.rows-1, 1))
		left := y0 + float64(j)*sampleStep + top.left*(1-f) + bot.left*f
		right := y0 + float64(j)*sampleStep + top.right*(1-f) + bot.right*f
		dy := (right - left) / span * sampleStep
		dx := [3]float64{t[0]*sampleStep + t[1]*dy, t[3]*sampleStep + t[4]*dy, t[6]*sampleStep + t[7]*dy}
		nx, ny, nw := t[0]*x0+t[1]*left+t[2], t[3]*x0+t[4]*left+t[5], t[6]*x0+t[7]*left+t[8]
		row := st.vals[j*st.cols : (j+1)*st.cols]
		for c := range row {
			ix, iy := int(nx/nw), int(ny/nw)
			if ix >= 0 && iy >= 0 && ix < p.w && iy < p.h {
				row[c] = p.pix[iy*p.str+ix]
			} else {
				row[c] = 255
			}
			nx, ny, nw = nx+dx[0], ny+dx[1], nw+dx[2]
		}
	}
}

// classify marks ink: a sample clearly darker than the paper around it.
// The paper's brightness is estimated per chunk of columns, so a shadow
// or a gradient from a phone's flash moves the threshold with it. Printed
// grid lines are light grey and stay above the threshold; a line that the
// transform pushed inside a cell edge is removed as a line.
func (st *strip) classify() {
	for c0 := 0; c0 < st.cols; c0 += bgChunk {
		c1 := min(c0+bgChunk, st.cols)
		var hist [256]int
		for j := 0; j < st.rows; j++ {
			for _, v := range st.vals[j*st.cols+c0 : j*st.cols+c1] {
				hist[v]++
			}
		}
		bg := percentile(&hist, (c1-c0)*st.rows, 0.75)
		thr := min(bg*2/3, bg-40)
		faint := faintThreshold(&hist, (c1-c0)*st.rows, thr)
		for j := 0; j < st.rows; j++ {
			for c := c0; c < c1; c++ {
				v := int(st.vals[j*st.cols+c])
				st.ink[j*st.cols+c], st.faint[j*st.cols+c] = v < thr, v < faint
			}
		}
	}
	for k, m := range [2][]bool{st.ink, st.faint} {
		// A black-and-white copy has no sensor noise left: its dots are
		// marks, the pieces of a stroke the copier broke up.
		if !st.bilevel {
			st.dropSpecks(m)
		}
		if k == 1 && !st.bilevel {
			st.dots = st.cellDots()
		}
		for _, cell := range st.cells {
			st.dropEdgeLines(m, cell[0], cell[1])
		}
	}
}

// dropSpecks clears ink samples with no inked neighbour: a pen line is
// wider than the sampling step, so its samples touch; sensor noise, JPEG
// ringing and dust are isolated dots.
func (st *strip) dropSpecks(mask []bool) {
	w, h := st.cols, st.rows
	keep := st.keep[:0]
	for j := 0; j < h; j++ {
		for c := 0; c < w; c++ {
			if !mask[j*w+c] {
				continue
			}
			alone := true
			for dj := -1; dj <= 1 && alone; dj++ {
				for dc := -1; dc <= 1; dc++ {
					y, x := j+dj, c+dc
					if (dj != 0 || dc != 0) && y >= 0 && y < h && x >= 0 && x < w && mask[y*w+x] {
						alone = false
						break
					}
				}
			}
			if alone {
				keep = append(keep, j*w+c)
			}
		}
	}
	for _, i := range keep {
		mask[i] = false
	}
	st.keep = keep
}

// dropEdgeLines clears sample lines along a cell's edges that are inked
// almost end to end: a printed grid line, not writing.
func (st *strip) dropEdgeLines(mask []bool, c0, c1 int) {
	if c1-c0 < 4 {
		return
	}
	for _, j := range []int{0, 1, st.rows - 2, st.rows - 1} {
		line := mask[j*st.cols+c0 : j*st.cols+c1]
		if countTrue(line) > len(line)*6/10 {
			clear(line)
		}
	}
	for _, c := range []int{c0, c0 + 1, c1 - 2, c1 - 1} {
		n := 0
		for j := 0; j < st.rows; j++ {
			if mask[j*st.cols+c] {
				n++
			}
		}
		if n > st.rows*6/10 {
			for j := 0; j < st.rows; j++ {
				mask[j*st.cols+c] = false
			}
		}
	}
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}

// cellInk returns the share of a cell's samples that are ink and the
// share of its columns holding any.
func (st *strip) cellInk(cell [2]int) (frac float64, cols int) {
	return st.cellShare(st.ink, cell)
}

// cellShare returns the share of a cell's samples set in mask (the ink,
// or the faint marks) and the number of its columns holding any.
func (st *strip) cellShare(mask []bool, cell [2]int) (frac float64, cols int) {
	n := 0
	for c := cell[0]; c < cell[1]; c++ {
		any := false
		for j := 0; j < st.rows; j++ {
			if mask[j*st.cols+c] {
				n++
				any = true
			}
		}
		if any {
			cols++
		}
	}
	total := (cell[1] - cell[0]) * st.rows
	if total == 0 {
		return 0, 0
	}
	return float64(n) / float64(total), cols
}

// inked reports whether the name or the signature cell holds enough ink
// to be writing: decide's first test, without the crossed-out search.
func (st *strip) inked() bool {
	for _, i := range [2]int{0, 2} {
		if f, cols := st.cellInk(st.cells[i]); f >= minInkFrac && cols >= minInkCols {
			return true
		}
	}
	return false
}

// decide turns the row's ink into a verdict and a confidence.

func (st *strip) decide(number int) Row {
	r := Row{Number: number}
	var fr [3]float64
	var written [3]bool
	gate, near := true, true
	for i, cell := range st.cells {
		f, cols := st.cellInk(cell)
		fr[i] = f
		written[i] = f >= minInkFrac && cols >= minInkCols
		gate = gate && float64(cols) >= strikeGate*float64(cell[1]-cell[0])
		near = near && float64(cols) >= nearGate*float64(cell[1]-cell[0])
	}
	r.Name, r.Address, r.Signature = fr[0], fr[1], fr[2]
	name, sig := written[0], written[2]
	r.Confidence = min(inkConfidence(fr[0]), inkConfidence(fr[2]))
	if near || st.dithered {
		switch cover := st.bestLine(); {
		case gate && cover >= strikeLine:
			r.Struck = true
			r.Confidence = min(r.Confidence, strikeConfidence(cover))
		case near && cover >= nearLine || st.dithered && cover >= ditherNearLine:
			// Nearly a line through the row: a strike-through that a
			// black-and-white copy or a light pen broke up. Left to review.
			r.Confidence = min(r.Confidence, faintConfidence)
		}
	}
	r.Written = (name || sig) && !r.Struck
	r.Partial = name != sig && !r.Struck
	switch {
	case !r.Written && !r.Struck && (st.faintWriting() || st.brokenWriting()):
		// Marks lighter than ink, or a stroke a black-and-white copy
		// broke into dots: read as what they look like, and left to
		// review (counted only once a person confirms).
		r.Struck = st.faintStrike()
		r.Written = !r.Struck
		r.Confidence = min(r.Confidence, faintConfidence)
	case r.Written && st.faintStrike():
		// Written in ink, struck through more lightly (a pencil line).
		r.Written, r.Struck = false, true
		r.Confidence = min(r.Confidence, faintConfidence)
	}
	r.Partial = r.Partial && r.Written
	return r
}

// strike returns the confidence of a strike-through across the row's
// three cells as sampled (before attribution), or 0 when there is none.
func (st *strip) strike() float64 {
	for _, cell := range st.cells {
		if _, cols := st.cellInk(cell); float64(cols) < strikeGate*float64(cell[1]-cell[0]) {
			return 0
		}
	}
	if cover := st.bestLine(); cover >= strikeLine {
		return strikeConfidence(cover)
	}
	return 0
}

// strikeConfidence grows from 0.5 with the share of columns the line
// crosses beyond strikeLine.
func strikeConfidence(cover float64) float64 { return clamp01((cover-strikeLine)/0.1 + 0.5) }

// inkConfidence is how far a cell's ink share is from the threshold, on a
// log scale: 1 for an empty cell or a well-filled one, near 0 at the line.
func inkConfidence(f float64) float64 {
	return clamp01(math.Abs(math.Log((f+1e-4)/minInkFrac)) / math.Log(8))
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

// bestLine returns the largest share of the row's cell columns that one
// straight line (from any height at the left to any height at the right)
// passes through ink in, within a sample either side. Each tested column
// is packed into a bit mask of its inked rows, grown by one row up and
// down, so testing a line at a column is one bit test.
func (st *strip) bestLine() float64 { return st.bestLineIn(st.ink) }

// bestLineIn is bestLine on another mask (faint.go).
func (st *strip) bestLineIn(mask []bool) float64 {
	var cols []int
	var masks []uint32
	rows := min(st.rows, 32)
	for _, cell := range st.cells {
		for c := cell[0]; c < cell[1]; c += 2 {
			var m uint32
			for j := 0; j < rows; j++ {
				if mask[j*st.cols+c] {
					m |= 1 << j
				}
			}
			cols, masks = append(cols, c), append(masks, m|m<<1|m>>1)
		}
	}
	if len(cols) == 0 {
		return 0
	}
	best := 0
	span := float64(st.cols)
	for yl := 0; yl < rows; yl++ {
		for yr := 0; yr < rows; yr++ {
			slope := float64(yr-yl) / span
			hit, miss, allowed := 0, 0, len(cols)-best
			for i, c := range cols {
				y := int(float64(yl) + slope*float64(c) + 0.5)
				if masks[i]>>y&1 != 0 {
					hit++
				} else if miss++; miss >= allowed {
					break // cannot beat the best line any more
				}
			}
			best = max(best, hit)
		}
	}
	return float64(best) / float64(len(cols))
}
