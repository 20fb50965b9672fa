package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/petitiondesk/petitiondesk/assets"
	"github.com/petitiondesk/petitiondesk/petition"
)

// Languages the window speaks, as offered in Settings.
var uiLanguages = []struct{ code, name string }{
	{"en", "English"}, {"de", "Deutsch"}, {"fr", "Français"},
}

// translator holds the current language and its messages. English
// strings are the keys, so a missing translation shows English rather
// than an identifier. Fyne's lang package picks the system language and
// gets the same files, but it cannot switch at run time, which Settings
// needs; so lookups go through T.
var translator struct {
	sync.RWMutex
	code string
	msgs map[string]string
}

// setLanguage switches the window's language ("" = the system's).
func setLanguage(code string) {
	if code == "" {
		code = systemLanguage()
	}
	msgs := map[string]string{}
	if code != "en" {
		b, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			code = "en"
		} else if err := json.Unmarshal(b, &msgs); err != nil {
			fyne.LogError("reading the "+code+" translation", err)
		}
	}
	translator.Lock()
	translator.code, translator.msgs = code, msgs
	translator.Unlock()
}

// systemLanguage returns the first of our languages the system asks for.
func systemLanguage() string {
	loc := strings.ToLower(lang.SystemLocale().LanguageString())
	for _, l := range uiLanguages {
		if strings.HasPrefix(loc, l.code) {
			return l.code
		}
	}
	return "en"
}

// currentLanguage returns the code of the language in use.
func currentLanguage() string {
	translator.RLock()
	defer translator.RUnlock()
	if translator.code == "" {
		return "en"
	}
	return translator.code
}

// T translates an English message and formats it like fmt.Sprintf when
// args are given. Translations keep the same verbs in the same order.
func T(msg string, args ...any) string {
	translator.RLock()
	out, ok := translator.msgs[msg]
	translator.RUnlock()
	if !ok || out == "" {
		out = msg
	}
	if len(args) > 0 {
		return fmt.Sprintf(out, args...)
	}
	return out
}

// TN translates a message about n things: one is its English singular
// ("%d sheet"), other its plural ("%d sheets"); both are keys in the
// translation files, and args format the one chosen like T. English and
// German use the singular for 1 only, French for 0 and 1 ("0 feuille").
func TN(n int, one, other string, args ...any) string {
	singular := n == 1
	if currentLanguage() == "fr" {
		singular = n == 0 || n == 1
	}
	if singular {
		return T(one, args...)
	}
	return T(other, args...)
}

// stateWords names a deadline state in the current language.
func stateWords(s petition.DeadlineState) string {
	switch s {
	case petition.OnTrack:
		return T("on track")
	case petition.DueSoon:
		return T("due soon")
	case petition.Overdue:
		return T("overdue")
	case petition.Delivered:
		return T("delivered")
	}
	return string(s)
}

// deadlineWords says where a petition stands, in the words the workbook
// uses too: "overdue" alone read as "too late" a week before the
// deadline, when only the post-by date had passed.
func deadlineWords(info petition.DeadlineInfo) string {
	switch {
	case info.State == petition.Delivered:
		return stateWords(info.State)
	case info.DaysLeft < 0:
		return T("deadline passed")
	case info.DaysToPost < 0:
		return T("post by date passed")
	}
	return stateWords(info.State)
}

// daysLeftWords says how many days are left before the deadline.
func daysLeftWords(n int) string {
	switch {
	case n == 0:
		return T("deadline today")
	case n < 0:
		return TN(-n, "%d day past the deadline", "%d days past the deadline", -n)
	}
	return TN(n, "%d day left", "%d days left", n)
}
