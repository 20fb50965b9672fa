//go:build unix

package store

// tryLockDir takes, without waiting, the flock on the directory that
// Badger takes (badger/dir_unix.go): the one lockDir takes.
func tryLockDir(dir string) (unlock func(), ok bool) {
	unlock, err := lockDir(dir)
	return unlock, err == nil
}
