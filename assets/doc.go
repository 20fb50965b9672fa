// Package assets is the one home of the files Petition Desk embeds: the
// app icon, the fonts PDFs are set in, and the window's translations.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon (PNG, 512×512).
//
//go:embed icon.png
var Icon []byte

// Translations holds the window's messages in German and French, one
// JSON file per language (translations/de.json, translations/fr.json),
// in the flat form Fyne's lang package reads: English text → translation.
//
//go:embed translations/*.json
var Translations embed.FS
