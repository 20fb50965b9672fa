package store

import (
	"runtime"
	"testing"
	"time"
)

// TestTrimWhileStops checks that the trimming goroutine ends with stop,
// and that stop may be called twice (a deferred stop after an early one).
func TestTrimWhileStops(t *testing.T) {
	before := runtime.NumGoroutine()
	stop := trimWhile()
	time.Sleep(3 * trimPoll) // a few trims over this test binary's maps
	stop()
	stop()
	deadline := time.Now().Add(2 * time.Second) // the goroutine returns just after it signals
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after stop, %d before: the trimming goroutine is still running", n, before)
	}
}

// TestTablesSameSizeAtEveryLevel pins the option that keeps a
// compaction's buffers small at a million signatures: Badger's default
// multiplier doubles the table size at every level below the base one.
func TestTablesSameSizeAtEveryLevel(t *testing.T) {
	for _, bulk := range []bool{false, true} {
		bo := badgerOptions(Options{Dir: t.TempDir(), BulkLoad: bulk})
		if bo.TableSizeMultiplier != 1 {
			t.Errorf("BulkLoad %v: TableSizeMultiplier %d, want 1", bulk, bo.TableSizeMultiplier)
		}
		if bo.BaseTableSize > 8<<20 {
			t.Errorf("BulkLoad %v: BaseTableSize %d MiB, want at most 8", bulk, bo.BaseTableSize>>20)
		}
	}
}
