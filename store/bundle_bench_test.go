package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// benchSignatures is the size of BenchmarkImportBundle; override with
// PETITIONDESK_BENCH_SIGNATURES for a quick look.
func benchSignatures() int {
	if n, err := strconv.Atoi(os.Getenv("PETITIONDESK_BENCH_SIGNATURES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// writeBenchBundle writes a group's bundle of n signatures (30 to a
// sheet, each with a drawn signature) straight with bundle.Writer: far
// quicker than n durable AddSignature calls, and the same file.
func writeBenchBundle(b testing.TB, path string, n int) *petition.Petition {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	g := bundle.Group{ID: newID(), Name: "Group Thun"}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	must(b, err)
	w := bundle.NewWriter(f, bundle.Header{ID: newID(), Group: g, Created: testNow, Key: key})
	p := petition.Example(testNow)
	p.ID, p.Created, p.Updated = newID(), testNow, testNow
	must(b, w.AddPetition(p))
	w.AddSnapshot(bundle.Snapshot{Group: g.ID, GroupName: g.Name, Petition: p.ID, AsOf: testNow})
	sheets := (n + 29) / 30
	for i := 1; i <= sheets; i++ {
		filled := min(30, n-(i-1)*30)
		must(b, w.AddSheet(&petition.Sheet{PetitionID: p.ID, Group: g.ID, Number: i, Origin: petition.OriginDigital,
			Status: petition.SheetFull, Filled: filled, Opened: testNow}))
	}
	for i := range n {
		name := fmt.Sprintf("%s %s %d", demoFirst[i%len(demoFirst)], demoLast[(i/7)%len(demoLast)], i)
		sig := &petition.Signature{ID: newID(), PetitionID: p.ID, Group: g.ID, Sheet: i/30 + 1, Row: i%30 + 1,
			Name: name, Address: petition.Address{Street: "Marktgasse 3", Postcode: strconv.Itoa(1000 + i%8000), City: "Bern", Country: "Switzerland"},
			Strokes: DemoStrokes(name, i), Signed: testNow.Add(time.Duration(i) * time.Second), Location: "Market stall", Collector: "Lea"}
		must(b, w.AddSignature(sig))
	}
	must(b, w.Close())
	return p
}

// BenchmarkImportBundle imports a bundle of 100,000 signatures into an
// on-disk database, beside the floor: Badger's WriteBatch of the same
// keys and values (rows, id index, duplicate index), prepared in memory
// beforehand, into another fresh database, then synced. Reports
// import-ms, floor-ms, x-floor (budget 2), bundle-MB, and peak HeapInuse
// of each (for the floor, above the records it was handed).
func BenchmarkImportBundle(b *testing.B) {
	n := benchSignatures()
	dir := b.TempDir()
	path := filepath.Join(dir, "group.bundle")
	writeBenchBundle(b, path, n)
	st, _ := os.Stat(path)
	for range b.N {
		floor, floorPeak := writeBatchFloor(b, filepath.Join(dir, fmt.Sprint("floor", time.Now().UnixNano())), path)
		runtime.GC()
		s := diskStore(b, filepath.Join(dir, fmt.Sprint("coord", time.Now().UnixNano())), "")
		peak, stop := samplePeakHeap()
		t0 := time.Now()
		f, err := bundle.OpenFile(path, bundle.Keys{})
		must(b, err)
		var verified time.Duration // when the progress passes half: verify and plan done
		rep, err := s.ImportBundle(context.Background(), f.Reader, func(done, total int) {
			if verified == 0 && done*2 >= total {
				verified = time.Since(t0)
			}
		})
		must(b, err)
		took := time.Since(t0)
		stop()
		f.Close()
		if rep.SignaturesAdded != n {
			b.Fatalf("imported %d of %d", rep.SignaturesAdded, n)
		}
		s.Close()
		b.ReportMetric(float64(took.Milliseconds()), "import-ms")
		b.ReportMetric(float64(verified.Milliseconds()), "verify-plan-ms")
		b.ReportMetric(float64(floor.Milliseconds()), "floor-ms")
		b.ReportMetric(float64(took)/float64(floor), "x-floor")
		b.ReportMetric(float64(st.Size())/(1<<20), "bundle-MB")
		b.ReportMetric(float64(*peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(floorPeak)/(1<<20), "floor-peak-heap-MB")
	}
}

// writeBatchFloor writes the keys and values an import of the bundle
// writes for its rows, with one WriteBatch, and syncs: the least an
// import can cost on this disk.
func writeBatchFloor(b *testing.B, dir, bundlePath string) (time.Duration, uint64) {
	f, err := bundle.OpenFile(bundlePath, bundle.Keys{})
	must(b, err)
	defer f.Close()
	var keys, vals [][]byte
	err = f.Signatures(func(sig *petition.Signature) error {
		v, err := json.Marshal(sig)
		k := keySig(sig.PetitionID, sig.Sheet, sig.Row)
		dup := prefixDup(sig.PetitionID, petition.DuplicateKey(sig.Name, sig.Address.Postcode))
		keys = append(keys, k, keySigIndex(sig.ID), append(dup, sig.ID...))
		vals = append(vals, v, k, nil)
		return err
	})
	must(b, err)
	s := diskStore(b, dir, "")
	defer s.Close()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base) // the prepared records: not the floor's own memory
	peak, stop := samplePeakHeap()
	t0 := time.Now()
	wb := s.db.NewWriteBatch()
	for i := range keys {
		must(b, wb.Set(keys[i], vals[i]))
	}
	must(b, wb.Flush())
	must(b, s.db.Sync())
	took := time.Since(t0)
	stop()
	return took, *peak - min(*peak, base.HeapInuse)
}

// samplePeakHeap samples HeapInuse every 20 ms until stop is called.
func samplePeakHeap() (*uint64, func()) {
	var peak uint64
	var done atomic.Bool
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for !done.Load() {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return &peak, func() { done.Store(true); <-finished }
}
