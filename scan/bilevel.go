package scan

// Copiers and scanners in "black & white" or "text" mode make bilevel
// pages: every pixel black or white, stored as 1-bit (often CCITT G4
// TIFF), thresholded or dithered. The light grey grid is gone (or turned
// into dots), and a dithered grey is a pattern of black specks. Such a
// page is turned the right way round (a negative) and, if dithered,
// smoothed back into greys. When the grid cannot be found on it the rows
// are placed by the four corner marks alone (a copier's page lies flat).
// A dithered page is identified but not counted: its specks of grey are
// too easily taken for a signature or lost with one, and a page counted
// wrong without a flag is worse than one sent back with the real cause.

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
// dithered, smooths it with a box blur about 0.4 mm wide, which brings
// the greys back enough to find the QR code and the marks. The plane is
// replaced, not changed in place: it may be the decoder's shared buffer.
func fixBilevel(p *plane) (out plane, dots bool) {
	out = plane{pix: make([]byte, p.w*p.h), w: p.w, h: p.h, str: p.w}
	inv := byte(0)
	if mostlyBlack(p) {
		inv = 255
	}
	r := 0
	if dots = dithered(p, inv); dots {
		r = max(1, p.w/1000) // a box about 0.4 mm wide: 3 pixels at 150 dpi, 5 at 300
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
