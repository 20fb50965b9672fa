//go:build windows

package diskspace

import (
	"errors"
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

func freeBytes(path string) (int64, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, err
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, err
	}
	return int64(avail), nil
}

// isOSFull recognises Windows' own words for a full disk, which Go does
// not translate to ENOSPC.
func isOSFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

func sameDisk(a, b string) bool {
	va, vb := filepath.VolumeName(a), filepath.VolumeName(b)
	return va == "" || vb == "" || strings.EqualFold(va, vb)
}
