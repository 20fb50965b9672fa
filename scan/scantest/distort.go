package scantest

import (
	"image"
	"math"
	"math/rand/v2"
)

// distort maps the upright sheet into the scan: rotation about the page
// centre, optionally 180°, a little perspective, a dark border (a phone
// photo's table), uneven light and noise.
func (p Page) distort(up *image.RGBA, rng *rand.Rand) *image.RGBA {
	uw, uh := float64(up.Bounds().Dx()), float64(up.Bounds().Dy())
	ow, oh := int(uw*(1+2*p.Margin)), int(uh+uw*2*p.Margin)
	if a := p.Angle * math.Pi / 180; math.Abs(math.Sin(a)) > math.Abs(math.Cos(a)) {
		ow, oh = oh, ow // a photo taken sideways
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	inv := p.inverse(uw, uh, float64(ow), float64(oh), rng)
	lx, ly := rng.Float64()*2-1, rng.Float64()*2-1 // direction the light falls off to
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			w := inv[6]*fx + inv[7]*fy + inv[8]
			ux, uy := (inv[0]*fx+inv[1]*fy+inv[2])/w-0.5, (inv[3]*fx+inv[4]*fy+inv[5])/w-0.5
			r, g, b, in := sample(up, ux, uy)
			if !in && p.Margin == 0 {
				r, g, b = 238, 238, 236 // a scanner's lid
			}
			nx, ny := fx/float64(ow)*2-1, fy/float64(oh)*2-1
			light := 1 - p.Light*(0.5+0.25*(nx*lx+ny*ly)+0.25*(nx*nx+ny*ny)/2)
			n := p.Noise * rng.NormFloat64()
			i := out.PixOffset(x, y)
			out.Pix[i] = clampByte(r*light + n)
			out.Pix[i+1] = clampByte(g*light + n)
			out.Pix[i+2] = clampByte(b*light + n)
			out.Pix[i+3] = 255
		}
	}
	return out
}

// inverse returns the homography from scan pixels back to upright pixels.
func (p Page) inverse(uw, uh, ow, oh float64, rng *rand.Rand) [9]float64 {
	a := p.Angle * math.Pi / 180
	if p.UpsideDown {
		a += math.Pi
	}
	c, s := math.Cos(a), math.Sin(a)
	// Forward: centre the page at the origin, rotate, add perspective,
	// move to the scan's centre.
	px, py := p.Perspective*(rng.Float64()*2-1)/uw, p.Perspective*(rng.Float64()*2-1)/uh
	if p.Keystone != 0 {
		// w = 1 + py*y: the top (y = -uh/2) shrinks by 1/(1 - py*uh/2),
		// the bottom grows, their ratio being 1 - Keystone.
		py = -p.Keystone / (uh * (1 - p.Keystone/2))
	}
	fwd := mul(translate(ow/2, oh/2), mul([9]float64{c, -s, 0, s, c, 0, px, py, 1}, translate(-uw/2, -uh/2)))
	return invert(fwd)
}

func translate(x, y float64) [9]float64 { return [9]float64{1, 0, x, 0, 1, y, 0, 0, 1} }

func mul(a, b [9]float64) [9]float64 {
	var m [9]float64
	for r := 0; r < 3; r++ {
		for c := 0; c < 3; c++ {
			for k := 0; k < 3; k++ {
				m[r*3+c] += a[r*3+k] * b[k*3+c]
			}
		}
	}
	return m
}

func invert(m [9]float64) [9]float64 {
	det := m[0]*(m[4]*m[8]-m[5]*m[7]) - m[1]*(m[3]*m[8]-m[5]*m[6]) + m[2]*(m[3]*m[7]-m[4]*m[6])
	return [9]float64{
		(m[4]*m[8] - m[5]*m[7]) / det, (m[2]*m[7] - m[1]*m[8]) / det, (m[1]*m[5] - m[2]*m[4]) / det,
		(m[5]*m[6] - m[3]*m[8]) / det, (m[0]*m[8] - m[2]*m[6]) / det, (m[2]*m[3] - m[0]*m[5]) / det,
		(m[3]*m[7] - m[4]*m[6]) / det, (m[1]*m[6] - m[0]*m[7]) / det, (m[0]*m[4] - m[1]*m[3]) / det,
	}
}

// sample reads the upright image bilinearly; outside it is a dark table.
func sample(img *image.RGBA, x, y float64) (r, g, b float64, in bool) {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	bw, bh := img.Bounds().Dx(), img.Bounds().Dy()
	if x0 < 0 || y0 < 0 || x0+1 >= bw || y0+1 >= bh {
		return 70, 62, 55, false
	}
	fx, fy := x-float64(x0), y-float64(y0)
	i := img.PixOffset(x0, y0)
	at := func(k int) float64 {
		p := img.Pix
		return (float64(p[i+k])*(1-fx)+float64(p[i+4+k])*fx)*(1-fy) +
			(float64(p[i+img.Stride+k])*(1-fx)+float64(p[i+img.Stride+4+k])*fx)*fy
	}
	return at(0), at(1), at(2), true
}

func clampByte(v float64) uint8 { return uint8(max(0, min(255, v+0.5))) }
