package export

import (
	"math"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Signatures are drawn as vector paths: each stroke's centre line is
// simplified and then drawn as a chain of cubic Bézier curves, each
// stroked at the pen's width there, so the width follows the pen speed as
// on the pad. gopdf writes every point of every drawing command with
// fmt.Fprintf and keeps the commands in memory until the file is written,
// so the fewer points the better: a curve through points 0.6 pt apart in
// the bends is as smooth as a polygon through three times as many.

// inkStyle does not interpolate: the pad's samples are dense enough at the
// size of a table cell, and the curves smooth between the points kept.
var inkStyle = ink.Style{MinWidth: ink.DefaultStyle.MinWidth, MaxWidth: ink.DefaultStyle.MaxWidth, Steps: 1}

// Line widths on paper, in points: thinner is lost in print, thicker blots.
const (
	minPenPt   = 0.35
	maxPenPt   = 1.3
	widthStep  = 0.1 // pen widths are rounded to this, so that a new width operator is rarely needed
	simplifyPt = 1.0 // how far the simplified centre line may stray from the samples: 0.12 mm, below a 300-dpi dot pair
)

// inkCache holds buffers reused from one signature to the next.
type inkCache struct {
	segs    []ink.Segment
	centre  []penPoint
	kept    []int // indices into centre
	outline []gopdf.Point
	stack   [][2]int
	keep    []bool
}

type penPoint struct{ x, y, w float64 }

// drawSignature fits the strokes into cell (keeping their proportions,
// left-aligned and centred vertically, as a hand would sign) and draws
// them in black.
func (d *doc) drawSignature(strokes []petition.Stroke, cell layout.Rect, c *inkCache) {
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
	d.pdf.SetStrokeColor(0, 0, 0)
	d.pdf.SetFillColor(0, 0, 0)
	lastW := -1.0
	for _, st := range strokes {
		c.segs = ink.AppendStroke(c.segs[:0], st, inkStyle)
		if len(c.segs) == 0 {
			continue
		}
		c.centre = c.centre[:0]
		first := c.segs[0]
		c.centre = append(c.centre, penPoint{ox + float64(first.X0)*s, oy + float64(first.Y0)*s, penWidth(first.Width, s)})
		for _, sg := range c.segs {
			c.centre = append(c.centre, penPoint{ox + float64(sg.X1)*s, oy + float64(sg.Y1)*s, penWidth(sg.Width, s)})
		}
		c.kept = c.simplify(c.centre)
		if isDot(c.centre, c.kept) {
			c.outline = dot(c.outline[:0], c.centre[0])
			d.pdf.Polygon(c.outline, "F")
			continue
		}
		lastW = d.drawCurves(c.centre, c.kept, lastW)
	}
}

// drawCurves strokes one cubic Bézier between each pair of kept points,
// leaving each point along the centre line's own direction there (taken
// from its sample neighbours), with handles a third of the chord long:
// the curves meet without a kink and do not overshoot. lastW is the line
// width already set; the one set last is returned.
func (d *doc) drawCurves(pts []penPoint, kept []int, lastW float64) float64 {
	for k := 0; k+1 < len(kept); k++ {
		a, b := pts[kept[k]], pts[kept[k+1]]
		chord := math.Hypot(b.x-a.x, b.y-a.y) / 3
		tax, tay := direction(pts, kept[k])
		tbx, tby := direction(pts, kept[k+1])
		w := math.Round((a.w+b.w)/2/widthStep) * widthStep
		if w != lastW {
			d.pdf.SetLineWidth(w)
			lastW = w
		}
		d.pdf.Curve(a.x, a.y, a.x+tax*chord, a.y+tay*chord, b.x-tbx*chord, b.y-tby*chord, b.x, b.y, "D")
	}
	return lastW
}

// direction is the unit direction of the centre line at sample i, from
// the samples two either side (one at the ends).
func direction(pts []penPoint, i int) (float64, float64) {
	a, b := pts[max(i-2, 0)], pts[min(i+2, len(pts)-1)]
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l < 1e-9 {
		return 0, 0
	}
	return dx / l, dy / l
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

// dot is a small filled diamond where the pen only touched the pad.
func dot(out []gopdf.Point, p penPoint) []gopdf.Point {
	r := p.w * 0.7
	return append(out, gopdf.Point{X: p.x - r, Y: p.y}, gopdf.Point{X: p.x, Y: p.y - r},
		gopdf.Point{X: p.x + r, Y: p.y}, gopdf.Point{X: p.x, Y: p.y + r})
}

// simplify drops centre-line points that lie within simplifyPt of the
// line through their neighbours (Ramer-Douglas-Peucker, without recursion)
// and returns the indices of those kept.
// Distances are compared as |cross product| against simplifyPt times the
// chord's length, so no square root is taken per point.
func (c *inkCache) simplify(pts []penPoint) []int {
	out := c.kept[:0]
	if len(pts) <= 2 {
		for i := range pts {
			out = append(out, i)
		}
		return out
	}
	keep := c.keep[:0]
	for range pts {
		keep = append(keep, false)
	}
	c.keep = keep
	keep[0], keep[len(pts)-1] = true, true
	c.stack = append(c.stack[:0], [2]int{0, len(pts) - 1})
	for len(c.stack) > 0 {
		a, b := c.stack[len(c.stack)-1][0], c.stack[len(c.stack)-1][1]
		c.stack = c.stack[:len(c.stack)-1]
		pa, pb := pts[a], pts[b]
		dx, dy := pb.x-pa.x, pb.y-pa.y
		chord := math.Sqrt(dx*dx + dy*dy)
		far, idx := simplifyPt*max(chord, 1e-9), -1
		for i := a + 1; i < b; i++ {
			var d float64
			if chord < 1e-9 { // a closed loop: distance to the end point
				d = math.Hypot(pts[i].x-pa.x, pts[i].y-pa.y) * 1e-9
			} else {
				d = math.Abs(dy*(pts[i].x-pa.x) - dx*(pts[i].y-pa.y))
			}
			if d > far {
				far, idx = d, i
			}
		}
		if idx >= 0 {
			keep[idx] = true
			c.stack = append(c.stack, [2]int{a, idx}, [2]int{idx, b})
		}
	}
	for i, k := range keep {
		if k {
			out = append(out, i)
		}
	}
	return out
}
