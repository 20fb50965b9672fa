//go:build !linux

package store

// trimTables is Linux's way of keeping scans' RSS down (see
// rsstrim_linux.go); elsewhere the kernel is left to it.
func trimTables() {}

// residentFileBytes is known on Linux only.
func residentFileBytes() (int64, bool) { return 0, false }
