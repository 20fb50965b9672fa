package ui

import (
	"sort"

	"fyne.io/fyne/v2"
)

// screen is one entry of the main window's navigation.
//
// Adding a screen is one registration in the new screen's own file, so
// the Scan, Export and Coordinator screens need no edit here:
//
//	func init() {
//		addScreen(screen{order: 50, title: "Scan", icon: theme.IconNameDocument,
//			build: func(st *appState) fyne.CanvasObject { return newScanScreen(st).content }})
//	}
//
// title is English and translated when shown (add it to the translation
// files); build is called each time the screen is opened and whenever
// the current petition changes, so it starts from fresh data and must
// do its store queries in the background (st.background + fyne.Do).
type screen struct {
	order int // position in the navigation, lowest first
	key   string
	title string
	icon  fyne.ThemeIconName // e.g. theme.IconNameList: resolved when shown, as the theme may change
	build func(st *appState) fyne.CanvasObject
}

var screens []screen

// addScreen registers a screen; call it from init().
func addScreen(s screen) {
	screens = append(screens, s)
	sort.SliceStable(screens, func(i, j int) bool { return screens[i].order < screens[j].order })
}

// screenIndex returns the position of the screen with key, or 0.
func screenIndex(key string) int {
	for i, s := range screens {
		if s.key == key {
			return i
		}
	}
	return 0
}
