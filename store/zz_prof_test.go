package store

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/store/bundle"
)

func TestZZProfImport(t *testing.T) {
	if os.Getenv("ZZPROF") == "" {
		t.Skip()
	}
	debug.SetMemoryLimit(192 << 20)
	s := diskStore(t, t.TempDir(), "")
	defer s.Close()
	done := make(chan bool)
	go func() {
		var best uint64
		for {
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > best+20<<20 {
				best = m.HeapInuse
				f, _ := os.Create("/tmp/h19/heap.prof")
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}()
	f, err := bundle.OpenFile(os.Getenv("ZZPROF"), bundle.Keys{})
	must(t, err)
	_, err = s.ImportBundle(context.Background(), f.Reader, nil)
	close(done)
	must(t, err)
}
