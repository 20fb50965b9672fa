package export

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/store"
)

// needTool skips when a poppler tool is missing, unless CI requires it.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is required (poppler-utils): %v", name, err)
		}
		t.Skipf("%s not installed (poppler-utils)", name)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

var pdfNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// pdfDemo is the demo petition: 35 valid digital rows (one struck), a
// paper sheet counted at 27, two targets.
func pdfDemo(t *testing.T) (*store.Store, *petition.Petition) {
	t.Helper()
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(pdfNow)
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

func writePack(t *testing.T, s *store.Store, p *petition.Petition, opt PackOptions) (string, PackResult) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.pdf")
	opt.Now = pdfNow
	var last, total int
	var res PackResult
	err := writeTestFile(path, func(w io.Writer) (err error) {
		res, err = Pack(context.Background(), w, s, p, opt, func(d, n int) { last, total = d, n })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != total || total == 0 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	return path, res
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	for _, l := range strings.Split(runTool(t, "pdfinfo", path), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatal("pdfinfo gave no page count")
	return 0
}

func TestPackText(t *testing.T) {
	needTool(t, "pdftotext")
	s, p := pdfDemo(t)
	// The demo strikes its only Zoë (row 1); she signs again, and a
	// signer who is struck at once must not appear at all.
	for _, name := range []string{"Zoë Müller-Lüdenscheidt", "Struck Strikeworth"} {
		sig := &petition.Signature{Name: name, Address: petition.Address{Street: "Bahnhofstrasse 12", Postcode: "8001", City: "Zürich", Country: "Switzerland"},
			Strokes: store.DemoStrokes(name, 1), Signed: pdfNow}
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "Struck") {
			if err := s.StrikeSignature(sig.ID, petition.StrikeWithdrawn); err != nil {
				t.Fatal(err)
			}
		}
	}
	path, res := writePack(t, s, p, PackOptions{})
	text := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	var struck []string
	var zoe *petition.Signature
	err := s.ForEachSignature(p.ID, func(sig *petition.Signature) error {
		if sig.IsStruck() {
			struck = append(struck, sig.Name)
			return nil
		}
		if strings.HasPrefix(sig.Name, "Zoë") {
			c := *sig
			zoe = &c
		}
		t.Run("signer "+sig.Name, func(t *testing.T) {
			want := sig.Name
			if sig.Address.Country == "Belarus" { // the targets' country: initials only
				want = petition.Initials(sig.Name)
			}
			if !strings.Contains(text, want) {
				t.Errorf("%q is not in the text", want)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The first target reads Russian, the second English; the paper sheet
	// counted by hand is held by the group, not enclosed; Zoë keeps the
	// sheet and row the app gave her.
	if zoe == nil || zoe.Sheet != 2 {
		t.Fatalf("Zoë signed again on %+v, not on sheet 2", zoe)
	}
	for _, want := range append([]string{"М. К.", "Zoë Müller-Lüdenscheidt",
		"This petition carries 63 signatures. Enclosed: 36 signatures, signed in person. Held on paper by Human Rights Group Bern: 27 signatures.",
		"Под петицией собрано 63 подписи.", "С уважением,", "Copy to: Minister of the Interior, Republic of Belarus",
		"Enclosures: 2 signature sheets", "Sheet 2", "page 1 of 5", "page 5 of 5", "стр. 5 из 5",
		strconv.Itoa(zoe.Row) + ". Zoë Müller-Lüdenscheidt", "Minister of Foreign Affairs"}, p.Demands...) {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("%q is not in the text", want)
		}
	}
	if len(struck) != 2 || res.Signatures != 36 {
		t.Errorf("struck %v, pack rows %d; want two struck rows and 36 rows", struck, res.Signatures)
	}
	if strings.Contains(text, "Strikeworth") {
		t.Error("a struck signer is in the pack")
	}
	info := runTool(t, "pdfinfo", path)
	for _, want := range []string{"Author:          " + p.Organisation, "Title:           " + p.Title} {
		if !strings.Contains(info, want) {
			t.Errorf("metadata lacks %q:\n%s", want, info)
		}
	}
}

// TestPackPages checks the page count against the rows per sheet: per
// target a cover letter, each sheet's pages (letter with rows 1-3, then
// rows 4-30), the scanned pages, and an envelope page.
func TestPackPages(t *testing.T) {
	needTool(t, "pdfinfo")
	s, p := pdfDemo(t)
	if p.RowsPerSheet != 30 || p.RowsFirstPage != 3 {
		t.Fatalf("the demo's layout changed (%d rows, %d on page 1): update this test", p.RowsPerSheet, p.RowsFirstPage)
	}
	// 35 rows: sheet 1 has 2 pages, sheet 2 (rows 31-35) has 2 pages too.
	const sheetPages = 4
	jpg := testJPEG(t)
	paper, err := s.CreatePaperSheets(p.ID, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	for pg := 1; pg <= 2; pg++ {
		if _, err := s.PutScanPage(p.ID, paper[0].Number, store.ScanPage{Page: pg, Count: 3}, jpg, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		opt     PackOptions
		targets int
		scans   int
		size    string
	}{
		{"all targets, A4", PackOptions{}, 2, 0, "595.28 x 841.89"},
		{"second target, Letter", PackOptions{PDFOptions: PDFOptions{Paper: layout.Letter}, Targets: []int{1}}, 1, 0, "612 x 792"},
		{"with scans", PackOptions{ScanPages: s.ScanPages, Targets: []int{0}}, 1, 2, "595.28 x 841.89"},
		{"with scans counted from their records", PackOptions{ScanPages: s.ScanPages, Targets: []int{0},
			ScanCount: func(pid string, sheet int) (int, error) {
				l, err := s.ScanPageList(pid, sheet)
				return len(l), err
			}}, 1, 2, "595.28 x 841.89"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, res := writePack(t, s, p, tc.opt)
			want := tc.targets * (1 + sheetPages + tc.scans + 1)
			if got := pdfPages(t, path); got != want || res.Pages != want {
				t.Errorf("%d pages (result says %d), want %d", got, res.Pages, want)
			}
			if info := runTool(t, "pdfinfo", path); !strings.Contains(info, "Page size:       "+tc.size) {
				t.Errorf("page size is not %s:\n%s", tc.size, info)
			}
		})
	}
}

func testJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 210, 297))
	for i := range img.Pix {
		img.Pix[i] = 230
	}
	img.Set(10, 10, color.Black)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPackFontsEmbedded(t *testing.T) {
	needTool(t, "pdffonts")
	s, p := pdfDemo(t)
	path, _ := writePack(t, s, p, PackOptions{Targets: []int{0}})
	lines := strings.Split(strings.TrimSpace(runTool(t, "pdffonts", path)), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts listed:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is 5th from the end.
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

func TestPackEmptyPetition(t *testing.T) {
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(pdfNow)
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Pack(context.Background(), &buf, s, p, PackOptions{}, nil); !errors.Is(err, ErrNoSignatures) {
		t.Fatalf("error %v, want ErrNoSignatures", err)
	}
	if buf.Len() != 0 {
		t.Errorf("a failed pack wrote %d bytes", buf.Len()) // no file is left: see desk's tests
	}
}

func TestPackBadTarget(t *testing.T) {
	s, p := pdfDemo(t)
	var te *TargetError
	if _, err := Pack(context.Background(), &bytes.Buffer{}, s, p, PackOptions{Targets: []int{5}}, nil); !errors.As(err, &te) {
		t.Fatalf("error %v, want a TargetError", err)
	}
}

func TestPackCancel(t *testing.T) {
	s, p := pdfDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Pack(ctx, &bytes.Buffer{}, s, p, PackOptions{}, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

// TestBlankQR renders each page of a blank sheet at 200 dpi and reads its
// QR code back, for both paper sizes.
func TestBlankQR(t *testing.T) {
	needTool(t, "pdftoppm")
	s, p := pdfDemo(t)
	for _, paper := range layout.Papers {
		t.Run(paper.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "blank.pdf")
			sheets, err := printBlankFile(context.Background(), path, s, p, 1, PDFOptions{Paper: paper, Now: pdfNow}, nil)
			if err != nil {
				t.Fatal(err)
			}
			num := sheets[0].Number
			if sh, err := s.SheetByNumber(p.ID, num); err != nil || sh.Origin != petition.OriginPaper {
				t.Fatalf("sheet %d not reserved as paper: %v %v", num, sh, err)
			}
			runTool(t, "pdftoppm", "-r", "200", "-png", path, filepath.Join(dir, "pg"))
			pngs, _ := filepath.Glob(filepath.Join(dir, "pg-*.png"))
			if len(pngs) != 2 {
				t.Fatalf("%d pages rendered, want 2", len(pngs))
			}
			// Both codes, the main one and the smaller spare, carry the
			// page's payload.
			for i, png := range pngs {
				for _, box := range []layout.Rect{layout.QRBox(paper), layout.SpareQRBox(paper)} {
					got, err := layout.ParsePayload(decodeQR(t, png, box))
					if err != nil {
						t.Fatal(err)
					}
					if got.Petition != layout.ShortID(p.ID) || got.Sheet != num || got.Page != i+1 || got.Paper != paper {
						t.Errorf("page %d: payload %+v", i+1, got)
					}
				}
			}
		})
	}
}

// decodeQR reads the QR code in box (points) of a page rendered at 200 dpi.
func decodeQR(t *testing.T, path string, box layout.Rect) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	s := 200.0 / 72
	crop := image.Rect(int((box.X-10)*s), int((box.Y-10)*s), int((box.X1()+10)*s), int((box.Y1()+10)*s))
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		t.Fatal("the rendered page cannot be cropped")
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(sub.SubImage(crop))
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("%s: no QR code read: %v", filepath.Base(path), err)
	}
	return res.GetText()
}

func TestBlankText(t *testing.T) {
	needTool(t, "pdftotext")
	s, p := pdfDemo(t)
	path := filepath.Join(t.TempDir(), "blank.pdf")
	if _, err := printBlankFile(context.Background(), path, s, p, 2, PDFOptions{Now: pdfNow}, nil); err != nil {
		t.Fatal(err)
	}
	text := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	for _, want := range []string{p.Title, "Frist/délai: " + p.Deadline.Long("de"), "Name / Nom", "Unterschrift / Signature", p.Organisation,
		"Bitte zurück bis / À renvoyer avant le: " + p.ReturnBy().Long("de"), "Petition an / Pétition à: Minister of the Interior"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is not on the blank sheets", want)
		}
	}
	if _, err := printBlankFile(context.Background(), path, s, p, 0, PDFOptions{}, nil); !errors.Is(err, ErrSheetCount) {
		t.Errorf("0 sheets: %v, want ErrSheetCount", err)
	}
}
