package export

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/petitiondesk/petitiondesk/assets"
)

// Font families registered in every document. They name a style; a run
// of text is drawn in the first font of the style's chain that has all
// its characters (fontChain).
const (
	fontRegular = "go"
	fontBold    = "go-bold"
	fontItalic  = "go-italic"
)

// fontFile is one embedded TrueType font, named as gopdf knows it.
type fontFile struct {
	name string
	data []byte
}

// The fonts, primary first. The Go fonts draw what they cover (Latin,
// Greek, Cyrillic of WGL4), as before issue 15; Noto Sans takes over a
// whole string when it holds a Latin, Greek or Cyrillic letter the Go
// fonts lack (Vietnamese), so a name is not drawn in two designs.
var (
	fileGo        = fontFile{fontRegular, assets.FontRegular}
	fileGoBold    = fontFile{fontBold, assets.FontBold}
	fileGoItalic  = fontFile{fontItalic, assets.FontItalic}
	fileNoto      = fontFile{"noto", assets.NotoSansRegular}
	fileNotoBold  = fontFile{"noto-bold", assets.NotoSansBold}
	fileNotoIt    = fontFile{"noto-italic", assets.NotoSansItalic}
	fileArabic    = fontFile{"arabic", assets.NotoArabicRegular}
	fileArabicB   = fontFile{"arabic-bold", assets.NotoArabicBold}
	fileHebrew    = fontFile{"hebrew", assets.NotoHebrewRegular}
	fileHebrewB   = fontFile{"hebrew-bold", assets.NotoHebrewBold}
	fileDeva      = fontFile{"devanagari", assets.NotoDevanagariRegular}
	fileDevaB     = fontFile{"devanagari-bold", assets.NotoDevanagariBold}
	fileHan       = fontFile{"han", assets.DroidSansFallback}
	fileHangul    = fontFile{"hangul", assets.NanumBarunGothic}
	scriptFiles   = map[string][]fontFile{fontRegular: {fileArabic, fileHebrew, fileDeva, fileHan, fileHangul}, fontBold: {fileArabicB, fileHebrewB, fileDevaB, fileHan, fileHangul}, fontItalic: {fileArabic, fileHebrew, fileDeva, fileHan, fileHangul}}
	primaryFile   = map[string]fontFile{fontRegular: fileGo, fontBold: fileGoBold, fontItalic: fileGoItalic}
	secondaryFile = map[string]fontFile{fontRegular: fileNoto, fontBold: fileNotoBold, fontItalic: fileNotoIt}
)

// fontChain is the fonts tried, in order, for text in a style: the Go font
// first unless it lacks one of the text's Latin, Greek or Cyrillic letters.
func fontChain(family, text string, lib *fontLib) []fontFile {
	first, second := primaryFile[family], secondaryFile[family]
	if first.name == "" {
		first, second = fileGo, fileNoto
		family = fontRegular
	}
	chain := []fontFile{first, second}
	for _, r := range text {
		if r >= 0x180 && (unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) || unicode.Is(unicode.Mn, r)) && !lib.has(first.name, r) {
			chain = []fontFile{second}
			break
		}
	}
	return append(chain, scriptFiles[family]...)
}

// fontLib reads the embedded fonts for coverage and shaping, shared by
// all documents of the process and safe for concurrent use. Coverage
// (which font has which character) comes from x/image/font/sfnt, which
// reads the cmap only and costs kilobytes; go-text parses a font whole
// (17 MB of heap for Droid Sans Fallback), so it parses only the fonts
// that need shaping, and only once text needs them.
type fontLib struct {
	cmaps   map[string]*sfnt.Font
	bufs    sync.Pool // *sfnt.Buffer, one per lookup in flight
	shaping map[string]*lazyFont
	err     error
}

// lazyFont is a font go-text parses on first use.
type lazyFont struct {
	once sync.Once
	data []byte
	font *font.Font
	err  error
}

func (l *lazyFont) get() (*font.Font, error) {
	l.once.Do(func() {
		face, err := font.ParseTTF(bytes.NewReader(l.data))
		if err != nil {
			l.err = err
			return
		}
		l.font = face.Font
	})
	return l.font, l.err
}

// allFontFiles is every embedded font.
var allFontFiles = []fontFile{fileGo, fileGoBold, fileGoItalic, fileNoto, fileNotoBold, fileNotoIt, fileArabic, fileArabicB, fileHebrew, fileHebrewB, fileDeva, fileDevaB, fileHan, fileHangul}

// simpleFonts need no shaper: Han, Kana and Hangul are drawn one glyph per
// character with the font's advances (issue 15's CJK names), which spares
// parsing the two largest fonts with go-text.
var simpleFonts = map[string]bool{fileHan.name: true, fileHangul.name: true}

var loadFontLib = sync.OnceValue(func() *fontLib {
	lib := &fontLib{cmaps: map[string]*sfnt.Font{}, shaping: map[string]*lazyFont{}}
	lib.bufs.New = func() any { return &sfnt.Buffer{} }
	for _, f := range allFontFiles {
		sf, err := sfnt.Parse(f.data)
		if err != nil {
			lib.err = fmt.Errorf("font %s: %w", f.name, err)
			return lib
		}
		lib.cmaps[f.name] = sf
		if !simpleFonts[f.name] {
			lib.shaping[f.name] = &lazyFont{data: f.data}
		}
	}
	return lib
})

// glyph is the named font's glyph for r, 0 if it has none.
func (l *fontLib) glyph(name string, r rune) sfnt.GlyphIndex {
	f := l.cmaps[name]
	if f == nil {
		return 0
	}
	b := l.bufs.Get().(*sfnt.Buffer)
	defer l.bufs.Put(b)
	g, err := f.GlyphIndex(b, r)
	if err != nil {
		return 0
	}
	return g
}

// has tells whether the named font has a glyph for r.
func (l *fontLib) has(name string, r rune) bool { return l.glyph(name, r) != 0 }

// advance is a glyph's advance in points at size points.
func (l *fontLib) advance(name string, g sfnt.GlyphIndex, size float64) float64 {
	b := l.bufs.Get().(*sfnt.Buffer)
	defer l.bufs.Put(b)
	a, err := l.cmaps[name].GlyphAdvance(b, g, fixed.Int26_6(size*64), xfont.HintingNone)
	if err != nil {
		return size / 2
	}
	return float64(a) / 64
}

// invisible runes need no glyph: spaces, controls, joiners, variation
// selectors.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || harfbuzz.IsDefaultIgnorable(r)
}

// Uncovered lists, once each and in the order they appear, the characters
// of s that no font embedded in the PDFs can draw, so the signing form can
// warn while the name is typed rather than the pack print a gap.
func Uncovered(s string) []rune {
	lib := loadFontLib()
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if seen[r] || invisible(r) {
			continue
		}
		seen[r] = true
		if !lib.coversRune(r) {
			out = append(out, r)
		}
	}
	return out
}

// coversRune tells whether any regular font has r.
func (l *fontLib) coversRune(r rune) bool {
	for _, f := range append([]fontFile{fileGo, fileNoto}, scriptFiles[fontRegular]...) {
		if l.has(f.name, r) {
			return true
		}
	}
	return false
}
