package scan

import (
	"math"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// findMarks locates the four alignment marks near where the coarse
// transform puts them. found[i] is false for a mark not seen (covered by a
// thumb, cut off by the scanner lid).
func findMarks(p *plane, coarse transform, paper layout.Paper) (centres [4]pt, found [4]bool) {
	marks := layout.Marks(paper)
	s := coarse.pxPerPt(pt{marks[0].CenterX(), marks[0].CenterY()})
	for i, m := range marks {
		want := coarse.apply(pt{m.CenterX(), m.CenterY()})
		centres[i], found[i] = findMark(p, want, s, markRadius)
	}
	return
}

// Search radii around a mark's predicted centre, in points beyond its
// half side: the first guess (from the QR code), and the wider second
// look from the marks already found, which a photo at an angle needs (a
// 15 % keystone moves a far corner 60 points from where an affine fit
// puts it).
const (
	markRadius      = 42.0
	markRadiusAgain = 110.0
)

// findMark looks for a solid dark square of the mark's size within a
// window around want. It works on a grid thinned to about 100 dpi to find
// the candidate blobs, then measures the chosen one's centre at full
// resolution.
func findMark(p *plane, want pt, s, reach float64) (pt, bool) {
	side := layout.MarkSize * s
	radius := (layout.MarkSize/2 + reach) * s
	step := max(1, int(s*72/100))
	x0, y0 := clampInt(int(want.X-radius), 0, p.w), clampInt(int(want.Y-radius), 0, p.h)
	x1, y1 := clampInt(int(want.X+radius), 0, p.w), clampInt(int(want.Y+radius), 0, p.h)
	gw, gh := (x1-x0)/step, (y1-y0)/step
	if gw < 4 || gh < 4 {
		return pt{}, false
	}
	grid := make([]byte, gw*gh)
	for gy := 0; gy < gh; gy++ {
		row := p.pix[(y0+gy*step)*p.str+x0:]
		for gx := 0; gx < gw; gx++ {
			grid[gy*gw+gx] = row[gx*step]
		}
	}
	thr := darkThreshold(grid)
	best, bestD := blob{}, math.Inf(1)
	for _, b := range blobs(grid, gw, gh, thr) {
		w, h := float64(b.x1-b.x0+1)*float64(step), float64(b.y1-b.y0+1)*float64(step)
		area := float64(b.n) * float64(step*step)
		// A mark seen at up to ±5° (or slightly in perspective): its box is
		// a little larger than its side, and it is solidly filled.
		// A blob cut by the window's edge inside the image is the page's
		// dark surroundings, not a mark. One cut by the image's own edge
		// may be a mark a tilted page pushed partly out of the scan: its
		// centre is then a little off, which the grid alignment absorbs.
		if (b.x0 == 0 && x0 > 0) || (b.y0 == 0 && y0 > 0) || (b.x1 == gw-1 && x0+gw*step < p.w-step) || (b.y1 == gh-1 && y0+gh*step < p.h-step) {
			continue
		}
		if !markShape(w, h, area, side, reach > markRadius) {
			continue
		}
		c := pt{float64(x0) + (float64(b.x0+b.x1)/2+0.5)*float64(step), float64(y0) + (float64(b.y0+b.y1)/2+0.5)*float64(step)}
		if d := c.dist(want); d < bestD {
			best, bestD = b, d
		}
	}
	if math.IsInf(bestD, 1) {
		return pt{}, false
	}
	// Refine at full resolution: the darkness-weighted centroid of the
	// blob's box, grown by a step on every side.
	bx0, by0 := clampInt(x0+(best.x0-1)*step, 0, p.w), clampInt(y0+(best.y0-1)*step, 0, p.h)
	bx1, by1 := clampInt(x0+(best.x1+2)*step, 0, p.w), clampInt(y0+(best.y1+2)*step, 0, p.h)
	var sx, sy, sw float64
	for y := by0; y < by1; y++ {
		row := p.pix[y*p.str:]
		for x := bx0; x < bx1; x++ {
			if v := int(row[x]); v < thr {
				wgt := float64(thr - v)
				sx, sy, sw = sx+wgt*float64(x), sy+wgt*float64(y), sw+wgt
			}
		}
	}
	if sw == 0 {
		return pt{}, false
	}
	return pt{sx/sw + 0.5, sy/sw + 0.5}, true
}

// markShape reports whether a blob's box and area fit a mark of the
// given side. The wider look allows a mark up to a quarter larger or
// smaller than the affine guess says: a corner nearer to or further from
// a phone held at an angle.
func markShape(w, h, area, side float64, wide bool) bool {
	lo, hi := 0.7, 1.45
	if wide {
		lo, hi = 0.6, 1.75
	}
	return w >= side*lo && w <= side*hi && h >= side*lo && h <= side*hi &&
		area >= side*side*lo*lo*1.2 && area <= side*side*hi*hi*0.65
}

// darkThreshold is halfway between the window's paper (its 90th
// percentile) and its darkest ink (2nd percentile): it follows the light.
func darkThreshold(v []byte) int {
	var hist [256]int
	for _, b := range v {
		hist[b]++
	}
	lo, hi := percentile(&hist, len(v), 0.02), percentile(&hist, len(v), 0.90)
	if hi-lo < 40 {
		return lo - 1 // no contrast: nothing is dark
	}
	return (lo + hi) / 2
}

func percentile(hist *[256]int, n int, q float64) int {
	target := int(q * float64(n))
	acc := 0
	for i, c := range hist {
		acc += c
		if acc > target {
			return i
		}
	}
	return 255
}

// blob is a 4-connected dark region of the grid.
type blob struct{ x0, y0, x1, y1, n int }

// blobs labels the grid's dark cells (value < thr) into connected regions.
func blobs(grid []byte, w, h, thr int) []blob {
	seen := make([]bool, len(grid))
	var out []blob
	stack := make([]int, 0, 256)
	for i, v := range grid {
		if seen[i] || int(v) >= thr {
			continue
		}
		b := blob{x0: w, y0: h, x1: -1, y1: -1}
		stack = append(stack[:0], i)
		seen[i] = true
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := j%w, j/w
			b.n++
			b.x0, b.y0, b.x1, b.y1 = min(b.x0, x), min(b.y0, y), max(b.x1, x), max(b.y1, y)
			for _, k := range [4]int{j - 1, j + 1, j - w, j + w} {
				if k < 0 || k >= len(grid) || seen[k] || int(grid[k]) >= thr {
					continue
				}
				if (k == j-1 && x == 0) || (k == j+1 && x == w-1) {
					continue
				}
				seen[k] = true
				stack = append(stack, k)
			}
		}
		out = append(out, b)
	}
	return out
}
