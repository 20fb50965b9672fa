package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// kioskTheme enlarges text, padding and inputs for signing mode: people
// sign standing, often with a finger, sometimes without their glasses.
type kioskTheme struct{}

func (kioskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}
func (kioskTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }
func (kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 18
	case theme.SizeNameInputBorder:
		return 2
	case theme.SizeNameInnerPadding:
		return 10
	case theme.SizeNamePadding:
		return 5
	case theme.SizeNameInlineIcon:
		return 24
	}
	return theme.DefaultTheme().Size(n)
}
