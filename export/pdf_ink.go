package export

import (
	"math"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Signatures are drawn as vector outlines: each stroke becomes one filled
// polygon whose width follows the pen speed, as on the pad. gopdf has no
// round line caps and keeps every drawing command in memory until the
// file is written, so one polygon per stroke (instead of one Line per
// segment) keeps the pack small in memory and on disk, and crisp at any
// zoom.

// inkStyle interpolates fewer points than the pad does: at the size of a
// table cell, two steps between samples are already smooth at 300 dpi.
var inkStyle = ink.Style{MinWidth: ink.DefaultStyle.MinWidth, MaxWidth: ink.DefaultStyle.MaxWidth, Steps: 2}

// Line widths on paper, in points: thinner is lost in print, thicker blots.
const (
	minPenPt   = 0.35
	maxPenPt   = 1.3
	simplifyPt = 0.2 // how far the simplified centre line may stray: 0.07 mm, below a print dot at 300 dpi, and half the points of 0.06
)

// inkCache holds buffers reused from one signature to the next.
type inkCache struct {
	segs    []ink.Segment
	centre  []penPoint
	kept    []penPoint
	outline []gopdf.Point
	stack   [][2]int
	keep    []bool
}

type penPoint struct{ x, y, w float64 }

// drawSignature fits the strokes into cell (keeping their proportions,
// left-aligned and centred vertically, as a hand would sign) and fills
// each stroke's outline in black.
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
	d.pdf.SetFillColor(0, 0, 0)
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
		c.outline = outline(c.outline[:0], c.kept)
		d.pdf.Polygon(c.outline, "F")
	}
}

func penWidth(padWidth float32, scale float64) float64 {
	return math.Min(math.Max(float64(padWidth)*scale, minPenPt), maxPenPt)
}

// simplify drops centre-line points that lie within simplifyPt of the
// line through their neighbours (Ramer-Douglas-Peucker, without recursion).
// Distances are compared as |cross product| against simplifyPt times the
// chord's length, so no square root is taken per point.
func (c *inkCache) simplify(pts []penPoint) []penPoint {
	out := c.kept[:0]
	if len(pts) <= 2 {
		return append(out, pts...)
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
			out = append(out, pts[i])
		}
	}
	return out
}

// outline builds the closed outline of a stroke of varying width: the
// left edge forward, a pointed cap, the right edge back, a pointed cap.
func outline(out []gopdf.Point, pts []penPoint) []gopdf.Point {
	n := len(pts)
	if n == 1 || (n == 2 && math.Hypot(pts[1].x-pts[0].x, pts[1].y-pts[0].y) < 0.2) {
		p, r := pts[0], pts[0].w*0.7 // a dot: a small diamond
		return append(out, gopdf.Point{X: p.x - r, Y: p.y}, gopdf.Point{X: p.x, Y: p.y - r},
			gopdf.Point{X: p.x + r, Y: p.y}, gopdf.Point{X: p.x, Y: p.y + r})
	}
	tangent := func(i int) (float64, float64) {
		a, b := pts[max(i-1, 0)], pts[min(i+1, n-1)]
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		if l < 1e-9 {
			return 1, 0
		}
		return dx / l, dy / l
	}
	for i := 0; i < n; i++ {
		tx, ty := tangent(i)
		h := pts[i].w / 2
		out = append(out, gopdf.Point{X: pts[i].x - ty*h, Y: pts[i].y + tx*h})
	}
	tx, ty := tangent(n - 1)
	out = append(out, gopdf.Point{X: pts[n-1].x + tx*pts[n-1].w/2, Y: pts[n-1].y + ty*pts[n-1].w/2})
	for i := n - 1; i >= 0; i-- {
		tx, ty := tangent(i)
		h := pts[i].w / 2
		out = append(out, gopdf.Point{X: pts[i].x + ty*h, Y: pts[i].y - tx*h})
	}
	tx, ty = tangent(0)
	return append(out, gopdf.Point{X: pts[0].x - tx*pts[0].w/2, Y: pts[0].y - ty*pts[0].w/2})
}
