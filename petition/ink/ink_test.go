package ink

import (
	"image/color"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestSegmentsAndRender(t *testing.T) {
	stroke := petition.Stroke{pt(100, 150, 0), pt(300, 100, 40), pt(500, 200, 80), pt(900, 150, 200)}
	tests := []struct {
		name    string
		strokes []petition.Stroke
		segs    int
	}{
		{"empty", nil, 0},
		{"dot", []petition.Stroke{{pt(10, 10, 0)}}, 1},
		{"line", []petition.Stroke{stroke}, 3 * DefaultStyle.Steps},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := Segments(tt.strokes, DefaultStyle)
			if len(segs) != tt.segs {
				t.Fatalf("%d segments, want %d", len(segs), tt.segs)
			}
			for _, s := range segs {
				if s.Width < DefaultStyle.MinWidth || s.Width > DefaultStyle.MaxWidth {
					t.Fatalf("width %v out of range", s.Width)
				}
			}
		})
	}
	img := Render([]petition.Stroke{stroke}, 200, 60, color.Black)
	inked := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] > 128 {
			inked++
		}
	}
	if inked < 100 || inked > 3000 {
		t.Fatalf("%d inked pixels", inked)
	}
	if _, _, _, _, ok := Bounds(nil); ok {
		t.Fatal("no points, no bounds")
	}
}

func pt(x, y float32, t uint32) petition.Point { return petition.Point{X: x, Y: y, T: t} }
