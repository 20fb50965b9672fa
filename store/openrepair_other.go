//go:build !unix

package store

// tryLockDir cannot take Badger's lock here (Windows locks a LOCK file
// Badger deletes on close): Open retries once instead.
func tryLockDir(string) (func(), bool) { return nil, false }
