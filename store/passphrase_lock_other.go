//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package store

// lockDir cannot lock here; Badger's own lock still refuses a second
// copy of the app once the change is done.
func lockDir(string) (unlock func(), err error) { return func() {}, nil }
