package scan

import (
	"errors"
	"math"
)

// pt is a point: in page points (1/72 in, layout's unit) or in pixels.
type pt struct{ X, Y float64 }

func (a pt) dist(b pt) float64  { return math.Hypot(a.X-b.X, a.Y-b.Y) }
func (a pt) scale(f float64) pt { return pt{a.X * f, a.Y * f} }
func (a pt) add(b pt) pt        { return pt{a.X + b.X, a.Y + b.Y} }

// transform maps page points to image pixels: a projective transform
// (homography) with h[8] = 1. An affine transform is the special case
// h[6] = h[7] = 0. Scanners give affine images; a phone photo adds a
// little perspective.
type transform [9]float64

func (t *transform) apply(p pt) pt {
	w := t[6]*p.X + t[7]*p.Y + t[8]
	return pt{(t[0]*p.X + t[1]*p.Y + t[2]) / w, (t[3]*p.X + t[4]*p.Y + t[5]) / w}
}

var errDegenerate = errors.New("the reference points are degenerate")

// affine3 returns the affine transform taking src[i] to dst[i].
func affine3(src, dst [3]pt) (transform, error) {
	var t transform
	// Solve [x y 1] · [a b c] = X for both coordinates.
	a := [][]float64{
		{src[0].X, src[0].Y, 1, dst[0].X},
		{src[1].X, src[1].Y, 1, dst[1].X},
		{src[2].X, src[2].Y, 1, dst[2].X},
	}
	r1, err := solve(a)
	if err != nil {
		return t, err
	}
	for i := range a {
		a[i] = []float64{src[i].X, src[i].Y, 1, []float64{dst[0].Y, dst[1].Y, dst[2].Y}[i]}
	}
	r2, err := solve(a)
	if err != nil {
		return t, err
	}
	return transform{r1[0], r1[1], r1[2], r2[0], r2[1], r2[2], 0, 0, 1}, nil
}

// homography4 returns the projective transform taking src[i] to dst[i].
func homography4(src, dst [4]pt) (transform, error) {
	a := make([][]float64, 0, 8)
	for i := 0; i < 4; i++ {
		x, y, u, v := src[i].X, src[i].Y, dst[i].X, dst[i].Y
		a = append(a,
			[]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u},
			[]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v})
	}
	r, err := solve(a)
	if err != nil {
		return transform{}, err
	}
	return transform{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], 1}, nil
}

// solve solves the n×(n+1) augmented system by Gaussian elimination with
// partial pivoting. It modifies a.
func solve(a [][]float64) ([]float64, error) {
	n := len(a)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return nil, errDegenerate
		}
		a[c], a[p] = a[p], a[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k <= n; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := a[r][n]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, nil
}

// pxPerPt is the transform's mean scale near p, in pixels per point.
func (t *transform) pxPerPt(p pt) float64 {
	a, b, c := t.apply(p), t.apply(p.add(pt{10, 0})), t.apply(p.add(pt{0, 10}))
	return (a.dist(b) + a.dist(c)) / 20
}

// quarterTurns says how the page lies in the image, in quarter turns
// clockwise: 0 upright, 1 its top to the right (x axis pointing down),
// 2 upside down, 3 its top to the left.
func (t *transform) quarterTurns(p pt) int {
	a, b := t.apply(p), t.apply(p.add(pt{10, 0}))
	deg := math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi
	return (int(math.Round(deg/90)) + 4) % 4
}

// affineFit returns the least-squares affine transform taking src[i]
// near dst[i] (at least three points, not all on a line).
func affineFit(src, dst []pt) (transform, error) {
	var n [3][3]float64
	var bx, by [3]float64
	for i, s := range src {
		v := [3]float64{s.X, s.Y, 1}
		for r := 0; r < 3; r++ {
			for c := 0; c < 3; c++ {
				n[r][c] += v[r] * v[c]
			}
			bx[r] += v[r] * dst[i].X
			by[r] += v[r] * dst[i].Y
		}
	}
	sys := func(b [3]float64) [][]float64 {
		return [][]float64{
			{n[0][0], n[0][1], n[0][2], b[0]}, {n[1][0], n[1][1], n[1][2], b[1]}, {n[2][0], n[2][1], n[2][2], b[2]},
		}
	}
	r1, err := solve(sys(bx))
	if err != nil {
		return transform{}, err
	}
	r2, err := solve(sys(by))
	if err != nil {
		return transform{}, err
	}
	return transform{r1[0], r1[1], r1[2], r2[0], r2[1], r2[2], 0, 0, 1}, nil
}
