package export

import "strings"

// sheetLabels are the words printed on sheets, per label language.
type sheetLabels struct {
	name, address, signature, deadline, returnTo, sheet, page, of string
}

var labelsByLang = map[string]sheetLabels{
	"en": {"Full Name", "Address", "Signature", "Deadline", "Please return to", "Sheet", "page", "of"},
	"de": {"Name", "Adresse", "Unterschrift", "Frist", "Bitte zurücksenden an", "Bogen", "Seite", "von"},
	"fr": {"Nom", "Adresse", "Signature", "délai", "À renvoyer à", "Feuille", "page", "de"},
}

// labels joins the labels of every language with "/", dropping repeats,
// as bilingual sheets do: "Name / Nom", "Frist/délai".
type labels struct{ langs []sheetLabels }

func newLabels(langs []string) labels {
	var l labels
	for _, code := range langs {
		if sl, ok := labelsByLang[code]; ok {
			l.langs = append(l.langs, sl)
		}
	}
	if len(l.langs) == 0 {
		l.langs = []sheetLabels{labelsByLang["en"]}
	}
	return l
}

func (l labels) join(sep string, pick func(sheetLabels) string) string {
	var out []string
	for _, sl := range l.langs {
		w := pick(sl)
		dup := false
		for _, o := range out {
			dup = dup || strings.EqualFold(o, w)
		}
		if !dup {
			out = append(out, w)
		}
	}
	return strings.Join(out, sep)
}

func (l labels) name() string { return l.join(" / ", func(s sheetLabels) string { return s.name }) }
func (l labels) address() string {
	return l.join(" / ", func(s sheetLabels) string { return s.address })
}
func (l labels) signature() string {
	return l.join(" / ", func(s sheetLabels) string { return s.signature })
}
func (l labels) deadline() string {
	return l.join("/", func(s sheetLabels) string { return s.deadline })
}
func (l labels) returnTo() string {
	return l.join(" / ", func(s sheetLabels) string { return s.returnTo })
}
func (l labels) sheet() string { return l.join("/", func(s sheetLabels) string { return s.sheet }) }
