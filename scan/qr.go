package scan

import (
	"errors"
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// qrFound is a decoded QR code: its text and the centres of its three
// finder patterns in image pixels, with the module size in pixels.
type qrFound struct {
	text       string
	bl, tl, tr pt
	module     float64 // pixels per module
	modules    int     // symbol size in modules (21, 25, 29, ...)
	spare      bool    // the blank sheet's second code (layout.SpareQRBox)
}

var errNoQR = errors.New("no QR code found")

// findQR looks for the sheet's QR codes where the layout prints them:
// the main code bottom right of an upright page (top left of an
// upside-down one), first in a tight crop, then in a wider one; then the
// blank sheet's spare code bottom left (top right), for a main code under
// a pen line or torn off. Decoding a crop of the luminance plane costs a
// few milliseconds; the quarters and the whole page are tried last.
func findQR(p *plane) (*qrFound, error) {
	w, h := float64(p.w), float64(p.h)
	pw, _ := layout.A4.Size()
	s := w / pw // pixels per point if the image is the whole page
	main, spare := layout.QRBox(layout.A4), layout.SpareQRBox(layout.A4)
	var regions [][4]float64 // x0, y0, x1, y1 in pixels
	for _, m := range []float64{main.W * 0.6, main.W * 1.6} {
		regions = append(regions, boxRegions(main, true, m, w, h, s)...)
	}
	for _, m := range []float64{spare.W * 0.6, spare.W * 1.6} {
		regions = append(regions, boxRegions(spare, false, m, w, h, s)...)
	}
	// Then each quarter of the image: a phone photo may hold the page
	// sideways (its JPEG's orientation tag is not applied on decoding).
	regions = append(regions, [4]float64{w / 2, h / 2, w, h}, [4]float64{0, 0, w / 2, h / 2},
		[4]float64{0, h / 2, w / 2, h}, [4]float64{w / 2, 0, w, h / 2})
	regions = append(regions, [4]float64{0, 0, w, h}) // the whole page, last
	for i, r := range regions {
		if q, err := decodeQRCrop(p, r, i >= 4); err == nil {
			q.spare = q.onLeft(w, h)
			return q, nil
		}
	}
	return nil, errNoQR
}

// boxRegions returns the crops, upright and upside down, that hold a code
// printed in box with a margin of m points, measured from the page's
// bottom and its right (fromRight) or left edge, so that an image a
// little larger or smaller than the page still holds it.
func boxRegions(box layout.Rect, fromRight bool, m, w, h, s float64) [][4]float64 {
	pageW, pageH := layout.A4.Size()
	fromBottom := pageH - box.Y
	y0, y1 := h-(fromBottom+m)*s, h-(fromBottom-box.H-m)*s
	x0, x1 := (box.X-m)*s, (box.X1()+m)*s
	if fromRight {
		x0, x1 = w-(pageW-box.X+m)*s, w-(pageW-box.X1()-m)*s
	}
	return [][4]float64{{x0, y0, x1, y1}, {w - x1, h - y1, w - x0, h - y0}}
}

// onLeft reports whether the code lies in the left half of the page, as
// the page stands in the code's own frame (both codes print upright):
// then it is the spare code of a blank sheet. The guess is checked by
// the fit through the marks, which tries the other box when it fails.
func (q *qrFound) onLeft(w, h float64) bool {
	right := pt{q.tr.X - q.tl.X, q.tr.Y - q.tl.Y}
	c := pt{(q.tr.X + q.bl.X) / 2, (q.tr.Y + q.bl.Y) / 2}
	return (c.X-w/2)*right.X+(c.Y-h/2)*right.Y < 0
}

// decodeQRCrop decodes the QR code inside a crop of the plane, clamped to
// the image: gozxing panics on a crop that leaves the image, and a
// recover guards against any other panic in the decoder.
func decodeQRCrop(p *plane, r [4]float64, tryHarder bool) (q *qrFound, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			q, err = nil, errNoQR
		}
	}()
	x0, y0 := clampInt(int(r[0]), 0, p.w), clampInt(int(r[1]), 0, p.h)
	x1, y1 := clampInt(int(math.Ceil(r[2])), 0, p.w), clampInt(int(math.Ceil(r[3])), 0, p.h)
	if x1-x0 < 21 || y1-y0 < 21 {
		return nil, errNoQR
	}
	src, err := gozxing.NewPlanarYUVLuminanceSource(p.pix, p.str, p.h, x0, y0, x1-x0, y1-y0, false)
	if err != nil {
		return nil, errNoQR
	}
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(src))
	if err != nil {
		return nil, errNoQR
	}
	hints := map[gozxing.DecodeHintType]interface{}{}
	if tryHarder {
		hints[gozxing.DecodeHintType_TRY_HARDER] = true
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return nil, errNoQR
	}
	pts := res.GetResultPoints()
	if len(pts) < 3 {
		return nil, errNoQR
	}
	off := pt{float64(x0), float64(y0)}
	at := func(i int) pt { return pt{pts[i].GetX(), pts[i].GetY()}.add(off) }
	q = &qrFound{text: res.GetText(), bl: at(0), tl: at(1), tr: at(2)}
	q.module = moduleSize(pts)
	if q.module > 0 {
		n := (q.tl.dist(q.tr)+q.tl.dist(q.bl))/2/q.module + 7
		q.modules = 17 + 4*int(math.Round((n-17)/4))
	}
	return q, nil
}

func moduleSize(pts []gozxing.ResultPoint) float64 {
	var sum float64
	var n int
	for _, p := range pts[:3] {
		if fp, ok := p.(*detector.FinderPattern); ok {
			sum += fp.GetEstimatedModuleSize()
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// qrTransform is the coarse page-to-image transform read off the QR code:
// the three finder centres against where the layout prints them.
func qrTransform(q *qrFound, paper layout.Paper) (transform, error) {
	if q.modules < 21 {
		return transform{}, errDegenerate
	}
	src, dst := qrPoints(q, paper)
	return affine3(src, dst)
}

// qrPoints pairs the finder centres' page positions (bottom-left,
// top-left, top-right) with where they were seen.
func qrPoints(q *qrFound, paper layout.Paper) (src, dst [3]pt) {
	box := q.box(paper)
	u := box.W / float64(q.modules+8) // 4-module quiet zone on each side
	c := 7.5 * u                      // quiet zone + half a finder pattern
	src = [3]pt{{box.X + c, box.Y1() - c}, {box.X + c, box.Y + c}, {box.X1() - c, box.Y + c}}
	return src, [3]pt{q.bl, q.tl, q.tr}
}

// box is where the code found is printed.
func (q *qrFound) box(paper layout.Paper) layout.Rect {
	if q.spare {
		return layout.SpareQRBox(paper)
	}
	return layout.QRBox(paper)
}
