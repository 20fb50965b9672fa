package store

import "strings"

// A signer from Belarus may be on one sheet as "Марыя Калеснікава" and on
// another as "Maryia Kalesnikava", as a volunteer typed it. A search for
// one person must find both, so names are also compared by a skeleton:
// Cyrillic written in Latin letters, and the spellings that
// transliteration schemes disagree on (ya/ia/ja, h/kh/g, ts/c, y/i, …)
// made one. The skeleton is coarse on purpose: a search shows its
// matches to a person, who picks the right rows before anything is done.

var cyrillicToLatin = strings.NewReplacer(
	"а", "a", "б", "b", "в", "v", "г", "g", "ґ", "g", "д", "d", "е", "e", "є", "ie",
	"ж", "zh", "з", "z", "и", "i", "і", "i", "ї", "i", "й", "i", "к", "k", "л", "l",
	"м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у", "u",
	"ў", "u", "ф", "f", "х", "h", "ц", "ts", "ч", "ch", "ш", "sh", "щ", "shch",
	"ъ", "", "ы", "y", "ь", "", "э", "e", "ю", "iu", "я", "ia",
)

// latinVariants folds the spellings schemes differ on, applied after the
// transliteration and to Latin names alike.
var latinVariants = strings.NewReplacer(
	"kh", "g", "h", "g", "ts", "c", "tz", "c", "y", "i", "j", "i", "w", "v", "'", "",
)

// skeleton maps a folded name (see petition.Fold) to its skeleton.
func skeleton(folded string) string {
	return latinVariants.Replace(cyrillicToLatin.Replace(folded))
}
