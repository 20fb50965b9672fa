package scan_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"golang.org/x/image/tiff"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// pngHeader is a PNG whose header claims w×h pixels and holds no data.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit grey
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(ihdr))))
	b.Write(chunk)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(chunk)))
	return b.Bytes()
}

// jpegHeader is a small real JPEG whose frame header is patched to claim
// w×h pixels.
func jpegHeader(w, h uint16) []byte {
	data := smallJPEG()
	i := bytes.Index(data, []byte{0xFF, 0xC0})
	binary.BigEndian.PutUint16(data[i+5:], h)
	binary.BigEndian.PutUint16(data[i+7:], w)
	return data
}

func smallJPEG() []byte {
	img := image.NewGray(image.Rect(0, 0, 96, 96))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, nil)
	return b.Bytes()
}

// pdfOf wraps images into a PDF, one per page, as a scanner's "scan to
// PDF" does (pdfcpu embeds a JPEG unchanged).
func pdfOf(t testing.TB, imgs ...[]byte) []byte {
	var readers []io.Reader
	for _, b := range imgs {
		readers = append(readers, bytes.NewReader(b))
	}
	var out bytes.Buffer
	if err := api.ImportImages(nil, &out, readers, nil, nil); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// blankPDF is a valid one-page PDF without any image.
func blankPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func testPage(seed uint64) scantest.Page {
	pg := scantest.Page{Payload: scantest.Payload(testPetition, 2, 2), DPI: 150, Angle: -1, Noise: 4, Seed: seed}
	pg.Rows = make([]scantest.Fill, pg.Payload.N)
	for i := 0; i < 7; i++ {
		pg.Rows[i*3] = scantest.Full
	}
	return pg
}

func TestBadInputKeepsBatchGoing(t *testing.T) {
	good := testPage(1)
	goodJPEG := good.JPEG()
	var tif bytes.Buffer
	if err := tiff.Encode(&tif, good.Render(), nil); err != nil {
		t.Fatal(err)
	}
	var pngPage bytes.Buffer
	png.Encode(&pngPage, good.Render())
	tests := []struct {
		name, file string
		data       []byte
		want       error // nil: the page is read and counted
	}{
		{"good jpeg", "good.jpg", goodJPEG, nil},
		{"good png", "good.png", pngPage.Bytes(), nil},
		{"good tiff", "good.tif", tif.Bytes(), nil},
		{"pdf of a jpeg", "scan.pdf", pdfOf(t, goodJPEG), nil},
		{"empty file", "empty.jpg", nil, scan.ErrEmpty},
		{"not an image", "notes.txt", []byte("shopping list: milk, bread"), scan.ErrNotImage},
		{"truncated jpeg", "cut.jpg", goodJPEG[:len(goodJPEG)/2], scan.ErrDamaged},
		{"png claims 50000x50000", "huge.png", pngHeader(50000, 50000), scan.ErrTooLarge},
		{"jpeg claims 50000x50000", "huge.jpg", jpegHeader(50000, 50000), scan.ErrTooLarge},
		{"pdf without images", "text.pdf", blankPDF(), scan.ErrNoImages},
		{"broken pdf", "broken.pdf", []byte("%PDF-1.4\nnothing else"), nil},
	}
	dir := t.TempDir()
	var files []string
	for _, tt := range tests {
		f := filepath.Join(dir, tt.file)
		if err := os.WriteFile(f, tt.data, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cat := scantest.NewCatalog(testPetition, 3)
	results := scan.Batch(context.Background(), files, cat, scan.Options{Workers: 2})
	if len(results) != len(tests) {
		t.Fatalf("%d results for %d files", len(results), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := results[i]
			if filepath.Base(r.File) != tt.file {
				t.Fatalf("result for %s, want %s", r.File, tt.file)
			}
			switch {
			case tt.want == nil && strings.HasPrefix(tt.name, "good") || tt.name == "pdf of a jpeg":
				if !r.OK() || r.Count != good.Truth() {
					t.Fatalf("counted %d (truth %d), problem %q", r.Count, good.Truth(), r.Problem)
				}
			case tt.want == nil:
				if r.OK() || r.Err == nil {
					t.Fatalf("no problem reported")
				}
			default:
				if !errors.Is(r.Err, tt.want) || r.Count != 0 {
					t.Fatalf("err %v, want %v", r.Err, tt.want)
				}
				if msg := r.Err.Error(); !strings.HasPrefix(msg, tt.file) || strings.Contains(msg, "\n") {
					t.Fatalf("message %q should be one line naming the file", msg)
				}
			}
		})
	}
}

// TestPDFKeepsJPEGBytes checks that a scanner's JPEG inside a PDF comes
// out byte for byte.
func TestPDFKeepsJPEGBytes(t *testing.T) {
	a, b := testPage(2).JPEG(), smallJPEG()
	srcs, err := scan.Split("two.pdf", pdfOf(t, a, b))
	if err != nil || len(srcs) != 2 {
		t.Fatalf("%d pages, %v", len(srcs), err)
	}
	if !bytes.Equal(srcs[0].Data, a) || !bytes.Equal(srcs[1].Data, b) || srcs[1].Page != 2 {
		t.Fatal("the PDF's JPEGs did not come out unchanged")
	}
}

// TestProblemsNeverCount: pages that are not ours, or not in this
// database, get a problem and no count.
func TestProblemsNeverCount(t *testing.T) {
	cat := scantest.NewCatalog(testPetition, 3)
	cat.Sheets[testPetition][2].Origin = "digital"
	other := testPage(3)
	other.Payload = scantest.Payload("another-petition", 1, 2)
	unprinted := testPage(4)
	unprinted.Payload.Sheet = 99
	digital := testPage(5)
	digital.Payload.Sheet = 3
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"another petition", other.JPEG(), scan.ProblemOtherDB},
		{"sheet never printed", unprinted.JPEG(), "was not printed"},
		{"digital sheet", digital.JPEG(), "signed on the laptop"},
		{"unrelated QR code", unrelatedQR(t), scan.ProblemForeignQR},
		{"no QR code", plainPage(), scan.ProblemNoQR},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scan.Analyse(scan.Source{File: "x.jpg", Page: 1, Data: tt.data}, cat)
			if r.OK() || !strings.Contains(r.Problem, tt.want) || r.Count != 0 {
				t.Fatalf("problem %q count %d, want %q", r.Problem, r.Count, tt.want)
			}
		})
	}
}

// unrelatedQR is a sheet-like page whose QR code holds a web address.
func unrelatedQR(t *testing.T) []byte {
	img := scantest.PageWithQR("https://example.org/not-a-sheet", 150)
	var b bytes.Buffer
	jpeg.Encode(&b, img, nil)
	return b.Bytes()
}

func plainPage() []byte {
	img := image.NewGray(image.Rect(0, 0, 1240, 1754))
	for i := range img.Pix {
		img.Pix[i] = 240
	}
	for y := 300; y < 1400; y += 60 {
		for x := 150; x < 1100; x++ {
			img.Set(x, y, color.Gray{90})
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, nil)
	return b.Bytes()
}

func TestExpandFolder(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.JPG", "a.pdf", "notes.txt", "c.tiff"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600)
	}
	os.Mkdir(filepath.Join(dir, "sub.jpg"), 0o700)
	got, err := scan.Expand([]string{dir, "/missing.jpg"})
	want := []string{filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.JPG"), filepath.Join(dir, "c.tiff"), "/missing.jpg"}
	if err != nil || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("%v %v", got, err)
	}
}

// TestLetterPageWithoutRows: a letter page with no rows under the letter
// is identified and stored with a count of 0.
func TestLetterPageWithoutRows(t *testing.T) {
	pg := testPage(11)
	pg.Payload.Page, pg.Payload.Kind, pg.Payload.First, pg.Payload.N, pg.Rows = 1, 'L', 1, 0, nil
	r := scan.Analyse(scan.Source{File: "letter.jpg", Page: 1, Data: pg.JPEG()}, scantest.NewCatalog(testPetition, 3))
	if !r.OK() || r.Count != 0 || len(r.Rows) != 0 || r.SheetPage != 1 || len(r.Image) == 0 {
		t.Fatalf("problem %q count %d rows %d", r.Problem, r.Count, len(r.Rows))
	}
}

// TestBatchCancel: a cancelled batch returns promptly with what it did.
func TestBatchCancel(t *testing.T) {
	dir := t.TempDir()
	var files []string
	data := testPage(12).JPEG()
	for i := 0; i < 20; i++ {
		f := filepath.Join(dir, fmt.Sprintf("p%02d.jpg", i))
		os.WriteFile(f, data, 0o600)
		files = append(files, f)
	}
	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	res := scan.Batch(ctx, files, scantest.NewCatalog(testPetition, 3), scan.Options{Workers: 2, OnPage: func(p scan.Progress, r *scan.Result) {
		seen++
		if p.PagesDone == 2 {
			cancel()
		}
	}})
	if len(res) >= len(files) || len(res) != seen {
		t.Fatalf("%d results, %d reported, after cancelling at 2 of %d", len(res), seen, len(files))
	}
}

// TestMultiPageTIFF checks that every page of a sheet feeder's TIFF is a
// page of the batch, each counted and with its own digest.
func TestMultiPageTIFF(t *testing.T) {
	a, b := testPage(3), testPage(4)
	b.Payload = scantest.Payload(testPetition, 3, 2)
	b.Rows[0] = scantest.Blank
	tif := scantest.MultiTIFF(a.Render(), b.Render())
	srcs, err := scan.Split("feeder.tif", tif)
	if err != nil || len(srcs) != 2 {
		t.Fatalf("%d pages, %v", len(srcs), err)
	}
	f := filepath.Join(t.TempDir(), "feeder.tif")
	if err := os.WriteFile(f, tif, 0o600); err != nil {
		t.Fatal(err)
	}
	res := scan.Batch(context.Background(), []string{f}, scantest.NewCatalog(testPetition, 3), scan.Options{Workers: 2})
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	for i, want := range []scantest.Page{a, b} {
		r := res[i]
		if !r.OK() || r.Page != i+1 || r.Sheet != want.Payload.Sheet || r.Count != want.Truth() {
			t.Errorf("page %d: sheet %d count %d (want %d, %d), problem %q", r.Page, r.Sheet, r.Count, want.Payload.Sheet, want.Truth(), r.Problem)
		}
	}
	if res[0].Digest == res[1].Digest {
		t.Error("both pages have the same digest")
	}
}

// TestTIFFChainLoop checks that a directory chain pointing back on
// itself ends instead of looping.
func TestTIFFChainLoop(t *testing.T) {
	tif := scantest.MultiTIFF(image.NewGray(image.Rect(0, 0, 80, 80)), image.NewGray(image.Rect(0, 0, 80, 80)))
	first := binary.LittleEndian.Uint32(tif[4:])
	binary.LittleEndian.PutUint32(tif[len(tif)-4:], first) // the last page points at the first
	srcs, err := scan.Split("loop.tif", tif)
	if err != nil || len(srcs) != 2 {
		t.Fatalf("%d pages, %v", len(srcs), err)
	}
}

// TestPhoneFormats checks that a WebP page is read and counted, and that
// a HEIC photo, in a folder too, gets one line saying what to do.
func TestPhoneFormats(t *testing.T) {
	pg := testPage(5)
	dir := t.TempDir()
	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), make([]byte, 64)...)
	for name, data := range map[string][]byte{"a.webp": scantest.WebP(pg.Render()), "b.HEIC": heic} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files, err := scan.Expand([]string{dir})
	if err != nil || len(files) != 2 {
		t.Fatalf("folder gives %v, %v", files, err)
	}
	res := scan.Batch(context.Background(), files, scantest.NewCatalog(testPetition, 3), scan.Options{Workers: 2})
	if len(res) != 2 {
		t.Fatalf("%d results", len(res))
	}
	if r := res[0]; !r.OK() || r.Count != pg.Truth() {
		t.Errorf("webp: count %d (truth %d), problem %q", r.Count, pg.Truth(), r.Problem)
	}
	r := res[1]
	if !errors.Is(r.Err, scan.ErrHEIC) || !strings.Contains(r.Problem, "Most Compatible") || strings.Contains(r.Err.Error(), "\n") {
		t.Errorf("heic: %v", r.Err)
	}
}
