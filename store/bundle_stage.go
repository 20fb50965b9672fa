package store

import "bytes"

// stage is an import's planned writes, in spools (bundle_spool.go) that
// the applier replays in two phases (bundle_apply.go): first the undo
// record of every write, then the writes themselves, by kind of key in key
// order.
//
// Why by kind: a bundle's signature adds a row (g:, in sheet order), its
// index entry (i:, by random id) and its duplicate entry (d:, by hash).
// Written together, every memtable Badger flushed held keys from d: to
// i:, so each of its level-0 tables overlapped every table of the level
// below, and each compaction rewrote all rows imported so far: at a
// million signatures the import wrote 28 GB for a 2.7 GB database, ten
// times more per row than at 100,000 (docs/PERFORMANCE.md). Rows alone
// arrive in key order after the rows held, so their tables overlap
// nothing below and move down the levels unchanged (DB.SetMoveTables,
// third_party/badger/PATCHES.md); the memtables are flushed before and
// after the rows so that no table holds rows and other keys. The indexes
// are small and rewrite only each other. Undo records, written with each
// chunk before, spanned the same way (Bu: sorts before every table);
// written ahead they are one short run.
type stage struct {
	undo  *spool           // key, value before, whether it existed: for every write
	lanes [numLanes]*spool // the writes (op, key, value), by lane
	n     int              // writes staged
}

// The lanes, in key order, which is the order they are replayed in.
const (
	laneLow   = iota // keys before d: (groups, sheet maps, counters, receipt)
	laneDups         // d: duplicate index
	laneRows         // g: signature rows
	laneIndex        // i: signature index
	laneHigh         // keys after i: (pages, petitions, sheets, scan results)
	numLanes
)

func laneOf(key []byte) int {
	switch {
	case bytes.HasPrefix(key, []byte(pfxSigs)):
		return laneRows
	case bytes.HasPrefix(key, []byte(pfxDups)):
		return laneDups
	case bytes.HasPrefix(key, []byte(pfxSigIndex)):
		return laneIndex
	case bytes.Compare(key, []byte(pfxDups)) < 0:
		return laneLow
	}
	return laneHigh
}

func newStage(dir string) (*stage, error) {
	st := &stage{}
	var err error
	if st.undo, err = newSpool(dir); err != nil {
		return nil, err
	}
	for i := range st.lanes {
		if st.lanes[i], err = newSpool(dir); err != nil {
			st.close()
			return nil, err
		}
	}
	return st, nil
}

// put stages "set key to val"; old is its value before the import
// (existed false when it had none). Each key is staged at most once.
func (st *stage) put(key, val, old []byte, existed bool) error {
	return st.stage(0, key, val, old, existed)
}

// del stages "delete key", which held old.
func (st *stage) del(key, old []byte) error { return st.stage(1, key, nil, old, true) }

func (st *stage) stage(op byte, key, val, old []byte, existed bool) error {
	if err := st.undo.record(0, key, nil, old, existed); err != nil {
		return err
	}
	st.n++
	return st.lanes[laneOf(key)].record(op, key, val, nil, false)
}

// bytes is how much the stage holds so far: what the writes and their
// undo records will take in the database, roughly.
func (st *stage) bytes() int64 {
	total := st.undo.bytes()
	for _, l := range st.lanes {
		total += l.bytes()
	}
	return total
}

// steps is how many records replay goes through: each write's undo, then
// the write.
func (st *stage) steps() int { return 2 * st.n }

// replay hands a every undo record, then every write, lane by lane;
// progress gets the records done so far.
func (st *stage) replay(a *applier, progress func(done int)) error {
	done := 0
	tick := func() {
		done++
		if done%1000 == 0 {
			progress(done)
		}
	}
	err := st.undo.each(func(_ byte, parts [3][]byte, existed bool) error {
		tick()
		return a.undoAhead(parts[0], parts[2], existed)
	})
	if err == nil {
		err = a.endUndo()
	}
	rows := st.lanes[laneRows].n > 0
	for i, l := range st.lanes {
		if err == nil && rows && (i == laneRows || i == laneRows+1) {
			err = a.flushMemtables() // the rows' tables hold rows only
		}
		if err != nil {
			return err
		}
		err = l.each(func(op byte, parts [3][]byte, _ bool) error {
			tick()
			if op == 1 {
				return a.del(parts[0])
			}
			return a.put(parts[0], parts[1])
		})
	}
	return err
}

func (st *stage) close() {
	for _, sp := range append([]*spool{st.undo}, st.lanes[:]...) {
		if sp != nil {
			sp.close()
		}
	}
}
