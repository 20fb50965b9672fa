package export

import (
	"strings"
	"unicode/utf8"

	"github.com/petitiondesk/petitiondesk/petition"
)

// A block is text laid out before it is drawn, so its height is known and
// a page can shrink the font or move rows to make it fit. The letter is
// laid out once per document and drawn on every sheet.
type blockItem struct {
	family string
	scale  float64 // font size relative to the body size
	indent float64 // in points
	bullet bool
	space  float64 // extra space before, in body lines
	text   string
	rule   float64 // if > 0, a line this wide (points) to sign on, instead of text
}

type textLine struct {
	family   string
	size, x  float64
	y        float64 // top of the line, relative to the block
	text     string
	bulletAt float64 // x of the bullet, or -1
	rule     float64 // a line to sign on, this wide, at the foot of the line
	width    float64 // the width it was wrapped to, for right-to-left lines
}

// layoutBlock wraps items at width w with body size s; it returns the lines
// and the block's height.
func (d *doc) layoutBlock(items []blockItem, w, s float64) ([]textLine, float64) {
	var out []textLine
	y := 0.0
	for _, it := range items {
		size := s * it.scale
		lead := size * 1.25
		y += it.space * s * 1.25
		if it.rule > 0 {
			out = append(out, textLine{family: it.family, size: size, x: it.indent, y: y, rule: it.rule, bulletAt: -1})
			y += lead
			continue
		}
		for i, l := range d.wrap(it.text, it.family, size, w-it.indent) {
			if l == "" {
				y += lead / 2
				continue
			}
			tl := textLine{family: it.family, size: size, x: it.indent, y: y, text: l, bulletAt: -1, width: w - it.indent}
			if it.bullet && i == 0 {
				tl.bulletAt = it.indent - 9
			}
			out = append(out, tl)
			y += lead
		}
	}
	return out, y
}

// drawLines draws laid-out lines with the block's top-left at (x, y).
func (d *doc) drawLines(lines []textLine, x, y float64) {
	for _, l := range lines {
		if l.rule > 0 {
			d.line(x+l.x, y+l.y+l.size, x+l.x+l.rule, y+l.y+l.size, 0, 0.6)
			continue
		}
		d.setFont(l.family, l.size)
		if l.bulletAt >= 0 {
			d.text(x+l.bulletAt, y+l.y, 8, "•", left)
		}
		if l.width > 0 && rtlFirst([]rune(l.text)) {
			// A line in Arabic or Hebrew starts at the right margin.
			d.text(x+l.x, y+l.y, l.width, l.text, right)
			continue
		}
		d.text(x+l.x, y+l.y, 1000, l.text, left)
	}
}

// splitLines cuts laid-out lines into pages of at most h points each,
// re-basing each page's lines at y = 0.
func splitLines(lines []textLine, h float64) [][]textLine {
	var pages [][]textLine
	var cur []textLine
	base := 0.0
	for _, l := range lines {
		if l.y+l.size*1.25-base > h && len(cur) > 0 {
			pages = append(pages, cur)
			cur, base = nil, l.y
		}
		l.y -= base
		cur = append(cur, l)
	}
	return append(pages, cur)
}

// addressedTo names the targets the way the seed sheet does: "Petition to
// the Minister of the Interior, Republic of Belarus"; and joins the last two.
func addressedTo(targets []petition.Target, and string) string {
	var names []string
	for _, t := range targets {
		names = append(names, targetName(t))
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], "; ") + and + names[len(names)-1]
}

// targetName is "Name, Title".
func targetName(t petition.Target) string {
	if t.Title != "" {
		return t.Name + ", " + t.Title
	}
	return t.Name
}

// splitSalutation separates a salutation typed as the letter's first line
// from the letter, so it is not printed twice ("Dear Minister, / Dear
// Minister,"). A first line that is the target's salutation, or that looks
// like one (a short line ending in a comma, with more text after it),
// gives way to the target's own salutation when it has one, so each target
// is greeted as it should be.
func splitSalutation(letter, salutation string) (sal, body string) {
	letter = strings.TrimSpace(strings.ReplaceAll(letter, "\r\n", "\n"))
	first, rest, _ := strings.Cut(letter, "\n")
	first, rest = strings.TrimSpace(first), strings.TrimSpace(rest)
	same := salutation != "" && bareSalutation(first) == bareSalutation(salutation)
	looks := rest != "" && strings.HasSuffix(first, ",") && utf8.RuneCountInString(first) <= 80
	if !same && !looks {
		return salutation, letter
	}
	if salutation != "" {
		return salutation, rest
	}
	return first, rest
}

// bareSalutation folds a salutation for comparing: case and closing
// punctuation do not count.
func bareSalutation(s string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(s), ",!.:; "))
}

// letterItems is the text of a sheet's letter page: title, whom it is
// addressed to, the salutation, the letter and the demands.
func letterItems(p *petition.Petition, targets []petition.Target, lab labels) []blockItem {
	items := []blockItem{
		{family: fontBold, scale: 1.35, text: p.Title},
		{family: fontItalic, scale: 0.9, text: lab.petitionTo(addressedTo(targets, lab.first().and) + refSuffix(p))},
	}
	sal := ""
	if len(targets) == 1 {
		sal = targets[0].Salutation
	}
	return appendLetterBody(items, p, sal, fontBold)
}

// appendLetterBody appends the salutation (sal, or the letter's own first
// line), the letter and the demands as bullets in the demands' font: the
// same on a sheet's letter page and in the cover letter.
func appendLetterBody(items []blockItem, p *petition.Petition, sal, demands string) []blockItem {
	sal, body := splitSalutation(p.Letter, sal)
	if sal != "" {
		items = append(items, blockItem{family: fontRegular, scale: 1, space: 0.8, text: sal})
	}
	items = append(items, blockItem{family: fontRegular, scale: 1, space: 0.5, text: body})
	for i, dm := range p.Demands {
		sp := 0.0
		if i == 0 {
			sp = 0.4
		}
		items = append(items, blockItem{family: demands, scale: 1, indent: 14, bullet: true, space: sp, text: dm})
	}
	return items
}

func refSuffix(p *petition.Petition) string {
	if p.Reference == "" {
		return ""
	}
	return " (" + p.Reference + ")"
}

// headerItems is the shorter text at the top of every rows page: the title,
// the addressee and the demands, so no page travels without them.
func headerItems(p *petition.Petition, targets []petition.Target, lab labels) []blockItem {
	items := []blockItem{
		{family: fontBold, scale: 1.3, text: p.Title},
		{family: fontItalic, scale: 1, text: lab.petitionTo(addressedTo(targets, lab.first().and) + refSuffix(p))},
	}
	if len(p.Demands) > 0 {
		items = append(items, blockItem{family: fontRegular, scale: 1, text: strings.Join(p.Demands, " ")})
	} else {
		_, body := splitSalutation(p.Letter, "")
		items = append(items, blockItem{family: fontRegular, scale: 1, text: body})
	}
	return items
}
