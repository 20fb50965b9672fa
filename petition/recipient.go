package petition

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// AddressMode is what the petition's recipient sees of each signer's
// address in the pack. The recipient may be the government a signer
// fears, so a new petition shows the least: town and country.
type AddressMode string

// The address modes, from most to least.
const (
	AddressFull         AddressMode = "full"         // street, postcode, town and country
	AddressPostcodeTown AddressMode = "town"         // postcode, town and country
	AddressTownCountry  AddressMode = "town-country" // town and country
)

// AddressModes lists the modes, for choosers and the command line.
var AddressModes = []AddressMode{AddressFull, AddressPostcodeTown, AddressTownCountry}

// DefaultAddressMode is a new petition's (and an older stored one's) mode.
const DefaultAddressMode = AddressTownCountry

// ParseAddressMode reads a mode typed by a user ("full", "town",
// "town-country").
func ParseAddressMode(s string) (AddressMode, error) {
	m := AddressMode(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(AddressModes, m) {
		return "", &FieldError{"recipient_sees", fmt.Sprintf("What the recipient sees must be full, town or town-country, not %q.", s)}
	}
	return m, nil
}

// Printed is one signer's row as the recipient reads it.
type Printed struct {
	Name         string
	Line1, Line2 string // the address lines; Line1 is empty unless full
}

// ForRecipient returns what the recipient of a part addressed to a target
// in targetCountry sees of sig under mode. A signer living in that
// country is shown by initials and country only, unless they asked on
// the form to have their full name printed.
func ForRecipient(sig *Signature, mode AddressMode, targetCountry string) Printed {
	a := sig.Address
	if targetCountry != "" && SameCountry(a.Country, targetCountry) && !sig.PrintFullName {
		return Printed{Name: Initials(sig.Name), Line2: a.Country}
	}
	out := Printed{Name: sig.Name}
	switch mode {
	case AddressFull:
		out.Line1, out.Line2 = a.Street, joinNonEmpty(", ", a.Place(), a.Country)
	case AddressPostcodeTown:
		out.Line2 = joinNonEmpty(", ", a.Place(), a.Country)
	default:
		out.Line2 = joinNonEmpty(", ", a.City, a.Country)
	}
	return out
}

// Initials shortens a name to the first letter of each part: "Марыя
// Калеснікава" becomes "М. К.", "Anna-Lena Meier" "A. M.".
func Initials(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				parts = append(parts, string(unicode.ToUpper(r))+".")
				break
			}
		}
	}
	return strings.Join(parts, " ")
}

// TargetCountry is the country a target lives in: the last line of its
// postal address (as addresses abroad are written), else its title.
func TargetCountry(t Target) string {
	if n := len(t.Address); n > 0 && !hasDigit(t.Address[n-1]) {
		return t.Address[n-1]
	}
	return t.Title
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// SameCountry reports whether two countries typed by people are the same:
// case, accents and spacing are ignored, and the common names, native
// names and ISO codes of the countries the app meets are one country
// ("Belarus", "BY", "Беларусь", "Weissrussland"). A title such as
// "Republic of Belarus" matches too.
func SameCountry(a, b string) bool {
	ca, cb := countryCode(a), countryCode(b)
	return ca != "" && ca == cb
}

// countryCode returns the ISO code a country name stands for, or the
// folded name itself when the app does not know it.
func countryCode(s string) string {
	f := Fold(s)
	for _, prefix := range []string{"republic of ", "the ", "federal republic of ", "kingdom of "} {
		f = strings.TrimPrefix(f, prefix)
	}
	if code, ok := countryAliases[f]; ok {
		return code
	}
	return f
}

// countryAliases maps folded names and codes to ISO 3166 alpha-2 codes.
// Signers type their country freely; these are the ones petitions of a
// Swiss group meet most. Unknown countries still match by folded name.
var countryAliases = func() map[string]string {
	m := map[string]string{}
	for code, names := range map[string][]string{
		"by": {"by", "blr", "belarus", "беларусь", "белоруссия", "bielarus", "weissrussland", "weißrussland", "bielorussie", "belorussia", "byelorussia"},
		"ch": {"ch", "che", "switzerland", "schweiz", "suisse", "svizzera", "svizra", "swiss confederation"},
		"de": {"de", "deu", "germany", "deutschland", "allemagne"},
		"at": {"at", "aut", "austria", "osterreich", "autriche"},
		"fr": {"fr", "fra", "france", "frankreich"},
		"it": {"it", "ita", "italy", "italia", "italien", "italie"},
		"ru": {"ru", "rus", "russia", "russian federation", "россия", "russland", "russie"},
		"ua": {"ua", "ukr", "ukraine", "украина", "україна"},
		"pl": {"pl", "pol", "poland", "polska", "polen", "pologne"},
		"gb": {"gb", "gbr", "uk", "united kingdom", "great britain", "grossbritannien", "royaume-uni"},
		"us": {"us", "usa", "united states", "united states of america"},
	} {
		for _, n := range names {
			m[Fold(n)] = code
		}
	}
	return m
}()
