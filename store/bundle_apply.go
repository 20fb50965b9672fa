package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// An import is too large for one Badger transaction (a transaction holds
// about 15% of a memtable: a few hundred signatures here), so it is made
// all-or-nothing with an undo log written ahead:
//
//  1. Before the first write, the marker m:import names the import; it is
//     synced to disk.
//  2. The undo log goes in: records Bu:<import>:<seq> that hold, for every
//     key the import will write, its value before the import, or that it
//     had none. It is synced before any other write: from then on, undoing
//     it restores the database whatever part of the import has landed.
//  3. The writes go in chunks, one transaction each, by kind of key (see
//     bundle_stage.go for why).
//  4. When every chunk is on disk (synced), deleting the marker is the
//     commit: one small synced transaction. The undo records are garbage
//     from then on and are deleted.
//
// If the import fails half way (a disk error, a cancelled context) the
// undo records are applied at once; if the process dies, they are applied
// by RecoverImport (at the next open, import or export). Each key is
// written at most once per import, so undo needs no ordering, applying it
// twice is harmless, and so is applying it to keys the import had not
// reached yet: they still hold the value the record restores. While an
// import runs it holds the store's write lock; readers may see it half
// done until it commits or rolls back.

// importHooks let tests cut chunks small and stop an import just before
// it commits, as a failing disk or a crash would. Each store has its own
// (Store.importHooks); nothing a user runs sets them.
type importHooks struct {
	chunkBytes   int64
	beforeCommit func() error
	// beforeStep is called before each undo entry and each write, counted
	// from 0 across both phases, once every commit so far has landed.
	beforeStep func(step int) error
}

// importMarker is the value of m:import.
type importMarker struct {
	ID      string    `json:"id"`
	Bundle  string    `json:"bundle"`
	Started time.Time `json:"started"`
}

// applier writes one import's changes in undoable chunks.
type applier struct {
	s       *Store
	marker  importMarker
	started bool // the marker is on disk
	undone  bool // the undo log is on disk: writes may go in
	seq     int
	txn     *badger.Txn
	undo    []byte
	size    int64 // estimated bytes in txn, undo included
	count   int64
	maxSize int64
	maxN    int64
	writes  int
	steps   int // for importHooks.beforeStep

	wg      sync.WaitGroup
	pending chan struct{} // bounds chunks committing at once
	mu      sync.Mutex
	err     error
}

func newApplier(s *Store, bundleID string) *applier {
	a := &applier{
		s:      s,
		marker: importMarker{ID: newID(), Bundle: bundleID, Started: s.now().UTC()},
		// Chunks as full as Badger allows (fewer, larger commits): write
		// counts what Badger counts for each entry, undoAhead what an undo
		// record takes; the margin is for the undo record's own key.
		maxSize: s.db.MaxBatchSize() - 256,
		maxN:    s.db.MaxBatchCount() - 1,
		pending: make(chan struct{}, 16),
	}
	if s.importHooks.chunkBytes > 0 {
		a.maxSize = s.importHooks.chunkBytes
	}
	return a
}

// undoAhead adds one key's value before the import (existed false when
// it had none) to the undo log; endUndo makes the log durable. Every
// undoAhead comes before the first put or del.
func (a *applier) undoAhead(key, old []byte, existed bool) error {
	if err := a.begin(); err != nil {
		return err
	}
	if err := a.hook(); err != nil {
		return err
	}
	// An undo entry takes at most key+old+9 (two uvarints and a flag);
	// Badger counts the record as its value + key + 12 (txn.checkSize).
	if need := int64(len(key) + len(old) + 9); len(a.undo) > 0 && int64(len(a.undo))+need > a.maxSize {
		a.flushUndo()
	}
	a.undo = appendUndo(a.undo, key, old, existed)
	return nil
}

// flushUndo commits the undo entries gathered so far as one record.
func (a *applier) flushUndo() {
	txn := a.s.db.NewTransaction(true)
	if err := txn.Set(keyUndo(a.marker.ID, a.seq), append([]byte(nil), a.undo...)); err != nil {
		txn.Discard()
		a.fail(err)
		return
	}
	a.seq++
	a.undo = a.undo[:0]
	a.commitAsync(txn)
}

// endUndo puts the last undo record in and waits until the whole log is
// on disk: only then may a write reach the database.
func (a *applier) endUndo() error {
	if !a.started {
		return nil
	}
	if len(a.undo) > 0 {
		a.flushUndo()
	}
	a.wg.Wait()
	if err := a.failed(); err != nil {
		return err
	}
	a.undone = true
	return a.s.sync()
}

// put sets key to val (its undo record is already on disk).
func (a *applier) put(key, val []byte) error { return a.write(key, val, false) }

// del deletes key (its undo record is already on disk).
func (a *applier) del(key []byte) error { return a.write(key, nil, true) }

func (a *applier) write(key, val []byte, del bool) error {
	if err := a.failed(); err != nil {
		return err
	}
	if !a.undone {
		return errors.New("an import wrote before its undo log was on disk")
	}
	if err := a.hook(); err != nil {
		return err
	}
	// Badger counts an entry as key+value+12 at most (txn.checkSize).
	need := int64(len(key) + len(val) + 12)
	if a.txn != nil && (a.size+need > a.maxSize || a.count+1 > a.maxN) {
		a.flush()
	}
	if a.txn == nil {
		a.txn = a.s.db.NewTransaction(true)
		a.size, a.count = 0, 0
	}
	var err error
	if del {
		err = a.txn.Delete(key)
	} else {
		err = a.txn.Set(key, val)
	}
	if err != nil {
		return err
	}
	a.size += need
	a.count++
	a.writes++
	return nil
}

// flushMemtables lands every chunk so far and has Badger write its
// memtables to tables, so that the writes after are in tables of their
// own (see bundle_stage.go).
func (a *applier) flushMemtables() error {
	a.flush()
	a.wg.Wait()
	if err := a.failed(); err != nil {
		return err
	}
	return a.s.flushMemtables()
}

// hook runs the tests' beforeStep, if any.
func (a *applier) hook() error {
	if a.s.importHooks.beforeStep == nil {
		return nil
	}
	a.wg.Wait()
	a.steps++
	return a.s.importHooks.beforeStep(a.steps - 1)
}

// begin puts the marker on disk, once, before anything else.
func (a *applier) begin() error {
	if err := a.failed(); err != nil || a.started {
		return err
	}
	b, _ := json.Marshal(a.marker)
	if err := a.s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyImportMarker, b) }); err != nil {
		return err
	}
	a.started = true
	return a.s.sync()
}

// flush commits the current chunk, asynchronously.
func (a *applier) flush() {
	if a.txn == nil {
		return
	}
	txn := a.txn
	a.txn = nil
	a.commitAsync(txn)
}

// commitAsync commits txn in the background, at most cap(pending) at once.
func (a *applier) commitAsync(txn *badger.Txn) {
	a.pending <- struct{}{}
	a.wg.Add(1)
	txn.CommitWith(func(err error) {
		if err != nil {
			a.fail(err)
		}
		<-a.pending
		a.wg.Done()
	})
}

func (a *applier) fail(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err == nil {
		a.err = err
	}
}

func (a *applier) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// commit makes every chunk durable, then removes the marker: from that
// moment the import is complete. A failure before it rolls back.
func (a *applier) commit() error {
	if !a.started {
		return nil // nothing was written
	}
	a.flush()
	a.wg.Wait()
	err := a.failed()
	if err == nil {
		err = a.s.sync()
	}
	if err == nil && a.s.importHooks.beforeCommit != nil {
		err = a.s.importHooks.beforeCommit()
	}
	if err == nil {
		err = a.s.db.Update(func(txn *badger.Txn) error { return txn.Delete(keyImportMarker) })
	}
	if err == nil {
		err = a.s.sync()
	}
	if err != nil {
		if rerr := a.rollback(); rerr != nil {
			return fmt.Errorf("%w (and undoing it failed: %v; it is undone when the database is next opened)", err, rerr)
		}
		return err
	}
	return a.s.dropUndo(a.marker.ID)
}

// rollback undoes whatever this import wrote.
func (a *applier) rollback() error {
	if a.txn != nil {
		a.txn.Discard()
		a.txn = nil
	}
	a.wg.Wait()
	if !a.started {
		return nil
	}
	return a.s.undoImport(a.marker.ID)
}

// RecoverImport finishes what an interrupted import left: if the process
// died during an import, its changes are undone, so the database is as it
// was before the import began. It is cheap when there is nothing to do
// and is called before every import and export; call it from Open too.
func (s *Store) RecoverImport() (err error) {
	defer wrap(&err, "finishing an interrupted import")
	// Under the write lock: an import of this process holds it from before
	// its marker is written until after it is removed.
	s.mu.Lock()
	defer s.mu.Unlock()
	removeStaleSpools(s.dir)
	var m importMarker
	err = s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyImportMarker, &m) })
	if errors.Is(err, ErrNotFound) {
		return s.dropUndo("") // leftovers of committed imports, if any
	}
	if err != nil {
		return err
	}
	return s.undoImport(m.ID)
}

// undoImport applies import iid's undo records, then forgets it.
func (s *Store) undoImport(iid string) error {
	wb := s.db.NewWriteBatch()
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefixUndo(iid), nil, func(_, v []byte) error {
			return eachUndo(v, func(key, old []byte, existed bool) error {
				if existed {
					return wb.Set(append([]byte(nil), key...), append([]byte(nil), old...))
				}
				return wb.Delete(append([]byte(nil), key...))
			})
		})
	})
	if err != nil {
		wb.Cancel()
		return err
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	if err := s.sync(); err != nil {
		return err
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(keyImportMarker) }); err != nil {
		return err
	}
	if err := s.sync(); err != nil {
		return err
	}
	return s.dropUndo(iid)
}

// dropUndo deletes undo records of import iid ("" for all). Without a
// marker they are garbage, so this needs no sync.
func (s *Store) dropUndo(iid string) error {
	prefix := []byte(pfxUndo)
	if iid != "" {
		prefix = prefixUndo(iid)
	}
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		keys = keysUnder(txn, prefix, 0)
		return nil
	})
	if err != nil || len(keys) == 0 {
		return err
	}
	wb := s.db.NewWriteBatch()
	for _, k := range keys {
		if err := wb.Delete(k); err != nil {
			wb.Cancel()
			return err
		}
	}
	return wb.Flush()
}

// appendUndo encodes one key's value before the import.
func appendUndo(b, key, old []byte, existed bool) []byte {
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	if !existed {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendUvarint(b, uint64(len(old)))
	return append(b, old...)
}

func eachUndo(b []byte, fn func(key, old []byte, existed bool) error) error {
	damaged := errors.New("an import's undo record is damaged")
	next := func() ([]byte, error) {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, damaged
		}
		v := b[w : w+int(n)]
		b = b[w+int(n):]
		return v, nil
	}
	for len(b) > 0 {
		key, err := next()
		if err != nil || len(b) == 0 {
			return damaged
		}
		flag := b[0]
		b = b[1:]
		var old []byte
		if flag == 1 {
			if old, err = next(); err != nil {
				return err
			}
		}
		if err := fn(key, old, flag == 1); err != nil {
			return err
		}
	}
	return nil
}
