// Package ui is Petition Desk's window, built with Fyne. It shows what the
// store holds and hands long work (queries, exports, scans) to goroutines,
// touching widgets only inside fyne.Do.
package ui
