package store

import (
	"errors"
	"maps"
	"strings"
	"testing"
)

// An import that fails after many chunks are written (a disk error just
// before the commit) leaves the database exactly as it was.
func TestFailedImportRollsBack(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 40)...)
	first := exportBytes(t, a, ExportOptions{})
	mustImport(t, c, first)
	sign(t, a, p.ID, names("More", 25)...)
	b := exportBytes(t, a, ExportOptions{})
	before := dump(t, c)

	c.importHooks.chunkBytes = 4 << 10 // a few rows per chunk
	c.importHooks.beforeCommit = func() error { return errors.New("disk full") }
	if _, err := importBytes(c, b); err == nil {
		t.Fatal("the import succeeded")
	}
	if !maps.Equal(before, dump(t, c)) {
		t.Fatal("a failed import left changes")
	}
}

// A crash in the middle of an import (the process dies with chunks on
// disk) is undone by RecoverImport, and the same bundle then imports.
func TestCrashedImportIsUndoneOnRecovery(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 40)...)
	b := exportBytes(t, a, ExportOptions{})
	before := dump(t, c)

	c.importHooks.chunkBytes = 4 << 10
	c.importHooks.beforeCommit = func() error { panic("crash") }
	func() {
		defer func() { recover() }()
		importBytes(c, b)
	}()
	c.importHooks = importHooks{}
	left := dump(t, c)
	if _, ok := left[string(keyImportMarker)]; !ok {
		t.Fatal("the simulated crash left no marker")
	}
	chunks := 0
	for k := range left {
		if strings.HasPrefix(k, pfxUndo) {
			chunks++
		}
	}
	if chunks < 5 {
		t.Fatalf("only %d chunks: the test does not cover a multi-transaction import", chunks)
	}
	must(t, c.RecoverImport())
	if !maps.Equal(before, dump(t, c)) {
		t.Fatal("recovery did not restore the database")
	}
	mustImport(t, c, b)
	if got, want := totals(t, c, p.ID), totals(t, a, p.ID); got != want {
		t.Fatalf("after recovery and import: %+v, want %+v", got, want)
	}
}
