package store

import (
	"os"
	"path/filepath"
	"strings"
)

// removeEmptyLogFiles removes the empty memtable (.mem) and value-log
// (.vlog) files a copy of the app killed while Badger was creating one
// leaves: Badger creates such a file empty, then sizes it, and at the
// next open takes an empty one for a file it must create and fails
// ("Create a new file"). An empty file holds no data, so removing it
// loses nothing. It runs under the directory's lock, so no other copy
// is creating one at the moment.
func removeEmptyLogFiles(dir string) {
	unlock, err := lockDir(dir)
	if err != nil {
		return // open; Badger says so in a moment
	}
	defer unlock()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".mem") && !strings.HasSuffix(e.Name(), ".vlog") {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
