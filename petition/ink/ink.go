// Package ink turns the raw strokes of a drawn signature into smooth,
// pressure-like lines: Catmull-Rom interpolation between the sampled
// points and a width that thins as the pen moves faster, as ink does. The
// signature pad, the thumbnails and the PDF export all draw from these
// segments, so a signature looks the same everywhere. Pure Go: no Fyne.
package ink

import (
	"math"

	"github.com/petitiondesk/petitiondesk/petition"
)

// PadWidth and PadHeight are the units strokes are recorded in: the pad
// maps its own pixels onto 1000×300 whatever its size on screen.
const (
	PadWidth  = 1000
	PadHeight = 300
)

// Segment is a short straight piece of a smoothed stroke, with the line
// width (in pad units) to draw it at.
type Segment struct {
	X0, Y0, X1, Y1 float32
	Width          float32
}

// Style sets the line widths, in pad units.
type Style struct {
	MinWidth, MaxWidth float32
	Steps              int // interpolated points between two samples
}

// DefaultStyle suits the pad and the exports alike.
var DefaultStyle = Style{MinWidth: 3, MaxWidth: 8, Steps: 6}

// Segments smooths every stroke into segments. A lone point becomes a
// short dot so a deliberate tap still shows.
func Segments(strokes []petition.Stroke, st Style) []Segment {
	var out []Segment
	for _, s := range strokes {
		out = AppendStroke(out, s, st)
	}
	return out
}

// AppendStroke appends the segments of one stroke; the pad calls it for
// the stroke in progress only, so drawing stays incremental.
func AppendStroke(out []Segment, s petition.Stroke, st Style) []Segment {
	switch len(s) {
	case 0:
		return out
	case 1:
		return append(out, Segment{s[0].X, s[0].Y, s[0].X + 0.5, s[0].Y + 0.5, st.MaxWidth})
	}
	steps := max(st.Steps, 1)
	for i := 0; i+1 < len(s); i++ {
		p0, p1, p2, p3 := s[max(i-1, 0)], s[i], s[i+1], s[min(i+2, len(s)-1)]
		w := width(p1, p2, st)
		px, py := p1.X, p1.Y
		for k := 1; k <= steps; k++ {
			t := float32(k) / float32(steps)
			x := catmullRom(p0.X, p1.X, p2.X, p3.X, t)
			y := catmullRom(p0.Y, p1.Y, p2.Y, p3.Y, t)
			out = append(out, Segment{px, py, x, y, w})
			px, py = x, y
		}
	}
	return out
}

// width thins the line with speed (pad units per millisecond).
func width(a, b petition.Point, st Style) float32 {
	d := math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y))
	dt := float64(b.T) - float64(a.T)
	if dt <= 0 {
		dt = 8 // samples without time: assume a steady hand
	}
	speed := d / dt
	f := 1 / (1 + speed/1.5) // 1 when still, about 0.5 at a brisk 1.5 units/ms
	return st.MinWidth + (st.MaxWidth-st.MinWidth)*float32(f)
}

func catmullRom(p0, p1, p2, p3, t float32) float32 {
	t2, t3 := t*t, t*t*t
	return 0.5 * ((2 * p1) + (-p0+p2)*t + (2*p0-5*p1+4*p2-p3)*t2 + (-p0+3*p1-3*p2+p3)*t3)
}

// Bounds returns the box the strokes cover, in pad units; ok is false for
// a signature without points.
func Bounds(strokes []petition.Stroke) (minX, minY, maxX, maxY float32, ok bool) {
	minX, minY = math.MaxFloat32, math.MaxFloat32
	maxX, maxY = -math.MaxFloat32, -math.MaxFloat32
	for _, s := range strokes {
		for _, p := range s {
			minX, minY = min(minX, p.X), min(minY, p.Y)
			maxX, maxY = max(maxX, p.X), max(maxY, p.Y)
			ok = true
		}
	}
	return
}
