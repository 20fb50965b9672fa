package export

import (
	"bytes"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"

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

// fontLib holds every embedded font parsed for shaping. Parsed once per
// process (parsing Droid Sans Fallback costs milliseconds) and only read
// afterwards; each document makes its own faces from it.
type fontLib struct {
	fonts map[string]*font.Font
	err   error
}

// allFontFiles is every embedded font.
var allFontFiles = []fontFile{fileGo, fileGoBold, fileGoItalic, fileNoto, fileNotoBold, fileNotoIt, fileArabic, fileArabicB, fileHebrew, fileHebrewB, fileDeva, fileDevaB, fileHan, fileHangul}

var loadFontLib = sync.OnceValue(func() *fontLib {
	lib := &fontLib{fonts: map[string]*font.Font{}}
	for _, f := range allFontFiles {
		face, err := font.ParseTTF(bytes.NewReader(f.data))
		if err != nil {
			lib.err = err
			return lib
		}
		lib.fonts[f.name] = face.Font
	}
	return lib
})

// has tells whether the named font has a glyph for r.
func (l *fontLib) has(name string, r rune) bool {
	f := l.fonts[name]
	if f == nil {
		return false
	}
	_, ok := f.NominalGlyph(r)
	return ok
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
