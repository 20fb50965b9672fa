package export

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"github.com/signintech/gopdf"
	"golang.org/x/image/math/fixed"
)

// shaper lays out text the Go fonts cannot draw rune by rune: other
// scripts, combining marks, right-to-left runs. It belongs to one document
// (go-text's faces and shaper are not safe for concurrent use).
type shaper struct {
	lib   *fontLib
	hb    shaping.HarfbuzzShaper
	seg   shaping.Segmenter
	faces map[string]*font.Face
	names map[*font.Face]string
	cache map[shapeKey]shapedLine
}

type shapeKey struct {
	text, family string
	size         float64
}

// shapedLine is one line of text in visual order, split into runs of one
// font each.
type shapedLine struct {
	runs  []shapedRun
	width float64
}

type shapedRun struct {
	font   string // gopdf family
	glyphs []gopdf.Glyph
	text   string // the run's characters in logical order
	rtl    bool
}

func newShaper() (*shaper, error) {
	lib := loadFontLib()
	if lib.err != nil {
		return nil, fmt.Errorf("reading the PDF fonts: %w", lib.err)
	}
	return &shaper{lib: lib, faces: map[string]*font.Face{}, names: map[*font.Face]string{}, cache: map[shapeKey]shapedLine{}}, nil
}

// plain tells whether s can go through gopdf's own text drawing: every
// rune in the primary Go font, none a combining mark. Latin names take
// this path, which costs nothing over the pack before shaping existed.
func (s *shaper) plain(text, family string) bool {
	name := primaryFile[family].name
	for _, r := range text {
		if r < 0x180 {
			continue
		}
		if unicode.Is(unicode.Mn, r) || !s.lib.has(name, r) {
			return false
		}
	}
	return true
}

// face is the document's face for a font. A simple font (simpleFonts)
// gets an empty face: the segmenter only tells faces apart, and its runs
// are laid out without go-text (simpleRun). A font go-text cannot read
// gets one too, and is drawn the same way.
func (s *shaper) face(f fontFile) *font.Face {
	if fc, ok := s.faces[f.name]; ok {
		return fc
	}
	fc := &font.Face{}
	if lf := s.lib.shaping[f.name]; lf != nil {
		if ft, err := lf.get(); err == nil {
			fc = font.NewFace(ft)
		}
	}
	s.faces[f.name], s.names[fc] = fc, f.name
	return fc
}

// simpleRun lays out runes one glyph each with the font's advances; a
// character the font lacks (a space in a CJK font) advances a quarter em.
func (s *shaper) simpleRun(name string, runes []rune, size float64) []gopdf.Glyph {
	var out []gopdf.Glyph
	for _, r := range runes {
		g := s.lib.glyph(name, r)
		if g == 0 {
			if len(out) > 0 {
				out[len(out)-1].Advance += size / 4
			} else {
				out = append(out, gopdf.Glyph{ID: 0, Advance: size / 4})
			}
			continue
		}
		out = append(out, gopdf.Glyph{ID: uint(g), Advance: s.lib.advance(name, g, size), Text: string(r)})
	}
	return out
}

// chainMap picks, per rune, the first face of the chain that has it.
type chainMap struct {
	s     *shaper
	chain []fontFile
}

func (m chainMap) ResolveFace(r rune) *font.Face {
	for _, f := range m.chain {
		if m.s.lib.has(f.name, r) {
			return m.s.face(f)
		}
	}
	return m.s.face(m.chain[0])
}

// shape lays text out on one line at size points.
func (s *shaper) shape(text, family string, size float64) shapedLine {
	key := shapeKey{text, family, size}
	if l, ok := s.cache[key]; ok {
		return l
	}
	runes := []rune(text)
	dir := di.DirectionLTR
	if rtlFirst(runes) {
		dir = di.DirectionRTL
	}
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.Int26_6(size * 64)}
	var line shapedLine
	for _, part := range s.seg.Split(in, chainMap{s, fontChain(family, text, s.lib)}) {
		run := shapedRun{font: s.names[part.Face], text: string(runes[part.RunStart:part.RunEnd]), rtl: part.Direction.Progression() == di.TowardTopLeft}
		if part.Face.Font == nil {
			run.glyphs = s.simpleRun(run.font, runes[part.RunStart:part.RunEnd], size)
			for _, g := range run.glyphs {
				line.width += g.Advance
			}
			line.runs = append(line.runs, run)
			continue
		}
		out := s.hb.Shape(part)
		for _, g := range out.Glyphs {
			gl := gopdf.Glyph{ID: uint(g.GlyphID), Advance: f26(g.XAdvance), XOffset: f26(g.XOffset), YOffset: f26(g.YOffset)}
			run.glyphs = append(run.glyphs, gl)
			line.width += gl.Advance
		}
		glyphTexts(run.glyphs, out.Glyphs, runes, part.Face, run.rtl)
		line.runs = append(line.runs, run)
	}
	line.runs = visualOrder(line.runs, dir == di.DirectionRTL)
	if len(s.cache) > 4096 {
		clear(s.cache)
	}
	s.cache[key] = line
	return line
}

func f26(v fixed.Int26_6) float64 { return float64(v) / 64 }

// glyphTexts sets what each glyph stands for in ToUnicode, cluster by
// cluster: a cluster of one glyph (a letter, a ligature) stands for all
// its characters; in a cluster of several (a letter and its marks) each
// glyph that is a character's own glyph stands for that character, and
// the characters left over go to the first glyph without one.
func glyphTexts(gl []gopdf.Glyph, shaped []shaping.Glyph, runes []rune, face *font.Face, rtl bool) {
	for i := 0; i < len(shaped); {
		j := i
		for j < len(shaped) && shaped[j].ClusterIndex == shaped[i].ClusterIndex {
			j++
		}
		cl := runes[shaped[i].ClusterIndex : shaped[i].ClusterIndex+shaped[i].RuneCount]
		if j-i == 1 {
			gl[i].Text = clusterText(cl, rtl)
			i = j
			continue
		}
		left := append([]rune(nil), cl...)
		for k := i; k < j; k++ {
			for n, r := range left {
				if g, ok := face.NominalGlyph(r); ok && uint(g) == gl[k].ID {
					gl[k].Text, left = string(r), slices.Delete(left, n, n+1)
					break
				}
			}
		}
		for k := i; k < j && len(left) > 0; k++ {
			if gl[k].Text == "" {
				gl[k].Text, left = clusterText(left, rtl), nil
			}
		}
		i = j
	}
}

// clusterText is what a cluster's first glyph stands for in ToUnicode. In
// a right-to-left run the characters are reversed: extractors (poppler's
// pdftotext among them) put right-to-left text back into logical order
// character by character, so a lam-alef ligature mapped to "لا" would come
// out as "ال".
func clusterText(runes []rune, rtl bool) string {
	if !rtl || len(runes) < 2 {
		return string(runes)
	}
	r := append([]rune(nil), runes...)
	slices.Reverse(r)
	return string(r)
}

// rtlFirst tells whether the first strong character is right-to-left, which
// makes the line's base direction right to left (Unicode bidi rule P2).
func rtlFirst(runes []rune) bool {
	for _, r := range runes {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// visualOrder reorders runs given in logical order for drawing left to
// right: in a left-to-right line each stretch of right-to-left runs is
// reversed; in a right-to-left line the whole line is, except each
// stretch of left-to-right runs (Unicode bidi rule L2 for two levels).
func visualOrder(runs []shapedRun, rtlBase bool) []shapedRun {
	if rtlBase {
		reverseRuns(runs, 0, len(runs))
	}
	for i := 0; i < len(runs); {
		j := i
		for j < len(runs) && runs[j].rtl != rtlBase {
			j++
		}
		if j > i {
			reverseRuns(runs, i, j)
			i = j
			continue
		}
		i++
	}
	return runs
}

func reverseRuns(runs []shapedRun, i, j int) {
	for j--; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
}

// draw paints a shaped line with its baseline at y, from x.
func (d *doc) drawShaped(l shapedLine, x, baseline float64) {
	for _, r := range l.runs {
		if d.setPDFFont(r.font, d.size); d.err != nil {
			return
		}
		// Right-to-left glyphs go in visual order with each letter in
		// ToUnicode, as readers expect (they reorder); /ActualText only
		// where glyphs do not map one to one onto the characters.
		actual := ""
		if !r.rtl && needsActualText(r) {
			actual = r.text
		}
		d.fail(d.pdf.GlyphRun(x, baseline, r.glyphs, actual))
		for _, g := range r.glyphs {
			x += g.Advance
		}
	}
}

// needsActualText tells whether extraction from the glyphs alone might
// not give the run's text back: glyphs reordered, merged into clusters
// (Devanagari conjuncts, a vowel sign drawn before its consonant) or
// placed by offset (marks, which extractors take for separate words).
func needsActualText(r shapedRun) bool {
	n := 0
	for _, g := range r.glyphs {
		if g.Text == "" || len([]rune(g.Text)) != 1 || g.Advance == 0 || g.XOffset != 0 || g.YOffset != 0 {
			return true
		}
		n++
	}
	return n != len([]rune(r.text))
}

// wrapShaped breaks a paragraph at spaces into lines no wider than w in
// the current style, and a word wider than a line between characters
// (Chinese and Japanese are written without spaces).
func (d *doc) wrapShaped(para string, w float64) []string {
	var out []string
	cur := ""
	for _, word := range strings.Fields(para) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if d.width(try) <= w {
			cur = try
			continue
		}
		if cur != "" {
			out = append(out, cur)
		}
		cur = word
		for d.width(cur) > w {
			r := []rune(cur)
			n := len(r) - 1
			for n > 1 && d.width(string(r[:n])) > w {
				n--
			}
			out = append(out, string(r[:n]))
			cur = string(r[n:])
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
