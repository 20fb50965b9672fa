package scan

import (
	"math"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// A blank sheet carries two QR codes (layout.QRBox and SpareQRBox). The
// one found first identifies the page; when corner marks are missing
// (cut off by a tilted page, torn off), the other code's finder patterns,
// far across the page, steady the fit that the marks left cannot.

// otherCodePoints decodes the code the page was not identified by, where
// t puts it, and returns its finder centres' page positions and where
// they were seen; none if it does not read or says something else (the
// pack's pages have a single code).
func otherCodePoints(p *plane, q *qrFound, t *transform, paper layout.Paper) (src, dst []pt) {
	box := layout.SpareQRBox(paper)
	if q.spare {
		box = layout.QRBox(paper)
	}
	m := box.W * 0.5
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range []pt{{box.X - m, box.Y - m}, {box.X1() + m, box.Y - m}, {box.X - m, box.Y1() + m}, {box.X1() + m, box.Y1() + m}} {
		c = t.apply(c)
		x0, y0, x1, y1 = min(x0, c.X), min(y0, c.Y), max(x1, c.X), max(y1, c.Y)
	}
	o, err := decodeQRCrop(p, [4]float64{x0, y0, x1, y1}, false)
	if err != nil || o.text != q.text || o.modules < 21 {
		return nil, nil
	}
	o.spare = !q.spare
	s, d := qrPoints(o, paper)
	return s[:], d[:]
}

// inCodes reports whether image point c lies on either QR code (box and
// a little around it) as t maps the page: a code's finder pattern and
// modules run together into a dark square that a wide search for a
// missing corner mark must not take for the mark.
func inCodes(t *transform, paper layout.Paper, c pt) bool {
	for _, b := range []layout.Rect{layout.QRBox(paper), layout.SpareQRBox(paper)} {
		const g = 6 // points around the box
		q := [4]pt{t.apply(pt{b.X - g, b.Y - g}), t.apply(pt{b.X1() + g, b.Y - g}), t.apply(pt{b.X1() + g, b.Y1() + g}), t.apply(pt{b.X - g, b.Y1() + g})}
		if inQuad(q, c) {
			return true
		}
	}
	return false
}

// inQuad reports whether c lies inside the convex quadrilateral q.
func inQuad(q [4]pt, c pt) bool {
	pos, neg := false, false
	for i := range q {
		a, b := q[i], q[(i+1)%4]
		cross := (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X)
		pos, neg = pos || cross > 0, neg || cross < 0
	}
	return !(pos && neg)
}
