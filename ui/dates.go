package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Dates in the window: one written form per language, used for showing a
// day (lists, summaries) and for filling a date field, so a deadline
// typed as 20.01.2027 reopens as 20.01.2027 and reads the same in
// Petitions, Sheets and the editor. A field also takes YYYY-MM-DD and
// DD.MM.YYYY in every language, as the command line and files do.

// dateLayouts are the written form of each language, as time layouts.
var dateLayouts = map[string]string{"en": "2 Jan 2006", "de": "02.01.2006", "fr": "02/01/2006"}

// fmtDate writes a day the way the current language's readers expect
// ("—" for no date).
func fmtDate(d petition.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time().Format(dateLayouts[currentLanguage()])
}

// dateText is a date field's text: the written form, "" for no date.
func dateText(d petition.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmtDate(d)
}

// parseDate reads a date typed in the current language's form, or as
// YYYY-MM-DD or DD.MM.YYYY. Only English takes month names, and only
// French takes slashes (an English 03/04 could mean March or April).
func parseDate(s string) (petition.Date, error) {
	s = strings.Join(strings.Fields(s), " ")
	if d, err := petition.ParseDate(s); err == nil {
		return d, nil
	}
	layouts := []string{dateLayouts[currentLanguage()]}
	switch currentLanguage() {
	case "en":
		layouts = append(layouts, "2 January 2006", "2 Jan. 2006")
	case "fr":
		layouts = append(layouts, "2/1/2006")
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return petition.DateOf(t), nil
		}
	}
	return petition.Date{}, errors.New(dateHint())
}

// dateHint says how to type a date, with an example in the user's form.
func dateHint() string {
	return T("Please enter the date like %s.", fmtDate(petition.Date{Year: 2027, Month: time.January, Day: 20}))
}

// validateDate is a required date field's validator.
func validateDate(s string) error {
	_, err := parseDate(strings.TrimSpace(s))
	return err
}

// validateOptionalDate accepts an empty field too.
func validateOptionalDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return validateDate(s)
}

// dateLabel is a date field's label with an example of the form to type.
func dateLabel(what string) string {
	return fmt.Sprintf("%s (%s)", what, T("e.g. %s", fmtDate(petition.Date{Year: 2027, Month: time.January, Day: 20})))
}
