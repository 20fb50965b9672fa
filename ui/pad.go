package ui

import (
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
)

// padInk is the pen colour: dark blue, like a ballpoint on a paper sheet.
var padInk = color.NRGBA{R: 0x12, G: 0x24, B: 0x6b, A: 0xff}

// signaturePad is a box to sign in with a finger or the mouse. It keeps
// the raw strokes (pad units, milliseconds) and paints the smoothed line
// into one raster image as the pen moves: a new point adds only its own
// few segments, so a 2,000-point signature costs no more per move than a
// short one and the canvas holds four objects, not thousands.
type signaturePad struct {
	widget.BaseWidget

	strokes []petition.Stroke
	drawing bool      // a stroke is in progress
	start   time.Time // first touch of the signature: times are relative to it
	now     func() time.Time

	img    *image.RGBA // ink.PadWidth × ink.PadHeight pixels
	raster *canvas.Image
	hint   *canvas.Text

	// OnChanged is called after a stroke ends, an undo or a clear.
	OnChanged func()
}

func newSignaturePad() *signaturePad {
	p := &signaturePad{now: time.Now, img: image.NewRGBA(image.Rect(0, 0, ink.PadWidth, ink.PadHeight))}
	p.raster = canvas.NewImageFromImage(p.img)
	p.raster.FillMode = canvas.ImageFillStretch
	p.raster.ScaleMode = canvas.ImageScaleSmooth
	p.hint = canvas.NewText(T("Sign here with your finger or the mouse"), color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff})
	p.ExtendBaseWidget(p)
	return p
}

// Strokes returns a copy of the drawn strokes.
func (p *signaturePad) Strokes() []petition.Stroke {
	out := make([]petition.Stroke, len(p.strokes))
	for i, s := range p.strokes {
		out[i] = append(petition.Stroke(nil), s...)
	}
	return out
}

// Clear wipes the pad.
func (p *signaturePad) Clear() {
	p.strokes, p.drawing = nil, false
	p.redraw()
	p.changed()
}

// Undo removes the last stroke.
func (p *signaturePad) Undo() {
	if len(p.strokes) == 0 {
		return
	}
	p.strokes, p.drawing = p.strokes[:len(p.strokes)-1], false
	p.redraw()
	p.changed()
}

func (p *signaturePad) changed() {
	if len(p.strokes) == 0 {
		p.hint.Show()
	} else {
		p.hint.Hide()
	}
	if p.OnChanged != nil {
		p.OnChanged()
	}
}

// Dragged adds a point to the stroke in progress (starting one on the
// first move) and paints the segments that point completes.
func (p *signaturePad) Dragged(ev *fyne.DragEvent) {
	if !p.drawing {
		from := ev.Position.Subtract(fyne.NewPos(ev.Dragged.DX, ev.Dragged.DY))
		p.beginStroke(from)
	}
	p.addPoint(ev.Position)
}

// DragEnd finishes the stroke.
func (p *signaturePad) DragEnd() {
	if !p.drawing {
		return
	}
	p.drawing = false
	s := p.strokes[len(p.strokes)-1]
	if len(s) == 1 {
		p.paint(ink.AppendStroke(nil, s, ink.DefaultStyle))
	} else {
		p.paintPair(s, len(s)-2)
	}
	p.changed()
}

// Tapped leaves a dot: a tap alone is not a signature (see petition.HasInk).
func (p *signaturePad) Tapped(ev *fyne.PointEvent) {
	p.beginStroke(ev.Position)
	p.DragEnd()
}

func (p *signaturePad) beginStroke(pos fyne.Position) {
	if len(p.strokes) == 0 {
		p.start = p.now()
	}
	if len(p.strokes) >= petition.MaxStrokes {
		return
	}
	p.strokes = append(p.strokes, petition.Stroke{p.toPad(pos)})
	p.drawing = true
}

func (p *signaturePad) addPoint(pos fyne.Position) {
	if !p.drawing {
		return
	}
	i := len(p.strokes) - 1
	s := append(p.strokes[i], p.toPad(pos))
	p.strokes[i] = s
	// A Catmull-Rom piece between points k and k+1 needs k+2 as well, so
	// a new point completes the piece two back.
	if len(s) >= 3 {
		p.paintPair(s, len(s)-3)
	}
}

// paintPair paints the smoothed piece between points k and k+1 of s.
func (p *signaturePad) paintPair(s petition.Stroke, k int) {
	from := max(k-1, 0)
	to := min(k+3, len(s))
	steps := max(ink.DefaultStyle.Steps, 1)
	segs := ink.AppendStroke(nil, s[from:to], ink.DefaultStyle)
	local := k - from
	if (local+1)*steps <= len(segs) {
		p.paint(segs[local*steps : (local+1)*steps])
	}
}

func (p *signaturePad) paint(segs []ink.Segment) {
	ink.Draw(p.img, segs, 1, 1, padInk)
	p.raster.Refresh()
}

// redraw paints every stroke again (after an undo or a clear).
func (p *signaturePad) redraw() {
	clear(p.img.Pix)
	ink.Draw(p.img, ink.Segments(p.strokes, ink.DefaultStyle), 1, 1, padInk)
	p.raster.Refresh()
}

// toPad maps a position on the widget to pad units and the time since the first touch.
func (p *signaturePad) toPad(pos fyne.Position) petition.Point {
	size := p.Size()
	if size.Width <= 0 || size.Height <= 0 {
		size = p.MinSize()
	}
	x := min(max(pos.X*ink.PadWidth/size.Width, 0), ink.PadWidth)
	y := min(max(pos.Y*ink.PadHeight/size.Height, 0), ink.PadHeight)
	return petition.Point{X: x, Y: y, T: uint32(p.now().Sub(p.start).Milliseconds())}
}

// MinSize is a size a finger can sign in; the pad stretches across its column.
func (p *signaturePad) MinSize() fyne.Size { return fyne.NewSize(320, 150) }

// CreateRenderer draws paper, a baseline, the hint and the ink.
func (p *signaturePad) CreateRenderer() fyne.WidgetRenderer {
	paper := canvas.NewRectangle(color.White)
	paper.StrokeColor = color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	paper.StrokeWidth = 2
	paper.CornerRadius = 6
	line := canvas.NewLine(color.NRGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff})
	line.StrokeWidth = 1.5
	return &padRenderer{p: p, paper: paper, line: line}
}

type padRenderer struct {
	p     *signaturePad
	paper *canvas.Rectangle
	line  *canvas.Line
}

func (r *padRenderer) Layout(size fyne.Size) {
	r.paper.Resize(size)
	r.p.raster.Resize(size)
	y := size.Height * 0.78
	r.line.Position1 = fyne.NewPos(size.Width*0.05, y)
	r.line.Position2 = fyne.NewPos(size.Width*0.95, y)
	ts := r.p.hint.MinSize()
	r.p.hint.Move(fyne.NewPos((size.Width-ts.Width)/2, y+6))
}

func (r *padRenderer) MinSize() fyne.Size { return r.p.MinSize() }
func (r *padRenderer) Refresh() {
	r.p.hint.Text = T("Sign here with your finger or the mouse")
	r.p.hint.Refresh()
	r.p.raster.Refresh()
}
func (r *padRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.paper, r.line, r.p.hint, r.p.raster}
}
func (r *padRenderer) Destroy() {}

// setStrokes shows strokes already recorded (a signer correcting their entry).
func (p *signaturePad) setStrokes(strokes []petition.Stroke) {
	p.strokes, p.drawing = strokes, false
	p.redraw()
	p.changed()
}
