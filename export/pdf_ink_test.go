package export

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	_ "image/png"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// TestPackInk renders the demo pack's second sheet page (rows 4-30) and
// checks that every row's signature cell holds ink and that the ink stays
// inside the cell: the signatures are drawn through their own XObject, so
// a wrong transformation or a missing "Do" would leave them blank or
// scattered.
func TestPackInk(t *testing.T) {
	needTool(t, "pdftoppm")
	s, p := pdfDemo(t)
	path, _ := writePack(t, s, p, PackOptions{})
	img := renderPage(t, path, 3)
	tab, err := layout.Rows(layout.A4, layout.KindRows, 4, layout.MaxRows(layout.A4))
	if err != nil {
		t.Fatal(err)
	}
	sig := tab.Signature
	for _, r := range tab.Rows {
		t.Run(fmt.Sprintf("row %d", r.Number), func(t *testing.T) {
			in := darkPixels(img, image.Rect(int(sig.X0)+2, int(r.Y0)+1, int(sig.X1)-2, int(r.Y1)-1))
			if in < 20 {
				t.Errorf("%d dark pixels in the signature cell, want a drawn signature", in)
			}
		})
	}
	// Between the address column's text and the signature cells, and in
	// the margin right of the table, no ink.
	right := image.Rect(int(sig.X1)+2, int(tab.Rows[0].Y0), img.Bounds().Max.X-30, int(tab.Rows[len(tab.Rows)-1].Y1))
	if n := darkPixels(img, right); n > 0 {
		t.Errorf("%d dark pixels right of the table: ink outside its cells", n)
	}
}

// renderPage renders one page at 72 dpi (a pixel per point) in grey.
func renderPage(t *testing.T, path string, page int) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	n := fmt.Sprint(page)
	runTool(t, "pdftoppm", "-r", "72", "-gray", "-png", "-f", n, "-l", n, "-singlefile", path, out)
	b, err := os.ReadFile(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func darkPixels(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128 {
				n++
			}
		}
	}
	return n
}
