package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestPadStrokes(t *testing.T) {
	test.NewTempApp(t)
	p := newSignaturePad()
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(600, 200))
	drawSignature(p, 2000)
	if len(p.strokes) != 1 || len(p.strokes[0]) != 2001 {
		t.Fatalf("got %d strokes (%d points), want 1 with 2001", len(p.strokes), len(p.strokes[0]))
	}
	if n := len(test.WidgetRenderer(p).Objects()); n != 4 {
		t.Errorf("the pad draws with %d canvas objects, want 4 whatever the length", n)
	}
	if !petition.HasInk(p.Strokes()) || inked(p) == 0 {
		t.Fatal("a long signature should show ink")
	}
	for i, pt := range p.strokes[0] {
		if pt.X < 0 || pt.X > 1000 || pt.Y < 0 || pt.Y > 300 || (i > 0 && pt.T < p.strokes[0][i-1].T) {
			t.Fatalf("point %d out of the pad or back in time: %+v", i, pt)
		}
	}
	test.TapAt(p, fyne.NewPos(300, 100))
	if len(p.strokes) != 2 {
		t.Fatal("a tap should leave a dot stroke")
	}
	p.Undo()
	if len(p.strokes) != 1 {
		t.Fatal("undo should remove the dot")
	}
	p.Clear()
	if len(p.strokes) != 0 || inked(p) != 0 {
		t.Fatal("clear should wipe strokes and ink")
	}
}

// TestPadIncrementalMatchesFullRender checks that painting point by
// point gives the same picture as rendering the finished strokes.
func TestPadIncrementalMatchesFullRender(t *testing.T) {
	test.NewTempApp(t)
	p := newSignaturePad()
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(600, 200))
	drawSignature(p, 60)
	drawSignature(p, 9)
	live := append([]byte(nil), p.img.Pix...)
	p.redraw()
	diff := 0
	for i := range live {
		if d := int(live[i]) - int(p.img.Pix[i]); d > 8 || d < -8 {
			diff++
		}
	}
	if diff > len(live)/1000 {
		t.Errorf("%d bytes differ between incremental and full rendering", diff)
	}
}

func inked(p *signaturePad) int {
	n := 0
	for i := 3; i < len(p.img.Pix); i += 4 {
		if p.img.Pix[i] > 0 {
			n++
		}
	}
	return n
}
