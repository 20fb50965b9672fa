package petition

import "fmt"

// monthNames are the month names of the languages the pack is written in;
// Russian months are in the genitive, as a date is written ("4 декабря").
var monthNames = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
}

// Long writes the date the way a letter in lang does, with the month in
// words so no reader confuses day and month: "2 March 2027",
// "2. März 2027", "1er mars 2027", "2 марта 2027 г.". An unknown language
// gets the English form.
func (d Date) Long(lang string) string {
	if d.IsZero() {
		return ""
	}
	names, ok := monthNames[lang]
	if !ok {
		names, lang = monthNames["en"], "en"
	}
	m := names[(int(d.Month)+11)%12]
	switch lang {
	case "de":
		return fmt.Sprintf("%d. %s %d", d.Day, m, d.Year)
	case "fr":
		if d.Day == 1 {
			return fmt.Sprintf("1er %s %d", m, d.Year)
		}
	case "ru":
		return fmt.Sprintf("%d %s %d г.", d.Day, m, d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, m, d.Year)
}
