package export

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"testing"

	_ "image/png"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/store"
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

// TestPackValid checks the pack with pdfcpu's strict validator: the
// signature XObjects are written by hand (pdf_sigs.go), so a name
// missing from the resources shows here. (pdfcpu, like poppler, repairs a
// wrong /Length quietly: TestSigObject checks that one.)
func TestPackValid(t *testing.T) {
	s, p := pdfDemo(t)
	path, _ := writePack(t, s, p, PackOptions{})
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.ValidateFile(path, conf); err != nil {
		t.Fatalf("the pack is not a valid PDF: %v", err)
	}
}

// TestSigObject makes one page's XObject and reads it back: the /Length
// must be the stream's, and the stream must inflate to drawing operators.
func TestSigObject(t *testing.T) {
	l := newSigLayer(595.28, 841.89)
	l.add(store.DemoStrokes("Anna Schmid", 1), layout.Rect{X: 400, Y: 100, W: 140, H: 20})
	l.jobs <- l.cur
	page := l.cur
	l.stop()
	head, rest, ok := bytes.Cut(page.obj, []byte(">>\nstream\n"))
	stream, ok2 := bytes.CutSuffix(rest, []byte("\nendstream\n"))
	if !ok || !ok2 {
		t.Fatalf("not a stream object:\n%q", page.obj)
	}
	if want := fmt.Sprintf("/Length %d\n", len(stream)); !bytes.Contains(head, []byte(want)) {
		t.Fatalf("dictionary %q lacks %q", head, want)
	}
	zr, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	ops, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(ops, []byte("0 G 0 g 1 J 1 j\n")) || bytes.Count(ops, []byte(" c\n")) < 5 || !bytes.HasSuffix(ops, []byte("S\n")) {
		t.Errorf("unexpected operators:\n%s", ops)
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
