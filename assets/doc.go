// Package assets is the one home of the files Petition Desk embeds: the
// app icon, the fonts PDFs are set in, and the window's translations.
package assets

import _ "embed"

// Icon is the application icon (PNG, 512×512).
//
//go:embed icon.png
var Icon []byte
