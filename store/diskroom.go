package store

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/petitiondesk/petitiondesk/diskspace"
)

// Badger writes its memtable log, value log and tables through memory
// maps of sparse files: a write that meets a full disk is not an error
// but a SIGBUS that kills the process. So nothing is written unless the
// disk has room for the worst Badger can do next, with a margin:
//
//   - the memtable log fills up to its 8 MiB memtable (its file is a
//     16 MiB sparse map) and is then flushed to an 8 MiB level-0 table;
//   - closing compacts level 0 into the base level (about 10 MiB);
//   - background compactions rewrite a table and its overlaps in the
//     level below before deleting the old ones: dbSize/4 covers that.
//
// 32 MiB + dbSize/4 is far above what one save writes, which is the point:
// the check runs before every write, and the margin must absorb whatever
// Badger does between two checks.
const roomBase = 32 << 20

// roomFor is the free space needed before writing extra bytes of new
// data into a database of dbSize bytes.
func roomFor(dbSize, extra int64) int64 { return roomBase + dbSize/4 + extra }

// CheckRoom returns a *diskspace.FullError unless the data's disk has room
// for extra more bytes of data (page images, a bundle, a backup being
// restored) on top of the margin every write keeps. Callers that know a
// large write is coming call it first, so the user hears "free N MB"
// before anything starts rather than halfway through.
func (s *Store) CheckRoom(extra int64) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	if s.dir == "" || s.noSync {
		return nil // in memory, or a benchmark fixture
	}
	return diskspace.Check(s.dir, roomFor(s.dbBytes(), extra))
}

// dbBytes is Badger's own estimate of the database's size on disk.
func (s *Store) dbBytes() int64 {
	lsm, vlog := s.db.Size()
	return lsm + vlog
}

// checkDirRoom is CheckRoom before Badger is open: it measures the
// database from its files. A value log left by a crash is counted at its
// mapped size, which overstates it: the error then asks for a little more.
func checkDirRoom(dir string) error {
	return diskspace.Check(existingAncestor(dir), roomFor(dirDataBytes(dir), 0))
}

// existingAncestor is dir, or its nearest parent that exists (a new data
// directory is measured on the disk it will be created on).
func existingAncestor(dir string) string {
	for {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

func dirDataBytes(dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if ext != ".sst" && ext != ".vlog" && !strings.HasSuffix(e.Name(), ".journal") {
			continue
		}
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// CheckTarget returns a *diskspace.FullError unless the disk that is to
// hold path (an export, a backup) has room for about size bytes. When
// that disk also holds the database, the database's own margin must stay
// free as well: the file would otherwise eat the room Badger needs to
// close.
func (s *Store) CheckTarget(path string, size int64) error {
	dir := existingAncestor(filepath.Dir(path))
	need := size + 1<<20
	if s.dir != "" && !s.noSync && diskspace.SameDisk(dir, s.dir) {
		need += roomFor(s.dbBytes(), 0)
	}
	return diskspace.Check(dir, need)
}

// DataBytes is about how many bytes the database takes on disk: what a
// backup or a PDF pack of everything may need.
func (s *Store) DataBytes() int64 {
	if s.dir == "" {
		return 0
	}
	return s.dbBytes()
}
