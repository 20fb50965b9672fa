package gopdf

import (
	"fmt"
	"io"
	"unicode/utf16"
)

// This file is Petition Desk's addition to gopdf v0.33.0 (see PATCHES.md):
// drawing text that a shaper (go-text/typesetting) has already turned into
// glyphs, for Arabic joining, Devanagari conjuncts and right-to-left runs,
// which gopdf's rune-by-rune Cell cannot draw.

// Glyph is one glyph of a shaped run, in the current font.
type Glyph struct {
	ID uint // glyph index in the font
	// Advance moves the pen after the glyph; XOffset and YOffset (up)
	// shift the glyph itself, as a shaper's output says. Document units.
	Advance, XOffset, YOffset float64
	// Text is what the glyph shows, for the font's ToUnicode map: the
	// cluster's characters on its first glyph, "" on the others.
	Text string
}

// extraGlyphs are glyphs drawn by index that no rune maps to in the
// font's cmap (contextual forms, ligatures), with the text each stands for.
type extraGlyphs struct {
	ids  []uint
	text map[uint]string
}

// addGlyph records a glyph drawn by index, so it is embedded, has a width
// and, when text is given, a ToUnicode entry.
func (s *SubsetFontObj) addGlyph(id uint, text string) {
	if s.extra.text == nil {
		s.extra.text = map[uint]string{}
	}
	if _, ok := s.extra.text[id]; ok {
		return
	}
	s.extra.ids = append(s.extra.ids, id)
	s.extra.text[id] = text
}

// usedGlyphs is every glyph index the document draws in this font.
func (s *SubsetFontObj) usedGlyphs() []uint {
	vals := s.CharacterToGlyphIndex.AllVals()
	if len(s.extra.ids) == 0 {
		return vals
	}
	return append(append([]uint(nil), vals...), s.extra.ids...)
}

// utf16Hex is s as the hex digits of UTF-16BE, for ToUnicode and
// ActualText.
func utf16Hex(s string) string {
	out := make([]byte, 0, len(s)*4)
	for _, u := range utf16.Encode([]rune(s)) {
		out = appendf(out, "%04X", u)
	}
	return string(out)
}

// writeExtraToUnicode writes the bfchar entries of glyphs drawn by index
// that the rune map does not already name.
func (s *SubsetFontObj) writeExtraToUnicode(w io.Writer) {
	mapped := map[uint]bool{}
	for _, v := range s.CharacterToGlyphIndex.AllVals() {
		mapped[v] = true
	}
	var lines []string
	for _, id := range s.extra.ids {
		if t := s.extra.text[id]; t != "" && !mapped[id] {
			lines = append(lines, fmt.Sprintf("<%04X> <%s>\n", id, utf16Hex(t)))
		}
	}
	for len(lines) > 0 { // at most 100 entries per block
		n := len(lines)
		if n > 100 {
			n = 100
		}
		fmt.Fprintf(w, "%d beginbfchar\n", n)
		for _, l := range lines[:n] {
			io.WriteString(w, l)
		}
		io.WriteString(w, "endbfchar\n")
		lines = lines[n:]
	}
}

// cacheContentGlyphs is a shaped run as content-stream operators.
type cacheContentGlyphs struct{ ops []byte }

func (c *cacheContentGlyphs) write(w io.Writer, _ *PDFProtection) error {
	_, err := w.Write(c.ops)
	return err
}

// GlyphRun draws glyphs left to right in the current font, size and text
// colour (glyph 0, .notdef, only moves the pen), the pen starting on the baseline at (x, y) (document units,
// top-left origin). If actualText is not empty the run is marked with it
// (/ActualText), so text extraction gives back the characters in their
// logical order even where the glyphs run right to left or are reordered.
// Not encrypted by SetProtection.
func (gp *GoPdf) GlyphRun(x, y float64, glyphs []Glyph, actualText string) error {
	sub := gp.curr.FontISubset
	if sub == nil {
		return fmt.Errorf("GlyphRun: no font set")
	}
	size := gp.curr.FontSize
	px := unitsToPoints(gp.config, x)
	py := gp.curr.pageSize.H - unitsToPoints(gp.config, y)
	var b []byte
	if actualText != "" {
		b = appendf(b, "/Span <</ActualText <FEFF%s>>> BDC\n", utf16Hex(actualText))
	}
	b = appendf(b, "BT\n/F%d %s Tf\n", gp.curr.FontFontCount+1, FormatFloatTrim(size))
	if gp.curr.txtColorMode == "color" && gp.curr.txtColor != nil {
		var cw bufWriter
		if err := gp.curr.txtColor.write(&cw, nil); err == nil {
			b = append(b, cw...)
		}
	}
	for _, g := range glyphs {
		if g.ID == 0 { // .notdef: a character the font lacks; only advance
			px += unitsToPoints(gp.config, g.Advance)
			continue
		}
		sub.addGlyph(g.ID, g.Text)
		gx := px + unitsToPoints(gp.config, g.XOffset)
		gy := py + unitsToPoints(gp.config, g.YOffset)
		b = appendf(b, "1 0 0 1 %s %s Tm <%04X> Tj\n", FormatFloatTrim(gx), FormatFloatTrim(gy), g.ID)
		px += unitsToPoints(gp.config, g.Advance)
	}
	b = append(b, "ET\n"...)
	if actualText != "" {
		b = append(b, "EMC\n"...)
	}
	gp.getContent().listCache.append(&cacheContentGlyphs{ops: b})
	return nil
}

// TypoAscender is the current font's typographic ascender at the current
// size, in document units: how far below the top of a Cell its baseline
// lies, so a GlyphRun can share a line with Cell text.
func (gp *GoPdf) TypoAscender() float64 {
	sub := gp.curr.FontISubset
	if sub == nil {
		return 0
	}
	return pointsToUnits(gp.config, convertTypoUnit(float64(sub.ttfp.TypoAscender()), sub.ttfp.UnitsPerEm(), gp.curr.FontSize))
}

// bufWriter collects bytes written to it.
type bufWriter []byte

func (b *bufWriter) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// appendf is fmt.Appendf, which this module's Go version (1.13) lacks.
func appendf(b []byte, format string, a ...interface{}) []byte {
	return append(b, fmt.Sprintf(format, a...)...)
}
