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
	records := 0
	for k := range left {
		if strings.HasPrefix(k, pfxUndo) {
			records++
		}
	}
	if records < 2 {
		t.Fatalf("%d undo records: the test does not cover an undo log of several", records)
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

// A crash at any point of an import, while its undo log goes in or while
// its rows, indexes and counts do, is undone by RecoverImport.
func TestImportCrashAnywhereIsUndone(t *testing.T) {
	setup := func() (c *Store, b []byte, before map[string]string) {
		c, p, hand := coordinatorWithPetition(t)
		a := newGroup(t, "Group Thun", hand)
		sign(t, a, p.ID, names("Thun", 30)...)
		mustImport(t, c, exportBytes(t, a, ExportOptions{}))
		sign(t, a, p.ID, names("More", 25)...)
		return c, exportBytes(t, a, ExportOptions{}), dump(t, c)
	}
	c, b, _ := setup()
	steps := 0
	c.importHooks.beforeStep = func(int) error { steps++; return nil }
	mustImport(t, c, b)
	if steps < 100 {
		t.Fatalf("%d steps: the bundle is too small to test", steps)
	}
	for _, at := range []int{0, 1, steps / 4, steps/2 - 1, steps / 2, steps/2 + 1, steps * 5 / 8, steps * 3 / 4, steps - 1} {
		c, b, before := setup()
		c.importHooks.chunkBytes = 2 << 10
		c.importHooks.beforeStep = func(i int) error {
			if i == at {
				panic("crash")
			}
			return nil
		}
		func() {
			defer func() { recover() }()
			importBytes(c, b)
		}()
		c.importHooks = importHooks{}
		if _, ok := dump(t, c)[string(keyImportMarker)]; !ok {
			t.Fatalf("step %d of %d: the simulated crash left no marker", at, steps)
		}
		must(t, c.RecoverImport())
		if !maps.Equal(before, dump(t, c)) {
			t.Fatalf("step %d of %d: recovery did not restore the database", at, steps)
		}
		mustImport(t, c, b)
	}
}
