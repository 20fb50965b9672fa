//go:build !linux

package store

import "os"

// fdatasync falls back to a full sync where the system has no fdatasync.
func fdatasync(f *os.File) error { return f.Sync() }
