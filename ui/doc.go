// Package ui is Petition Desk's window, built with Fyne. It shows what the
// store holds and hands long work (queries, exports, scans) to goroutines,
// touching widgets only inside fyne.Do. What an action does to files and
// data (write, encrypt, audit) is in package desk, shared with the
// command line; ui only asks, shows progress and words the result.
package ui
