package export

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// A script the signing form accepts names in, as the letters names are
// made of: bases, and marks (vowel signs, tones) that may follow a base.
type nameScript struct {
	name         string
	bases, marks []rune
	spaced       bool // words separated by spaces
}

func runeRange(lo, hi rune, skip ...rune) []rune {
	var out []rune
	for r := lo; r <= hi; r++ {
		if !strings.ContainsRune(string(skip), r) {
			out = append(out, r)
		}
	}
	return out
}

// nameScripts are the scripts issue 15 lists, each wider than its
// examples: every letter of the alphabet, every tone-marked Vietnamese
// vowel, the whole common Han block, every Hangul syllable.
var nameScripts = []nameScript{
	{name: "vietnamese", bases: append(runeRange('a', 'z'), append(runeRange(0x1EA0, 0x1EF9), 'đ', 'Đ', 'ơ', 'ư', 'ă')...), spaced: true},
	{name: "greek", bases: runeRange(0x03B1, 0x03C9, 0x03C2), marks: nil, spaced: true},
	{name: "cyrillic", bases: runeRange(0x0410, 0x044F), spaced: true},
	{name: "arabic", bases: runeRange(0x0628, 0x064A, 0x063B, 0x063C, 0x063D, 0x063E, 0x063F, 0x0640), spaced: true},
	{name: "hebrew", bases: runeRange(0x05D0, 0x05EA), spaced: true},
	{name: "devanagari", bases: runeRange(0x0915, 0x0939), marks: append(runeRange(0x093E, 0x094C), 0x0902), spaced: true},
	{name: "chinese", bases: runeRange(0x4E00, 0x9FA5)},
	{name: "japanese", bases: append(runeRange(0x3042, 0x3093), runeRange(0x30A2, 0x30F3)...)},
	{name: "korean", bases: runeRange(0xAC00, 0xD7A3), spaced: true},
}

// genName makes a name of two or three words of two to five letters.
func (s nameScript) genName(rng *rand.Rand) string {
	var words []string
	for range 2 + rng.IntN(2) {
		var w []rune
		for range 2 + rng.IntN(4) {
			w = append(w, s.bases[rng.IntN(len(s.bases))])
			if len(s.marks) > 0 && rng.IntN(2) == 0 {
				w = append(w, s.marks[rng.IntN(len(s.marks))])
			}
		}
		words = append(words, string(w))
	}
	if s.spaced {
		return strings.Join(words, " ")
	}
	return strings.Join(words, "")
}

// folded is text as compared: NFKC (Arabic presentation forms to letters)
// with runs of white space as one space.
// and without the bidi embedding marks pdftotext puts around
// right-to-left lines.
func folded(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// TestPackScripts: a pack holding names in every script gives each name
// back from its text layer, in logical order, with only embedded fonts.
func TestPackScripts(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "pdffonts")
	s, p := pdfDemo(t)
	rng := rand.New(rand.NewPCG(15, 1))
	var names []string
	for _, sc := range nameScripts {
		for range 3 {
			name := sc.genName(rng)
			if u := Uncovered(name); len(u) > 0 {
				t.Fatalf("%s name %q: no font for %q", sc.name, name, string(u))
			}
			names = append(names, name)
		}
	}
	names = append(names, "Nguyễn Thị Minh Khai", "محمد الأحمد", "דוד כהן", "देवनागरी क्षत्रिय", "王小明", "やまだ 太郎", "김민준", "Ahmed محمد", "Sarah בן דוד", "Мария 王")
	for _, name := range names {
		sig := &petition.Signature{Name: name, Address: petition.Address{Street: "Rue 1", Postcode: "1000", City: "Bern", Country: "Switzerland"},
			Strokes: store.DemoStrokes(name, 1), Signed: pdfNow}
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	path, _ := writePack(t, s, p, PackOptions{Targets: []int{0}})
	text := folded(runTool(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	for _, name := range names {
		if !strings.Contains(text, folded(name)) {
			t.Errorf("%q is not in the pack's text", name)
		}
	}
	checkEmbedded(t, path)
}

// checkEmbedded fails for a font pdffonts lists as not embedded.
func checkEmbedded(t *testing.T, path string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(runTool(t, "pdffonts", path)), "\n")
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not embedded as a subset: %s", l)
		}
	}
}

// TestBlankScripts: a blank sheet's header shows a title and a target in
// any script.
func TestBlankScripts(t *testing.T) {
	needTool(t, "pdftotext")
	rng := rand.New(rand.NewPCG(15, 2))
	for _, sc := range nameScripts {
		t.Run(sc.name, func(t *testing.T) {
			s, p := pdfDemo(t)
			p.Title = sc.genName(rng) + " " + sc.genName(rng)
			p.Targets[0].Name = sc.genName(rng)
			path := filepath.Join(t.TempDir(), "blank.pdf")
			if _, err := printBlankFile(context.Background(), path, s, p, 1, PDFOptions{Now: pdfNow}, nil); err != nil {
				t.Fatal(err)
			}
			text := folded(runTool(t, "pdftotext", "-enc", "UTF-8", path, "-"))
			for _, want := range []string{p.Title, p.Targets[0].Name} {
				if !strings.Contains(text, folded(want)) {
					t.Errorf("%q is not on the sheet:\n%s", want, text)
				}
			}
			checkEmbedded(t, path)
		})
	}
}

func TestUncovered(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 3))
	for _, sc := range nameScripts {
		for range 50 {
			if name := sc.genName(rng); len(Uncovered(name)) > 0 {
				t.Errorf("%s: %q uncovered in %q", sc.name, string(Uncovered(name)), name)
			}
		}
	}
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"Anna\u200dMüller\t", ""},   // a joiner and a tab need no glyph
		{"𓀀 Nefer 𓀀", "𓀀"},           // Egyptian hieroglyphs: no font, once
		{"ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "ᠮᠣᠩᠭᠯᠪᠢᠴ"}, // Mongolian: none either
		{"😀 Smile", "😀"},
	} {
		if got := string(Uncovered(tc.in)); got != tc.want {
			t.Errorf("Uncovered(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFontsDrawWhatTheyMap: every letter of every script the generator
// uses has an outline in the font chosen for it; a font whose cmap maps
// characters to empty glyphs (NanumSquare does, for 8,693 of the Hangul
// syllables) would print gaps that Uncovered cannot see.
func TestFontsDrawWhatTheyMap(t *testing.T) {
	sh, err := newShaper()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range nameScripts {
		empty := 0
		for _, r := range append(append([]rune{}, sc.bases...), sc.marks...) {
			chain := chainMap{sh, fontChain(fontRegular, string(r), sh.lib)}
			name := sh.names[chain.ResolveFace(r)]
			g := sh.lib.glyph(name, r)
			if g == 0 {
				t.Errorf("%s: no font maps %q", sc.name, r)
				continue
			}
			if segs, err := sh.lib.cmaps[name].LoadGlyph(&sfnt.Buffer{}, g, fixed.I(12), nil); err != nil || len(segs) == 0 {
				if empty++; empty <= 3 {
					t.Errorf("%s: %q maps to an empty glyph in %s", sc.name, r, name)
				}
			}
		}
		if empty > 3 {
			t.Errorf("%s: %d empty glyphs in all", sc.name, empty)
		}
	}
}

// TestVisualOrder: runs given in logical order are drawn left to right
// as the Unicode bidi algorithm orders two levels.
func TestVisualOrder(t *testing.T) {
	run := func(text string, rtl bool) shapedRun { return shapedRun{text: text, rtl: rtl} }
	order := func(runs []shapedRun) string {
		var out []string
		for _, r := range runs {
			out = append(out, r.text)
		}
		return strings.Join(out, "|")
	}
	for _, tc := range []struct {
		runs []shapedRun
		rtl  bool
		want string
	}{
		{[]shapedRun{run("a", false), run("b", true), run("c", true), run("d", false)}, false, "a|c|b|d"},
		{[]shapedRun{run("a", true), run("b", false), run("c", false), run("d", true)}, true, "d|b|c|a"},
		{[]shapedRun{run("a", true)}, true, "a"},
		{[]shapedRun{run("a", false), run("b", false)}, false, "a|b"},
	} {
		if got := order(visualOrder(tc.runs, tc.rtl)); got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
}
