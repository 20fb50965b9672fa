package scan

import "github.com/petitiondesk/petitiondesk/petition/layout"

// The printed grid lines between rows are the finest reference on the
// page. After the fit through the marks, each row boundary is looked for
// within ±gridSearch points of where the fit puts it, separately in the
// left and right halves of the table, and the rows are sampled between
// the boundaries as found. This absorbs what a four-point fit cannot: a
// page that is not flat (curl, a fold) or a mark measured a little off.
// When most boundaries cannot be found, the fit is wrong and the page
// gets a problem rather than a count.
const (
	gridSearch   = 3.0  // points either side
	gridStep     = 0.3  // points between tried offsets
	gridContrast = 10   // grey levels a line must stand out by
	gridMinFound = 0.75 // share of boundaries that must be found
)

// edge is where a row boundary was found: the offsets in points from its
// nominal y at the left and right of the table.
type edge struct{ left, right float64 }

// gridEdges finds the row boundaries: row tops, then the last row's
// bottom. ok is false when too few were found.
func gridEdges(p *plane, t *transform, tb layout.Table) ([]edge, bool) {
	n := len(tb.Rows)
	if n == 0 {
		return nil, true
	}
	mid := tb.Address.X0 + tb.Address.W()/2
	halves := [2][2]float64{{tb.Name.X0 + 4, mid}, {mid, tb.Signature.X1 - 4}}
	edges := make([]edge, n+1)
	found, total := 0, 0
	var vals []byte
	for k := 0; k <= n; k++ {
		y := tb.Rows[min(k, n-1)].Y0
		if k == n {
			y = tb.Rows[n-1].Y1
		}
		var off [2]float64
		for h, hx := range halves {
			o, ok := findLine(p, t, hx[0], hx[1], y, &vals)
			total++
			if ok {
				found++
				off[h] = o
			}
		}
		edges[k] = edge{off[0], off[1]}
	}
	return edges, float64(found) >= gridMinFound*float64(total)
}

// findLine returns the offset from y at which the horizontal line from x0
// to x1 is darkest by its median grey, if it stands out.
func findLine(p *plane, t *transform, x0, x1, y float64, vals *[]byte) (float64, bool) {
	best, bestV, worstV := 0.0, 256, -1
	for o := -gridSearch; o <= gridSearch+1e-9; o += gridStep {
		*vals = (*vals)[:0]
		for x := x0; x < x1; x += 1.5 {
			q := t.apply(pt{x, y + o})
			ix, iy := int(q.X), int(q.Y)
			if ix < 0 || iy < 0 || ix >= p.w || iy >= p.h {
				return 0, false
			}
			*vals = append(*vals, p.pix[iy*p.str+ix])
		}
		var hist [256]int
		for _, v := range *vals {
			hist[v]++
		}
		m := percentile(&hist, len(*vals), 0.5)
		if m < bestV {
			best, bestV = o, m
		}
		worstV = max(worstV, m)
	}
	atEdge := best <= -gridSearch+gridStep/2 || best >= gridSearch-gridStep/2
	return best, worstV-bestV >= gridContrast && !atEdge
}
