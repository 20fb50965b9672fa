package petition

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldError says what is wrong with one field, in words a signer understands.
type FieldError struct {
	Field   string // the field's name, e.g. "name" or "postcode"
	Message string // a plain sentence, e.g. "Please enter your full name."
}

func (e *FieldError) Error() string { return e.Message }

// ValidationError lists every problem found in a record, so a form can show
// them all at once rather than one per attempt.
type ValidationError []*FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, " ")
}

// For returns the problem with one field, or nil.
func (v ValidationError) For(field string) *FieldError {
	for _, e := range v {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// ErrControlCharacter is wrapped by field errors for text holding control or
// invisible direction-override characters, which could hide what a row says.
var ErrControlCharacter = errors.New("contains a control character")

// textRule describes the limits of one free-text field.
type textRule struct {
	field, label string
	min, max     int // in characters (runes), after trimming spaces
	multiline    bool
}

func (r textRule) check(s string) *FieldError {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		return &FieldError{r.field, r.label + " is not valid text."}
	case n == 0 && r.min > 0:
		return &FieldError{r.field, "Please enter " + article(r.label) + "."}
	case n < r.min:
		return &FieldError{r.field, fmt.Sprintf("%s is too short (at least %d characters).", r.label, r.min)}
	case n > r.max:
		return &FieldError{r.field, fmt.Sprintf("%s is too long (at most %d characters).", r.label, r.max)}
	case hasForbiddenRune(s, r.multiline):
		return &FieldError{r.field, r.label + " " + ErrControlCharacter.Error() + "."}
	}
	return nil
}

// Func returns the rule as a func(string) error, the shape of Fyne's
// Entry.Validator, so forms validate with exactly the rules the store uses.
func (r textRule) Func() func(string) error {
	return func(s string) error {
		if e := r.check(s); e != nil {
			return e
		}
		return nil
	}
}

func article(label string) string {
	l := strings.ToLower(label)
	if strings.HasPrefix(l, "your ") || strings.HasPrefix(l, "the ") {
		return l
	}
	return "the " + l
}

// hasForbiddenRune rejects control characters (newlines are allowed in
// multi-line text) and the Unicode format characters that reorder or hide
// text, while letting every script through: accents, Cyrillic, Arabic.
func hasForbiddenRune(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if r == '\r' && multiline {
			continue
		}
		if unicode.IsControl(r) || isBidiOverride(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
			return true
		}
	}
	return false
}

func isBidiOverride(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// Field rules shared by signatures, sheets and petitions.
var (
	ruleName     = textRule{field: "name", label: "Your full name", min: 2, max: 100}
	ruleStreet   = textRule{field: "street", label: "The street and number", min: 2, max: 120}
	rulePostcode = textRule{field: "postcode", label: "The postcode", min: 2, max: 12}
	ruleCity     = textRule{field: "city", label: "The town or city", min: 1, max: 80}
	ruleCountry  = textRule{field: "country", label: "The country", min: 2, max: 60}
	ruleEmail    = textRule{field: "email", label: "The email address", min: 0, max: 254}
	ruleShortOpt = textRule{field: "text", label: "This field", min: 0, max: 120}
)

// ValidateName checks a signer's full name.
func ValidateName(s string) error { return ruleName.Func()(s) }

// ValidateStreet checks the street line of an address.
func ValidateStreet(s string) error { return ruleStreet.Func()(s) }

// ValidatePostcode checks a postcode: letters, digits, spaces and dashes,
// which covers "8001", "SW1A 1AA", "M4S 1Z7" and "220030".
func ValidatePostcode(s string) error {
	if err := rulePostcode.Func()(s); err != nil {
		return err
	}
	for _, r := range strings.TrimSpace(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' {
			return &FieldError{"postcode", "The postcode may hold only letters, digits, spaces and dashes."}
		}
	}
	return nil
}

// ValidateCity checks the town or city.
func ValidateCity(s string) error { return ruleCity.Func()(s) }

// ValidateCountry checks the country.
func ValidateCountry(s string) error { return ruleCountry.Func()(s) }

// ValidateEmail checks an optional email address: empty is fine.
func ValidateEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if err := ruleEmail.Func()(s); err != nil {
		return err
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return &FieldError{"email", "This does not look like an email address (name@example.org)."}
	}
	return nil
}

// ValidateShortText checks an optional one-line field such as a location.
func ValidateShortText(s string) error { return ruleShortOpt.Func()(s) }

// collect runs checks and gathers the failures.
func collect(errs ...error) error {
	var v ValidationError
	for _, err := range errs {
		var fe *FieldError
		if errors.As(err, &fe) {
			v = append(v, fe)
		} else if err != nil {
			v = append(v, &FieldError{"", err.Error()})
		}
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// named re-labels a field error so petition forms can reuse a rule.
func named(field string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &FieldError{field, fe.Message}
	}
	return err
}
