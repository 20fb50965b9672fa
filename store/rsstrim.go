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

// trimInterval is how often trimWhile trims: Badger's own work (a
// compaction reading every table, a flush) touches table pages that no
// scan of ours counts, so a long write trims on a clock instead.
// At 250 ms an erasure of a million signatures still peaked at 306 MB
// between two trims; one trim costs well under a millisecond.
const trimInterval = 100 * time.Millisecond

// trimWhile trims the mapped tables every trimInterval until the
// returned stop is called; stop waits for the trimming goroutine to end
// and may be called more than once. It is for the long writes (bundle
// import, erasure and its purge, close) and the bundle export, whose
// resident set would otherwise grow with the database (see
// docs/PERFORMANCE.md, issue 19).
func trimWhile() (stop func()) {
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(trimInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				trimTables()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done); <-ended })
	}
}
