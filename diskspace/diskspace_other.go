//go:build !unix && !windows

package diskspace

import "errors"

func freeBytes(string) (int64, error) { return 0, errors.New("free space unknown on this system") }

func isOSFull(error) bool { return false }

func sameDisk(string, string) bool { return true }
