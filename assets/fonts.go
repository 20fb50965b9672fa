package assets

import _ "embed" // for the fonts below

// The Go fonts (golang.org/x/image/font/gofont, BSD licence in
// fonts/LICENSE) cover WGL4: Latin with accents, Greek and Cyrillic, so
// "Zürich", "Genève" and "Марыя Калеснікава" print from one family.
// PDFs embed the subset of glyphs they use.
var (
	//go:embed fonts/Go-Regular.ttf
	FontRegular []byte

	//go:embed fonts/Go-Bold.ttf
	FontBold []byte

	//go:embed fonts/Go-Italic.ttf
	FontItalic []byte
)

// Fallback fonts for what the Go fonts lack (issue 15), copied unmodified
// from Debian by tools/fonts.sh: Noto Sans for Latin with every diacritic
// (Vietnamese) and the rest of Greek and Cyrillic, Noto Sans Arabic,
// Hebrew and Devanagari (OFL, fonts/LICENSE-OFL), Droid Sans Fallback for
// Han and Kana (Apache 2.0, fonts/LICENSE-Apache) and NanumBarunGothic for
// Hangul (OFL). All are TrueType, which gopdf can subset; they add about
// 11 MB to the program (5.5 MB compressed; README).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	NotoSansRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	NotoSansBold []byte
	//go:embed fonts/NotoSans-Italic.ttf
	NotoSansItalic []byte
	//go:embed fonts/NotoSansArabic-Regular.ttf
	NotoArabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	NotoArabicBold []byte
	//go:embed fonts/NotoSansHebrew-Regular.ttf
	NotoHebrewRegular []byte
	//go:embed fonts/NotoSansHebrew-Bold.ttf
	NotoHebrewBold []byte
	//go:embed fonts/NotoSansDevanagari-Regular.ttf
	NotoDevanagariRegular []byte
	//go:embed fonts/NotoSansDevanagari-Bold.ttf
	NotoDevanagariBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	DroidSansFallback []byte
	//go:embed fonts/NanumBarunGothic.ttf
	NanumBarunGothic []byte
)
