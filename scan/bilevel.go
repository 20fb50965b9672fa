package scan

import "math"

// Copiers and scanners in "black & white" or "text" mode make bilevel
// pages: every pixel black or white, stored as 1-bit (often CCITT G4
// TIFF), thresholded or dithered. The light grey grid is gone (or turned
// into dots), and a dithered grey is a pattern of black specks. Such a
// page is turned the right way round (a negative) and, if dithered,
// smoothed back into greys. When the grid cannot be found on it the rows
// are placed by the four corner marks alone (a copier's page lies flat).
// A dithered page is smoothed with a box matched to its dot period; its
// rows are read like a thresholded copy's, and a row a strike line may
// cross (the dither breaks it into dots) is left to review.

// isBilevel reports whether almost every pixel of the plane is black or
// white, sampling a sparse grid of it.
func isBilevel(p *plane) bool {
	mid, n := 0, 0
	for y := 0; y < p.h; y += 7 {
		row := p.pix[y*p.str : y*p.str+p.w]
		for x := 0; x < p.w; x += 5 {
			if v := row[x]; v > 24 && v < 232 {
				mid++
			}
			n++
		}
	}
	return mid*100 < n*2 // under 2 % in between (JPEG ringing aside)
}

// mostlyBlack reports whether a page is a negative: more black than
// white. A CCITT TIFF whose photometric tag says BlackIsZero is read by
// the TIFF decoder with black and white swapped; paper is never mostly
// black.
func mostlyBlack(p *plane) bool {
	dark, n := 0, 0
	for y := 0; y < p.h; y += 7 {
		row := p.pix[y*p.str : y*p.str+p.w]
		for x := 0; x < p.w; x += 5 {
			if row[x] < 128 {
				dark++
			}
			n++
		}
	}
	return dark*10 > n*6
}

// fixBilevel turns a bilevel page the right way round and, when it is
// dithered, smooths it with a box blur about one dot period wide, which
// brings the greys back enough to find the QR code, the marks and the grid. The plane is
// replaced, not changed in place: it may be the decoder's shared buffer.
func fixBilevel(p *plane) (out plane, dots bool) {
	out = plane{pix: make([]byte, p.w*p.h), w: p.w, h: p.h, str: p.w}
	inv := byte(0)
	if mostlyBlack(p) {
		inv = 255
	}
	r := 0
	if dots = dithered(p, inv); dots {
		r = ditherRadius(ditherPeriod(p, inv), p.w)
	}
	boxBlur(p, &out, r, inv)
	return out, dots
}

// dithered reports whether the black pixels include many lone dots, the
// mark of a dithered grey: a thresholded page has solid strokes.
func dithered(p *plane, inv byte) bool {
	black, lone := 0, 0
	for y := 1; y < p.h-1; y += 3 {
		for x := 1; x < p.w-1; x++ {
			i := y*p.str + x
			if p.pix[i]^inv >= 128 {
				continue
			}
			black++
			if p.pix[i-1]^inv >= 128 && p.pix[i+1]^inv >= 128 && p.pix[i-p.str]^inv >= 128 && p.pix[i+p.str]^inv >= 128 {
				lone++
			}
		}
	}
	return lone*20 > black // over 5 %
}

// boxBlur writes the mean over a (2r+1)² box of each pixel (XOR inv)
// into out, with a summed-area table.
func boxBlur(p, out *plane, r int, inv byte) {
	w, h := p.w, p.h
	sat := make([]uint32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var run uint32
		row := p.pix[y*p.str:]
		for x := 0; x < w; x++ {
			run += uint32(row[x] ^ inv)
			sat[(y+1)*(w+1)+x+1] = sat[y*(w+1)+x+1] + run
		}
	}
	for y := 0; y < h; y++ {
		y0, y1 := max(0, y-r), min(h, y+r+1)
		for x := 0; x < w; x++ {
			x0, x1 := max(0, x-r), min(w, x+r+1)
			s := sat[y1*(w+1)+x1] - sat[y0*(w+1)+x1] - sat[y1*(w+1)+x0] + sat[y0*(w+1)+x0]
			out.pix[y*w+x] = byte(s / uint32((x1-x0)*(y1-y0)))
		}
	}
}

// ditherPeriod estimates the spacing of a dithered page's dots, in
// pixels. Along a line the gap between lone dots of the paper's grey (most
// of the page) is about 1/density; across the plane the dots lie about
// its square root apart. Error diffusion has no fixed cell, so the median
// gap of sampled lines stands in for one.
func ditherPeriod(p *plane, inv byte) int {
	var gaps [65]int
	n := 0
	for y := 1; y < p.h-1; y += 5 {
		last := -1
		for x := 1; x < p.w-1; x++ {
			i := y*p.str + x
			if p.pix[i]^inv >= 128 {
				continue
			}
			if p.pix[i-1]^inv < 128 || p.pix[i+1]^inv < 128 || p.pix[i-p.str]^inv < 128 || p.pix[i+p.str]^inv < 128 {
				last = -1 // part of a stroke or a denser grey
				continue
			}
			if last >= 0 && x-last <= 64 {
				gaps[x-last]++
				n++
			}
			last = x
		}
	}
	for g, seen := 0, 0; g < len(gaps); g++ {
		if seen += gaps[g]; seen*2 >= n && n > 0 {
			return int(math.Round(math.Sqrt(float64(g))))
		}
	}
	return 2
}

// ditherRadius is the half-width of the box that smooths a dithered page
// w pixels wide: about a dot period wide, so that each box holds a dot or
// two of the paper's grey and the mean is a grey again; but no wider than
// about 0.5 mm, as a wider box washes out the QR code's modules (3 pixels
// at 150 dpi) and thin pen lines.
func ditherRadius(period, w int) int { return max(1, min((period+1)/2, w/800)) }

// ditherNearLine is the share of a row's columns one straight line must
// cross on a dithered page for the row to be left to review as perhaps
// struck out: the dither breaks a strike line into dots that the
// smoothing only partly joins.
const ditherNearLine = 0.35
