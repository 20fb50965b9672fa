package scantest

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/webp"
)

// TestWebPRoundTrip checks the little encoder against x/image's decoder.
func TestWebPRoundTrip(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 37, 21))
	for i := range g.Pix {
		g.Pix[i] = byte(i * 7)
	}
	m, err := webp.Decode(bytes.NewReader(WebP(g)))
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 21; y++ {
		for x := 0; x < 37; x++ {
			if c := color.GrayModel.Convert(m.At(x, y)).(color.Gray).Y; c != g.GrayAt(x, y).Y {
				t.Fatalf("%d,%d: %d, want %d", x, y, c, g.GrayAt(x, y).Y)
			}
		}
	}
}
