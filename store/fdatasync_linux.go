package store

import (
	"os"
	"syscall"
)

// fdatasync flushes a file's data without its timestamps.
func fdatasync(f *os.File) error { return syscall.Fdatasync(int(f.Fd())) }
