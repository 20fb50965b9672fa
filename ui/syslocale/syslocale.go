// Package syslocale makes a "C" or "POSIX" locale with a charset (LANG=C.UTF-8,
// the default of many Debian installs) read as English to Fyne.
//
// Fyne's lang package reads the locale from LC_ALL, LC_MESSAGES and LANG
// in its own package initialisation, before main runs, and cannot parse
// "C.UTF-8": every start and every command printed "Fyne error: Error
// parsing user locale C". A plain "C" it already reads as English, and a
// "C.UTF-8" locale makes it look at LANGUAGE first; so this package sets
// LANGUAGE=en for such a locale, from its own init. It imports nothing
// but the standard library, so Go initialises it before Fyne's lang
// package (packages are initialised in import-path order as soon as
// their imports are: it is ready long before lang's text/template is).
package syslocale

import (
	"os"
	"strings"
)

func init() { Apply(os.Getenv, os.Setenv) }

// Apply sets LANGUAGE=en when the messages locale is C or POSIX with a
// charset and LANGUAGE is empty; any other setting is left as it is.
// getenv and setenv are os.Getenv and os.Setenv outside tests.
func Apply(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" || !isPlainC(messagesLocale(getenv)) {
		return
	}
	_ = setenv("LANGUAGE", "en")
}

// messagesLocale is the locale messages are shown in, as POSIX defines
// it: the first of LC_ALL, LC_MESSAGES and LANG that is set.
func messagesLocale(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// isPlainC reports whether loc is C or POSIX followed by a charset or a
// modifier ("C.UTF-8", "C.utf8", "POSIX@x"); a bare "C" needs nothing.
func isPlainC(loc string) bool {
	base, _, _ := strings.Cut(loc, "@")
	base, charset, _ := strings.Cut(base, ".")
	return (base == "C" || base == "POSIX") && (charset != "" || base != loc)
}
