// Package diskspace says how much room a filesystem has left and refuses
// a write up front when it has too little. Badger writes its logs and
// tables through memory maps: a mapped write that meets a full disk kills
// the process with SIGBUS, which no Go code can recover from. So every
// writer checks here first, with a margin, and tells the user in one
// line how much space to free.
package diskspace

import (
	"errors"
	"fmt"
	"syscall"
)

// ErrFull matches every *FullError and a write that failed with "no
// space left on device", so callers need one errors.Is test.
var ErrFull = errors.New("the disk is full")

// FullError says a write was refused (or failed) for lack of space.
type FullError struct {
	Path string // the file or directory that was to be written
	Need int64  // bytes that must be free for the write to go ahead
	Free int64  // bytes free when it was checked (-1 if unknown)
}

func (e *FullError) Error() string {
	if e.Path == "" {
		return "the disk is full: free some space and try again (nothing already saved is lost)"
	}
	if e.Free < 0 {
		return fmt.Sprintf("the disk holding %s is full: free at least %s and try again (nothing already saved is lost)",
			e.Path, Human(e.Need))
	}
	return fmt.Sprintf("the disk holding %s is nearly full: %s free, %s needed; free at least %s and try again (nothing already saved is lost)",
		e.Path, Human(e.Free), Human(e.Need), Human(e.Short()))
}

// Is makes errors.Is(err, ErrFull) true for a *FullError.
func (e *FullError) Is(target error) bool { return target == ErrFull }

// Short is how many more bytes must be freed.
func (e *FullError) Short() int64 {
	if e.Free < 0 {
		return e.Need
	}
	return max(e.Need-e.Free, 1)
}

// Free returns the bytes an unprivileged writer may still use on the
// filesystem holding path (which must exist). Blocks reserved for root
// do not count: the app should not lean on them.
func Free(path string) (int64, error) {
	n, err := freeBytes(path)
	if err != nil {
		return 0, fmt.Errorf("diskspace: measuring the free space of %s: %w", path, err)
	}
	return n, nil
}

// Check returns a *FullError unless the filesystem holding path has at
// least need bytes free. A filesystem that cannot be asked passes: the
// write itself then reports a full disk as an ordinary error.
func Check(path string, need int64) error {
	free, err := freeBytes(path)
	if err != nil || free >= need {
		return nil
	}
	return &FullError{Path: path, Need: need, Free: free}
}

// SameDisk reports whether two existing paths are on one filesystem
// (true when that cannot be told: the caller then plans for the worst).
func SameDisk(a, b string) bool { return sameDisk(a, b) }

// IsFull reports whether err is a refused or failed write for lack of
// space, however it was wrapped.
func IsFull(err error) bool {
	return errors.Is(err, ErrFull) || errors.Is(err, syscall.ENOSPC) || isOSFull(err)
}

// AsFull returns err as a *FullError: itself if it is one, a new one
// naming path if the write failed with "no space left", else nil.
func AsFull(err error, path string) *FullError {
	var fe *FullError
	if errors.As(err, &fe) {
		return fe
	}
	if IsFull(err) {
		return &FullError{Path: path, Need: 1 << 20, Free: -1}
	}
	return nil
}

// Human writes a byte count the way a file manager shows it.
func Human(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 3; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMGT"[exp])
}
