package export

import (
	"fmt"
	"strings"

	"github.com/petitiondesk/petitiondesk/petition"
)

// words are the fixed words of the pack and the blank sheets in one
// language: every word printed that the petition itself does not supply.
// Formats take their numbers and names with %d and %s, in order.
type words struct {
	code string // the language, for its plural rule
	// Labels of the sheet table and footer.
	name, address, signature string
	deadline, returnBy       string // "Deadline", "Please return by"
	returnTo                 string // "Please return to"
	sheet                    string // "Sheet", as in "Sheet 12"
	petitionTo               string // "Petition to", before the addressee
	and                      string // joins the last two addressees
	pageOf                   string // "page %d of %d"
	sheetN                   string // "Sheet %d", under a pack page
	scanFooter               string // "Paper sheet %d, scan page %d of %d"
	partOf                   string // "Part %d of %d", one file of a split pack
	continued                string // the continuation page: part, pages from, to, labels from, to, next page
	leftOutHead              string // "Paper sheet %d, scan page %d: left out"
	leftOutNote              string
	// The cover letter.
	total           string // "This petition carries %s."
	enclosedBoth    string // "Enclosed: %s (%s signed in person, %s on scanned paper sheets)."
	enclosedPerson  string // "Enclosed: %s, signed in person."
	enclosedScanned string // "Enclosed: %s, on scanned paper sheets."
	held            string // "Held on paper by %s: %s."
	listed          [3]string
	closing         string // "Yours sincerely,"
	enclosures      string // "Enclosures"
	copyTo          string // "Copy to"
	// Nouns counted: one, few, many (few is for Russian; the others repeat many).
	signatures, sheets, scanPages [3]string
}

// wordsByLang holds one table per language the pack can be written in.
// The window speaks en/de/fr; Russian is here because targets in Belarus
// and Russia read it (the seed letters allow it).
var wordsByLang = map[string]words{
	"en": {
		code:   "en",
		partOf: "Part %d of %d", continued: "Continued from part %d, which holds pages %d to %d (%s to %s). This part begins with page %d.",
		name: "Full Name", address: "Address", signature: "Signature",
		deadline: "Deadline", returnBy: "Please return by", returnTo: "Please return to", sheet: "Sheet",
		petitionTo: "Petition to", and: " and ", pageOf: "page %d of %d", sheetN: "Sheet %d",
		scanFooter: "Paper sheet %d, scan page %d of %d", leftOutHead: "Paper sheet %d, scan page %d: left out",
		leftOutNote: "The scanned image of this page could not be read, so it is not in this pack. " +
			"The signatures on the paper sheet are still counted in the totals. " +
			"Scan the paper sheet again and make the pack anew, or enclose the paper sheet itself.",
		total:          "This petition carries %s.",
		enclosedBoth:   "Enclosed: %s (%s signed in person, %s on scanned paper sheets).",
		enclosedPerson: "Enclosed: %s, signed in person.", enclosedScanned: "Enclosed: %s, on scanned paper sheets.",
		held: "Held on paper by %s: %s.",
		listed: [3]string{
			"The signature sheets give each signer's name and postal address.",
			"The signature sheets give each signer's name, postcode, town and country.",
			"The signature sheets give each signer's name, town and country."},
		closing: "Yours sincerely,", enclosures: "Enclosures", copyTo: "Copy to",
		signatures: [3]string{"signature", "signatures", "signatures"},
		sheets:     [3]string{"signature sheet", "signature sheets", "signature sheets"},
		scanPages:  [3]string{"scanned page", "scanned pages", "scanned pages"},
	},
	"de": {
		code:   "de",
		partOf: "Teil %d von %d", continued: "Fortsetzung von Teil %d mit den Seiten %d bis %d (%s bis %s). Dieser Teil beginnt mit Seite %d.",
		name: "Name", address: "Adresse", signature: "Unterschrift",
		deadline: "Frist", returnBy: "Bitte zurück bis", returnTo: "Bitte zurücksenden an", sheet: "Bogen",
		petitionTo: "Petition an", and: " und ", pageOf: "Seite %d von %d", sheetN: "Bogen %d",
		scanFooter: "Papierbogen %d, Scan-Seite %d von %d", leftOutHead: "Papierbogen %d, Scan-Seite %d: weggelassen",
		leftOutNote: "Das gescannte Bild dieser Seite war nicht lesbar und fehlt darum in diesem Paket. " +
			"Die Unterschriften auf dem Papierbogen sind trotzdem mitgezählt. " +
			"Scannen Sie den Bogen erneut und erstellen Sie das Paket neu, oder legen Sie den Papierbogen selbst bei.",
		total:          "Diese Petition zählt %s.",
		enclosedBoth:   "Beigelegt: %s (%s persönlich gesammelt, %s auf gescannten Papierbögen).",
		enclosedPerson: "Beigelegt: %s, persönlich gesammelt.", enclosedScanned: "Beigelegt: %s, auf gescannten Papierbögen.",
		held: "Auf Papier aufbewahrt bei %s: %s.",
		listed: [3]string{
			"Die Unterschriftenbögen nennen Name und Postadresse jeder Person.",
			"Die Unterschriftenbögen nennen Name, Postleitzahl, Ort und Land jeder Person.",
			"Die Unterschriftenbögen nennen Name, Ort und Land jeder Person."},
		closing: "Mit freundlichen Grüssen", enclosures: "Beilagen", copyTo: "Kopie an",
		signatures: [3]string{"Unterschrift", "Unterschriften", "Unterschriften"},
		sheets:     [3]string{"Unterschriftenbogen", "Unterschriftenbögen", "Unterschriftenbögen"},
		scanPages:  [3]string{"gescannte Seite", "gescannte Seiten", "gescannte Seiten"},
	},
	"fr": {
		code:   "fr",
		partOf: "Partie %d sur %d", continued: "Suite de la partie %d, qui contient les pages %d à %d (%s à %s). Cette partie commence à la page %d.",
		name: "Nom", address: "Adresse", signature: "Signature",
		deadline: "délai", returnBy: "À renvoyer avant le", returnTo: "À renvoyer à", sheet: "Feuille",
		petitionTo: "Pétition à", and: " et ", pageOf: "page %d sur %d", sheetN: "Feuille %d",
		scanFooter: "Feuille papier %d, page scannée %d sur %d", leftOutHead: "Feuille papier %d, page scannée %d : omise",
		leftOutNote: "L'image scannée de cette page n'a pas pu être lue ; elle ne figure donc pas dans ce dossier. " +
			"Les signatures de la feuille papier restent comptées dans les totaux. " +
			"Scannez la feuille à nouveau et refaites le dossier, ou joignez la feuille papier elle-même.",
		total:          "Cette pétition compte %s.",
		enclosedBoth:   "Ci-joint : %s (%s recueillies en personne, %s sur des feuilles papier scannées).",
		enclosedPerson: "Ci-joint : %s, recueillies en personne.", enclosedScanned: "Ci-joint : %s, sur des feuilles papier scannées.",
		held: "Conservées sur papier par %s : %s.",
		listed: [3]string{
			"Les feuilles de signatures indiquent le nom et l'adresse postale de chaque signataire.",
			"Les feuilles de signatures indiquent le nom, le code postal, la localité et le pays de chaque signataire.",
			"Les feuilles de signatures indiquent le nom, la localité et le pays de chaque signataire."},
		closing: "Veuillez agréer nos salutations distinguées.", enclosures: "Annexes", copyTo: "Copie à",
		signatures: [3]string{"signature", "signatures", "signatures"},
		sheets:     [3]string{"feuille de signatures", "feuilles de signatures", "feuilles de signatures"},
		scanPages:  [3]string{"page scannée", "pages scannées", "pages scannées"},
	},
	"ru": {
		code:   "ru",
		partOf: "Часть %d из %d", continued: "Продолжение части %d, в которой страницы %d–%d (%s — %s). Эта часть начинается со страницы %d.",
		name: "Имя и фамилия", address: "Адрес", signature: "Подпись",
		deadline: "Срок", returnBy: "Просим вернуть до", returnTo: "Вернуть по адресу", sheet: "Лист",
		petitionTo: "Петиция. Адресат:", and: " и ", pageOf: "стр. %d из %d", sheetN: "Лист %d",
		scanFooter: "Бумажный лист %d, скан, стр. %d из %d", leftOutHead: "Бумажный лист %d, скан, стр. %d: не включена",
		leftOutNote: "Отсканированное изображение этой страницы не удалось прочитать, поэтому его нет в пакете. " +
			"Подписи с бумажного листа всё равно учтены в итогах. " +
			"Отсканируйте лист ещё раз и соберите пакет заново или приложите сам бумажный лист.",
		total:          "Под петицией собрано %s.",
		enclosedBoth:   "Прилагается: %s (%s собрано лично, %s на отсканированных бумажных листах).",
		enclosedPerson: "Прилагается: %s, собранных лично.", enclosedScanned: "Прилагается: %s на отсканированных бумажных листах.",
		held: "Хранятся на бумаге в организации «%s»: %s.",
		listed: [3]string{
			"В листах подписей указаны имя и почтовый адрес каждого подписавшего.",
			"В листах подписей указаны имя, почтовый индекс, город и страна каждого подписавшего.",
			"В листах подписей указаны имя, город и страна каждого подписавшего."},
		closing: "С уважением,", enclosures: "Приложения", copyTo: "Копия",
		signatures: [3]string{"подпись", "подписи", "подписей"},
		sheets:     [3]string{"лист подписей", "листа подписей", "листов подписей"},
		scanPages:  [3]string{"отсканированная страница", "отсканированные страницы", "отсканированных страниц"},
	},
}

// count writes n with its noun: "1 signature", "3 подписи", "0 signature".
func (w words) count(n int, noun [3]string) string {
	return fmt.Sprintf("%d %s", n, noun[w.pluralForm(n)])
}

// pluralForm picks one (0), few (1) or many (2) by the language's rule.
func (w words) pluralForm(n int) int {
	switch w.code {
	case "ru":
		switch m10, m100 := n%10, n%100; {
		case m10 == 1 && m100 != 11:
			return 0
		case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
			return 1
		}
		return 2
	case "fr": // French counts 0 and 1 as one
		if n <= 1 {
			return 0
		}
		return 2
	}
	if n == 1 {
		return 0
	}
	return 2
}

// listedFor is the sentence saying what the sheets give of each signer.
func (w words) listedFor(mode petition.AddressMode) string {
	switch mode {
	case petition.AddressFull:
		return w.listed[0]
	case petition.AddressPostcodeTown:
		return w.listed[1]
	}
	return w.listed[2]
}

// packLang is the language of the pack part to t: the target's preferred
// language when there are words for it, else the petition's first sheet
// language that has them, else English.
func packLang(p *petition.Petition, t petition.Target) string {
	if _, ok := wordsByLang[strings.ToLower(t.Language)]; ok {
		return strings.ToLower(t.Language)
	}
	return sheetLang(p)
}

// sheetLang is the petition's own language: its first sheet language.
func sheetLang(p *petition.Petition) string {
	for _, l := range p.Languages {
		if _, ok := wordsByLang[l]; ok {
			return l
		}
	}
	return "en"
}

// labels joins the words of every sheet language with "/", dropping
// repeats, as bilingual sheets do: "Name / Nom", "Frist/délai".
type labels struct {
	langs []words
	codes []string
}

func newLabels(langs []string) labels {
	var l labels
	for _, code := range langs {
		if w, ok := wordsByLang[code]; ok {
			l.langs = append(l.langs, w)
			l.codes = append(l.codes, code)
		}
	}
	if len(l.langs) == 0 {
		l.langs, l.codes = []words{wordsByLang["en"]}, []string{"en"}
	}
	return l
}

// first is the words of the first language, for sentences and formats
// that are not repeated in every language.
func (l labels) first() words { return l.langs[0] }

// date writes a date the way the first language does.
func (l labels) date(d petition.Date) string { return d.Long(l.codes[0]) }

func (l labels) join(sep string, pick func(words) string) string {
	var out []string
	for _, w := range l.langs {
		s := pick(w)
		dup := false
		for _, o := range out {
			dup = dup || strings.EqualFold(o, s)
		}
		if !dup {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

func (l labels) name() string      { return l.join(" / ", func(w words) string { return w.name }) }
func (l labels) address() string   { return l.join(" / ", func(w words) string { return w.address }) }
func (l labels) signature() string { return l.join(" / ", func(w words) string { return w.signature }) }
func (l labels) deadline() string  { return l.join("/", func(w words) string { return w.deadline }) }
func (l labels) returnBy() string  { return l.join(" / ", func(w words) string { return w.returnBy }) }
func (l labels) returnTo() string  { return l.join(" / ", func(w words) string { return w.returnTo }) }
func (l labels) sheet() string     { return l.join("/", func(w words) string { return w.sheet }) }

// petitionTo is "Petition to X" in every language: "Petition an / Pétition
// à: X" when there are several.
func (l labels) petitionTo(addressee string) string {
	head := l.join(" / ", func(w words) string { return w.petitionTo })
	if len(l.langs) > 1 && !strings.HasSuffix(head, ":") {
		head += ":"
	}
	return head + " " + addressee
}
