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
