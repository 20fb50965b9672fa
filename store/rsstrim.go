package store

import (
	"sync"
	"time"
)

// rssTrimEvery is how many bytes a long read passes between two calls
// of trimTables: often enough that the database's mapped tables never
// hold more than this in the resident set, seldom enough that reading
// /proc/self/maps costs nothing measurable.
const rssTrimEvery = 32 << 20

// randomReadCost is what one read of a single row at a random place
// counts towards rssTrimEvery: the kernel maps the pages around a fault
// in a mapped table, not only the row's, so a few thousand scattered
// reads (the possible duplicates among a million rows) had mapped
// 600 MB of tables.
const randomReadCost = 128 << 10

// rssTrim counts the bytes one long read has passed and trims the
// mapped tables every rssTrimEvery of them.
type rssTrim struct{ n int }

func (t *rssTrim) add(n int) {
	t.n += n
	if t.n >= rssTrimEvery {
		t.n = 0
		trimTables()
	}
}

// trimPoll is how often trimWhile looks at the process's resident
// file pages (one read of /proc/self/statm, a few microseconds), and
// trimSlack how far they may grow past where they stood when it started
// before it trims. Badger's own work (a compaction reading every table,
// a flush, a memtable log written through its mapping) touches table
// pages that no scan of ours counts. A fixed 100 ms clock walked over a
// thousand mappings ten times a second, whether or not they held pages,
// and still let a million-signature import reach 89 MB of mapped files
// between two trims. One trim itself took up to 150 ms (measured) while
// Badger mapped and unmapped tables beside it, so mapped pages still
// pass the slack for moments: five imports of the same million-row
// bundle peaked between 277 and 349 MB.
const (
	trimPoll  = 20 * time.Millisecond
	trimSlack = 24 << 20
)

// trimWhile trims the mapped tables whenever they hold more than
// trimSlack of the resident set, until the returned stop is called; stop
// waits for the trimming goroutine to end and may be called more than
// once. It is for the long writes (bundle import, erasure and its purge,
// close) and the long reads that Badger does for us (bundle export,
// backup), whose resident set would otherwise grow with the database
// (see docs/PERFORMANCE.md, issue 19).
func trimWhile() (stop func()) {
	done := make(chan struct{})
	ended := make(chan struct{})
	trimTables()
	base, _ := residentFileBytes() // what trimming leaves: mostly the program's own text
	go func() {
		defer close(ended)
		t := time.NewTicker(trimPoll)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if n, ok := residentFileBytes(); ok && n > base+trimSlack {
					trimTables()
					if n, ok := residentFileBytes(); ok && n < base {
						base = n // never up: pages mapped meanwhile are not the program's
					}
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done); <-ended })
	}
}
