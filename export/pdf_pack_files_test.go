package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// dirOut is a PackOut writing "pack<suffix>.pdf" files into a folder.
type dirOut struct{ dir string }

func (o dirOut) Create(suffix string) (io.WriteCloser, error) {
	return os.Create(filepath.Join(o.dir, "pack"+suffix+".pdf"))
}

// addSigners adds n digital signatures named "Signer 0001" … to p.
func addSigners(t *testing.T, s *store.Store, p *petition.Petition, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Signer %04d", i)
		sig := &petition.Signature{Name: name, Address: petition.Address{Street: "Hauptstrasse 1", Postcode: "3000", City: "Bern", Country: "Switzerland"},
			Strokes: store.DemoStrokes(name, 1), Signed: pdfNow}
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPartSuffix(t *testing.T) {
	for _, c := range []struct {
		target, i, n int
		want         string
	}{{0, 3, 12, "-part-03-of-12"}, {2, 3, 27, "-target-2-part-03-of-27"}, {2, 1, 1, "-target-2"}, {0, 7, 105, "-part-007-of-105"}} {
		if got := partSuffix(c.target, c.i, c.n); got != c.want {
			t.Errorf("partSuffix(%d, %d, %d) = %q, want %q", c.target, c.i, c.n, got, c.want)
		}
	}
	// Every file holds at most limit pages: the first limit numbered
	// pages, the others a continuation page and limit-1, the envelope last.
	for _, c := range []struct{ numbered, limit, want int }{{5, 10, 1}, {9, 10, 1}, {10, 10, 2}, {18, 10, 2}, {19, 10, 3}} {
		if got := partFiles(c.numbered, c.limit); got != c.want {
			t.Errorf("partFiles(%d, %d) = %d, want %d", c.numbered, c.limit, got, c.want)
		}
	}
}

// TestPackSplit cuts a pack of two targets into files of 6 pages and
// reads them back: every file valid and within the limit, the cover
// letter only in the first of a target, a continuation page at the start
// of the others, "Part x of y" in the footers, the page counts adding up
// to the whole pack's, and every signer once per target.
func TestPackSplit(t *testing.T) {
	s, p := pdfDemo(t)
	addSigners(t, s, p, 120)
	opt := PackOptions{PDFOptions: PDFOptions{Now: pdfNow}}
	whole, res0 := writePack(t, s, p, opt)
	dir := t.TempDir()
	opt.PartPages = 6
	res, err := PackFiles(context.Background(), dirOut{dir}, s, p, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) < 4 {
		t.Fatalf("files %q: want at least two per target", res.Files)
	}
	names := regexp.MustCompile(`^-target-[12]-part-\d\d-of-\d\d$`)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	sum, perTarget := 0, map[string]int{}
	for _, f := range res.Files {
		if !names.MatchString(f) {
			t.Errorf("file suffix %q", f)
		}
		path := filepath.Join(dir, "pack"+f+".pdf")
		if err := api.ValidateFile(path, conf); err != nil {
			t.Errorf("%s is not a valid PDF: %v", f, err)
		}
		n, err := api.PageCountFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if n > opt.PartPages {
			t.Errorf("%s has %d pages, more than %d", f, n, opt.PartPages)
		}
		sum += n
		perTarget[f[:len("-target-1")]]++
	}
	wholePages, err := api.PageCountFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	if cont := len(res.Files) - 2; sum != wholePages+cont || res.Pages != sum || res0.Pages != wholePages {
		t.Errorf("%d pages in the parts, want %d of the whole pack and %d continuation pages (result %d)", sum, wholePages, cont, res.Pages)
	}
	if _, err := os.Stat(filepath.Join(dir, "pack.pdf")); err == nil {
		t.Error("a split pack also wrote the whole file")
	}
	checkSplitText(t, p, dir, res.Files, perTarget)
}

// checkSplitText reads the parts back with pdftotext.
func checkSplitText(t *testing.T, p *petition.Petition, dir string, files []string, perTarget map[string]int) {
	needTool(t, "pdftotext")
	seen := map[string]int{}
	for _, f := range files {
		text := runTool(t, "pdftotext", "-enc", "UTF-8", filepath.Join(dir, "pack"+f+".pdf"), "-")
		var tn, i, n int
		fmt.Sscanf(f, "-target-%d-part-%d-of-%d", &tn, &i, &n)
		w := wordsByLang[packLang(p, p.Targets[tn-1])]
		cont, _, _ := strings.Cut(w.continued, "%")
		if n != perTarget[f[:len("-target-1")]] {
			t.Errorf("%s: %d parts in the name, %d written", f, n, perTarget[f[:len("-target-1")]])
		}
		if footer := fmt.Sprintf(w.partOf, i, n) + " · "; strings.Count(text, footer) < 2 {
			t.Errorf("%s: no footer %q", f, footer)
		}
		if i > 1 && !strings.Contains(text, cont) {
			t.Errorf("%s: no continuation page %q:\n%s", f, cont, text)
		}
		if i == 1 && strings.Contains(text, cont) {
			t.Errorf("%s: the first part has a continuation page", f)
		}
		for _, m := range regexp.MustCompile(`Signer \d{4}`).FindAllString(text, -1) {
			seen[f[:len("-target-1")]+" "+m]++
		}
	}
	for target := 1; target <= 2; target++ {
		for i := 1; i <= 120; i++ {
			key := fmt.Sprintf("-target-%d Signer %04d", target, i)
			if seen[key] != 1 {
				t.Errorf("%s appears %d times", key, seen[key])
			}
		}
	}
}

// TestPackSplitCancel stops a split pack midway: the error is the
// context's, whatever files were begun are the caller's to remove.
func TestPackSplitCancel(t *testing.T) {
	s, p := pdfDemo(t)
	addSigners(t, s, p, 60)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := PackOptions{PDFOptions: PDFOptions{Now: pdfNow}, PartPages: 4}
	_, err := PackFiles(ctx, dirOut{t.TempDir()}, s, p, opt, func(done, _ int) {
		if done == 5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// One writer cannot take a pack that needs several files.
	if _, err := Pack(context.Background(), io.Discard, s, p, opt, nil); err == nil || !strings.Contains(err.Error(), "several files") {
		t.Errorf("Pack into one writer: err = %v", err)
	}
}
