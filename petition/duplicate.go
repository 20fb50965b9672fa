package petition

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldLetters maps letters that Unicode does not decompose to the base
// letter a person would type on a plain keyboard.
var foldLetters = strings.NewReplacer(
	"ß", "ss", "ø", "o", "Ø", "o", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe",
	"ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "ı", "i", "þ", "th", "ё", "е", "Ё", "е",
)

// Fold returns s case-folded, without accents and with spaces collapsed:
// "Müller", "MULLER" and "Muller" all fold to "muller", and "Калеснікава"
// to "калеснікава". It is used for duplicate detection and search.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, foldLetters.Replace(s))
	if err != nil {
		out = s
	}
	out = strings.ToLower(out)
	out = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) && r != '-' {
			return ' '
		}
		return r
	}, out)
	return strings.Join(strings.Fields(out), " ")
}

// DuplicateKey identifies a person for duplicate detection: the folded
// full name and the postcode without spaces. Two signatures with the same
// key are flagged, never dropped: the user decides.
func DuplicateKey(name, postcode string) string {
	pc := strings.ReplaceAll(Fold(postcode), " ", "")
	return Fold(name) + "|" + pc
}
