package petition

import (
	"strings"
	"sync"
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

// unaccents holds chains that take accents off: a chain allocates two
// 4 KB buffers, and an import folds every signer's name (8 GB of garbage
// at a million rows when each call made its own).
var unaccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold returns s case-folded, without accents and with spaces collapsed:
// "Müller", "MULLER" and "Muller" all fold to "muller", and "Калеснікава"
// to "калеснікава". It is used for duplicate detection and search.
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	t := unaccents.Get().(transform.Transformer)
	t.Reset()
	out, _, err := transform.String(t, foldLetters.Replace(s))
	unaccents.Put(t)
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldASCII is Fold for plain ASCII, the common case, without the
// Unicode normalisation passes (twenty times faster).
func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := true // drop leading spaces
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '-' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)):
		case unicode.IsPunct(rune(c)) || unicode.IsSpace(rune(c)) || unicode.IsControl(rune(c)):
			c = ' '
		}
		if c == ' ' {
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		}
		b = append(b, c)
		space = false
	}
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b)
}
