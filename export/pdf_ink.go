package export

import (
	"math"
	"strconv"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Signatures are drawn as vector paths: each stroke's centre line becomes
// a chain of cubic Bézier curves fitted to the pen's samples (within
// fitPt), each stroked at the pen's width there, so the width follows the
// pen speed as on the pad: about 16 curves draw a two-stroke signature as
// smoothly as a filled outline of 110 points. The operators are written
// here, not through gopdf (see pdf_sigs.go).

// inkStyle does not interpolate: the pad's samples are dense enough at the
// size of a table cell, and the curves smooth between the points kept.
var inkStyle = ink.Style{MinWidth: ink.DefaultStyle.MinWidth, MaxWidth: ink.DefaultStyle.MaxWidth, Steps: 1}

// Line widths on paper, in points: thinner is lost in print, thicker blots.
const (
	minPenPt  = 0.35
	maxPenPt  = 1.3
	widthStep = 0.2 // pen widths are rounded to this, so that a new width operator is rarely needed
	fitPt     = 0.5 // how far a curve may stray from the pen's samples: 0.18 mm, the width of a thin pen line
)

// inkCache holds buffers reused from one signature to the next, and the
// content stream being written.
type inkCache struct {
	segs   []ink.Segment
	centre []penPoint
	kept   []int     // indices into centre
	arc    []float64 // arc length of the centre line up to each point
	ops    []byte    // PDF drawing operators, page coordinates (origin bottom left)
	pageH  float64
}

// penPoint is a point of a stroke's centre line on the page: position,
// pen width, and the line's direction there (set by fit).
type penPoint struct{ x, y, w, tx, ty float64 }

// drawSignature fits the strokes into cell (keeping their proportions,
// left-aligned and centred vertically, as a hand would sign) and appends
// the operators that draw them to c.ops. The colour and line caps are
// set once by the caller.
func (c *inkCache) drawSignature(strokes []petition.Stroke, cell layout.Rect) {
	minX, minY, maxX, maxY, ok := ink.Bounds(strokes)
	if !ok {
		return
	}
	bw, bh := math.Max(float64(maxX-minX), 1), math.Max(float64(maxY-minY), 1)
	// A tiny scribble is not blown up to fill the cell: at most 2.5 times
	// the scale the whole pad would have.
	natural := math.Min(cell.W/ink.PadWidth, cell.H/ink.PadHeight)
	s := math.Min(math.Min(cell.W/bw, cell.H/bh), 2.5*natural)
	ox := cell.X - float64(minX)*s
	oy := cell.Y + (cell.H-bh*s)/2 - float64(minY)*s
	for _, st := range strokes {
		c.segs = ink.AppendStroke(c.segs[:0], st, inkStyle)
		if len(c.segs) == 0 {
			continue
		}
		c.centre = c.centre[:0]
		first := c.segs[0]
		c.centre = append(c.centre, penPoint{x: ox + float64(first.X0)*s, y: oy + float64(first.Y0)*s, w: penWidth(first.Width, s)})
		for _, sg := range c.segs {
			c.centre = append(c.centre, penPoint{x: ox + float64(sg.X1)*s, y: oy + float64(sg.Y1)*s, w: penWidth(sg.Width, s)})
		}
		c.kept = c.fit(c.centre)
		if isDot(c.centre, c.kept) {
			c.dot(c.centre[0])
			continue
		}
		c.curves(c.centre, c.kept)
	}
}

// curves strokes one cubic Bézier between each pair of kept points,
// chained into one path for as long as the pen width stays the same.
func (c *inkCache) curves(pts []penPoint, kept []int) {
	lastW := -1.0
	for k := 0; k+1 < len(kept); k++ {
		q := curveBetween(pts, kept[k], kept[k+1])
		w := math.Round((pts[kept[k]].w+pts[kept[k+1]].w)/2/widthStep) * widthStep
		if w != lastW {
			if lastW >= 0 {
				c.ops = append(c.ops, "S\n"...)
			}
			c.num(w)
			c.ops = append(c.ops, "w "...)
			c.point(q.x0, q.y0, "m")
			lastW = w
		}
		c.num(q.x1)
		c.num(c.pageH - q.y1)
		c.num(q.x2)
		c.num(c.pageH - q.y2)
		c.point(q.x3, q.y3, "c")
	}
	c.ops = append(c.ops, "S\n"...)
}

// dot is a small filled diamond where the pen only touched the pad.
func (c *inkCache) dot(p penPoint) {
	r := p.w * 0.7
	c.point(p.x-r, p.y, "m")
	c.point(p.x, p.y-r, "l")
	c.point(p.x+r, p.y, "l")
	c.point(p.x, p.y+r, "l")
	c.ops = append(c.ops, "f\n"...)
}

// point writes a point (top-left page coordinates) and an operator.
func (c *inkCache) point(x, y float64, op string) {
	c.num(x)
	c.num(c.pageH - y)
	c.ops = append(c.ops, op...)
	c.ops = append(c.ops, '\n')
}

// num writes a number to a tenth of a point (0.035 mm: finer than any
// printer places ink), without trailing zeros.
func (c *inkCache) num(v float64) {
	c.ops = strconv.AppendFloat(c.ops, math.Round(v*10)/10, 'f', -1, 64)
	c.ops = append(c.ops, ' ')
}

// setDirections stores in each point the unit direction of the centre
// line there, from the samples two either side (one at the ends).
func setDirections(pts []penPoint) {
	for i := range pts {
		a, b := pts[max(i-2, 0)], pts[min(i+2, len(pts)-1)]
		dx, dy := b.x-a.x, b.y-a.y
		if l := math.Sqrt(dx*dx + dy*dy); l > 1e-9 {
			pts[i].tx, pts[i].ty = dx/l, dy/l
		} else {
			pts[i].tx, pts[i].ty = 0, 0
		}
	}
}

func penWidth(padWidth float32, scale float64) float64 {
	return math.Min(math.Max(float64(padWidth)*scale, minPenPt), maxPenPt)
}

// isDot tells a tap of the pen (or a stroke shorter than its width) from
// a line.
func isDot(pts []penPoint, kept []int) bool {
	if len(kept) < 2 {
		return true
	}
	a, b := pts[kept[0]], pts[kept[len(kept)-1]]
	return len(kept) == 2 && math.Hypot(b.x-a.x, b.y-a.y) < a.w
}

// fit keeps as few centre-line points as it can such that the curve
// curves draws between two kept points passes within fitPt of every
// sample between them (greedily: each curve is made as long as it fits).
// A sample is compared with the nearest point of the curve, found from
// the point at the same fraction of the arc length. The reach of a curve is searched by doubling and
// bisection, so a stroke of n samples costs about n log n evaluations.
func (c *inkCache) fit(pts []penPoint) []int {
	out := append(c.kept[:0], 0)
	if len(pts) < 2 {
		return out
	}
	setDirections(pts)
	c.arc = c.arc[:0]
	sum := 0.0
	for i := range pts {
		if i > 0 {
			dx, dy := pts[i].x-pts[i-1].x, pts[i].y-pts[i-1].y
			sum += math.Sqrt(dx*dx + dy*dy)
		}
		c.arc = append(c.arc, sum)
	}
	last, reach := len(pts)-1, 4
	for i := 0; i < last; {
		// Try the previous curve's reach, double it while the curve fits,
		// then bisect between the last reach that fitted and the first
		// that did not.
		good, bad := i+1, -1
		for step := reach; bad < 0; step *= 2 {
			j := min(i+step, last, i+maxCurveSamples)
			if j <= good {
				break
			}
			if !c.fits(pts, i, j) {
				bad = j
				break
			}
			good = j
		}
		for bad > good+1 {
			if mid := (good + bad) / 2; c.fits(pts, i, mid) {
				good = mid
			} else {
				bad = mid
			}
		}
		out = append(out, good)
		reach, i = max(good-i, 2), good
	}
	return out
}

// maxCurveSamples bounds the samples one curve may stand for, so that
// fitting stays linear in the length of a stroke.
const maxCurveSamples = 32

func (c *inkCache) fits(pts []penPoint, i, j int) bool {
	b := curveBetween(pts, i, j)
	span := c.arc[j] - c.arc[i]
	if span < 1e-9 {
		return true
	}
	// Every other sample: they lie about half a point apart, closer than
	// the tolerance, so a curve cannot slip away between two checked ones.
	for k := i + 1; k < j; k += 2 {
		if b.dist2(pts[k].x, pts[k].y, (c.arc[k]-c.arc[i])/span) > fitPt*fitPt {
			return false
		}
	}
	return true
}

// cubic is a Bézier curve from (x0, y0) to (x3, y3).
type cubic struct{ x0, y0, x1, y1, x2, y2, x3, y3 float64 }

// curveBetween leaves sample i and reaches sample j along the centre
// line's own direction there (set by fit), with handles a
// third of the chord long: consecutive curves meet without a kink and do
// not overshoot.
func curveBetween(pts []penPoint, i, j int) cubic {
	a, b := pts[i], pts[j]
	h := math.Sqrt((b.x-a.x)*(b.x-a.x)+(b.y-a.y)*(b.y-a.y)) / 3
	return cubic{a.x, a.y, a.x + a.tx*h, a.y + a.ty*h, b.x - b.tx*h, b.y - b.ty*h, b.x, b.y}
}

// dist2 is the squared distance from (px, py) to the curve near t, after
// one Gauss-Newton step from t towards the curve's nearest point.
func (q cubic) dist2(px, py, t float64) float64 {
	x, y := q.at(t)
	if d := (x-px)*(x-px) + (y-py)*(y-py); d <= fitPt*fitPt {
		return d // close enough already: the nearest point is closer still
	}
	dx, dy := q.deriv(t)
	if n := dx*dx + dy*dy; n > 1e-12 {
		t = min(max(t-((x-px)*dx+(y-py)*dy)/n, 0), 1)
		x, y = q.at(t)
	}
	return (x-px)*(x-px) + (y-py)*(y-py)
}

func (q cubic) deriv(t float64) (float64, float64) {
	u := 1 - t
	a, b, c := 3*u*u, 6*u*t, 3*t*t
	return a*(q.x1-q.x0) + b*(q.x2-q.x1) + c*(q.x3-q.x2), a*(q.y1-q.y0) + b*(q.y2-q.y1) + c*(q.y3-q.y2)
}

func (q cubic) at(t float64) (float64, float64) {
	u := 1 - t
	a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return a*q.x0 + b*q.x1 + c*q.x2 + d*q.x3, a*q.y0 + b*q.y1 + c*q.y2 + d*q.y3
}
