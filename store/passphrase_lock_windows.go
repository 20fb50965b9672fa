//go:build windows

package store

import (
	"path/filepath"
	"syscall"
)

// lockDir takes the lock Badger takes on Windows: its LOCK file opened
// with no sharing, deleted when closed.
func lockDir(dir string) (unlock func(), err error) {
	path, err := filepath.Abs(filepath.Join(dir, "LOCK"))
	if err != nil {
		return nil, err
	}
	const temporary, deleteOnClose = 0x100, 0x04000000
	h, err := syscall.CreateFile(syscall.StringToUTF16Ptr(path), 0, 0, nil, syscall.OPEN_ALWAYS, temporary|deleteOnClose, 0)
	if err != nil {
		return nil, &AlreadyOpenError{Dir: dir}
	}
	return func() { syscall.CloseHandle(h) }, nil
}
