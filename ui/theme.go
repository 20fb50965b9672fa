package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// kioskTheme enlarges text, padding and inputs for signing mode: people
// sign standing, often with a finger, sometimes without their glasses.
type kioskTheme struct{}

// base is the app's theme, which kioskTheme only enlarges.
func (kioskTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (k kioskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return k.base().Color(n, v)
}
func (k kioskTheme) Font(s fyne.TextStyle) fyne.Resource     { return k.base().Font(s) }
func (k kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return k.base().Icon(n) }

func (k kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 18
	case theme.SizeNameCaptionText:
		return 14
	case theme.SizeNameInputBorder:
		return 2
	case theme.SizeNameInnerPadding:
		return 10
	case theme.SizeNamePadding:
		return 5
	case theme.SizeNameInlineIcon:
		return 24
	}
	return k.base().Size(n)
}
