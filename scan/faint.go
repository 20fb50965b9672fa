package scan

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
