package scan

import (
	"image"
	"math"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// cropPxPerPt is the resolution of the row crops: about 100 dpi, enough
// to read a name on screen.
const cropPxPerPt = 100.0 / 72

// count reads the rows of an identified page, makes the row crops and the
// image to store.
func count(res *Result, d *decoded, t *transform, steady bool) {
	pl := res.Payload
	tb, err := layout.Rows(pl.Paper, pl.Kind, pl.First, pl.N)
	if err != nil {
		res.Problem = ProblemForeignQR
		return
	}
	edges, ok := gridEdges(&d.y, t, tb)
	switch {
	case !ok && d.bilevel && steady:
		// A black-and-white copy lost the grey grid; it lies flat, so the
		// fit through the four marks (or the marks left and both QR
		// codes) places the rows.
		edges = make([]edge, len(tb.Rows)+1)
	case !ok && d.bilevel:
		res.Problem = ProblemBlackWhite
		return
	case !ok:
		res.Problem = ProblemNoGrid
		return
	}
	res.Rows = readRows(&d.y, t, tb, edges, d.bilevel, d.dithered)
	res.Confidence = 1
	for i := range res.Rows {
		r := &res.Rows[i]
		switch {
		case r.Written:
			res.Count++
		case r.Struck:
			res.Struck++
		}
		res.Confidence = min(res.Confidence, r.Confidence)
		r.Crop = rowCrop(&d.y, t, tb, tb.Rows[i])
	}
	w, _ := pl.Paper.Size()
	res.Turned = t.quarterTurns(pt{w / 2, 0}) * 90
	res.UpsideDown = res.Turned == 180
	k := keepImage(d, t.pxPerPt(pt{w / 2, w / 2})*72, res.Turned/90)
	res.Image, res.ImageW, res.ImageH = k.jpeg, k.w, k.h
	for i := range res.Rows {
		r := tb.Rows[i]
		corners := [4]pt{{tb.Number.X0, r.Y0}, {tb.Signature.X1, r.Y0}, {tb.Signature.X1, r.Y1}, {tb.Number.X0, r.Y1}}
		for j, c := range corners {
			p := k.mapPoint(t.apply(c))
			res.Rows[i].Box[j] = image.Pt(int(math.Round(p.X)), int(math.Round(p.Y)))
		}
	}
}

// rowCrop samples the whole row, number to signature, straightened, with
// bilinear interpolation, evaluating the transform incrementally along
// each line of the crop.
func rowCrop(p *plane, t *transform, tb layout.Table, r layout.Row) *image.Gray {
	x0, y0 := tb.Number.X0, r.Y0-1
	w := int((tb.Signature.X1 - x0) * cropPxPerPt)
	h := int((r.Y1 + 1 - y0) * cropPxPerPt)
	img := image.NewGray(image.Rect(0, 0, w, h))
	step := 1 / cropPxPerPt
	dx := [3]float64{t[0] * step, t[3] * step, t[6] * step}
	px := x0 + step/2
	for j := 0; j < h; j++ {
		py := y0 + (float64(j)+0.5)*step
		nx, ny, nw := t[0]*px+t[1]*py+t[2], t[3]*px+t[4]*py+t[5], t[6]*px+t[7]*py+t[8]
		row := img.Pix[j*img.Stride : j*img.Stride+w]
		for i := range row {
			row[i] = bilinear(p, nx/nw-0.5, ny/nw-0.5)
			nx, ny, nw = nx+dx[0], ny+dx[1], nw+dx[2]
		}
	}
	return img
}

func bilinear(p *plane, x, y float64) byte {
	if x < 0 || y < 0 || x >= float64(p.w-1) || y >= float64(p.h-1) {
		ix, iy := int(x), int(y)
		if x >= 0 && y >= 0 && ix < p.w && iy < p.h {
			return p.at(ix, iy)
		}
		return 255
	}
	x0, y0 := int(x), int(y)
	fx, fy := int((x-float64(x0))*256), int((y-float64(y0))*256)
	i := y0*p.str + x0
	a, b := int(p.pix[i]), int(p.pix[i+1])
	c, d := int(p.pix[i+p.str]), int(p.pix[i+p.str+1])
	top := a*(256-fx) + b*fx
	bot := c*(256-fx) + d*fx
	return byte((top*(256-fy) + bot*fy + 1<<15) >> 16)
}
