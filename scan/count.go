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
func count(res *Result, d *decoded, t *transform) {
	pl := res.Payload
	tb, err := layout.Rows(pl.Paper, pl.Kind, pl.First, pl.N)
	if err != nil {
		res.Problem = ProblemForeignQR
		return
	}
	res.Rows = readRows(&d.y, t, tb)
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
	res.UpsideDown = t.upsideDown(pt{w / 2, 0})
	k := keepImage(d, t.pxPerPt(pt{w / 2, w / 2})*72, res.UpsideDown)
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
// bilinear interpolation.
func rowCrop(p *plane, t *transform, tb layout.Table, r layout.Row) *image.Gray {
	x0, y0 := tb.Number.X0, r.Y0-1
	w := int((tb.Signature.X1 - x0) * cropPxPerPt)
	h := int((r.Y1 + 1 - y0) * cropPxPerPt)
	img := image.NewGray(image.Rect(0, 0, w, h))
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			q := t.apply(pt{x0 + (float64(i)+0.5)/cropPxPerPt, y0 + (float64(j)+0.5)/cropPxPerPt})
			img.Pix[j*img.Stride+i] = bilinear(p, q.X-0.5, q.Y-0.5)
		}
	}
	return img
}

func bilinear(p *plane, x, y float64) byte {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < 0 || y0 < 0 || x0+1 >= p.w || y0+1 >= p.h {
		if x0 >= 0 && y0 >= 0 && x0 < p.w && y0 < p.h {
			return p.at(x0, y0)
		}
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	i := y0*p.str + x0
	a, b := float64(p.pix[i]), float64(p.pix[i+1])
	c, d := float64(p.pix[i+p.str]), float64(p.pix[i+p.str+1])
	return byte((a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy + 0.5)
}
