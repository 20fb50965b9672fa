package main

import (
	"fmt"
	"io"
	"os"
)

// readSmallFile reads a file the user names whose contents are read
// whole, refusing it in one line when it is larger than limit: by its size
// before reading, and by what a read returns (a pipe or a device has no
// size). what says what the file should hold, for the message.
func readSmallFile(path string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooBig := fmt.Errorf("%s is too large for %s (at most %s)", path, what, sizeText(limit))
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", path)
	} else if st.Size() > limit {
		return nil, tooBig
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, err)
	}
	if int64(len(b)) > limit {
		return nil, tooBig
	}
	return b, nil
}

// sizeText writes a limit in KB or MB.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}
