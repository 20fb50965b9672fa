package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// BenchmarkPrivacy100k builds a database of 100,000 signatures and times
// what privacy costs on it: a search by name (beside the floor of
// reading every row's bytes without decoding them), erasing one person
// with the purge that rewrites the database (beside the floor of copying
// the database files once with an fsync), and the retention erasure of
// the whole petition.
func BenchmarkPrivacy100k(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "db")
	s, err := Open(Options{Dir: dir, noSync: true})
	if err != nil {
		b.Fatal(err)
	}
	p := newPetition(b, s, 30)
	strokes := DemoStrokes("bench", 1)
	var target string
	for i := 0; i < 100_000; i++ {
		sig := person(fmt.Sprintf("Signer %06d", i), strconv.Itoa(1000+i%9000))
		sig.Strokes = strokes
		if err := s.AddSignature(p.ID, sig); err != nil {
			b.Fatal(err)
		}
		if i == 50_000 {
			target = sig.ID
		}
	}
	s.Close()
	for range b.N {
		s, err := Open(Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		q, _ := ParseNameQuery("signer 077777")
		t0 := time.Now()
		found, err := s.FindPersonList(q, 0)
		search := time.Since(t0)
		if err != nil || len(found) != 1 {
			b.Fatalf("%v %d", err, len(found))
		}
		t0 = time.Now()
		s.db.View(func(txn *badger.Txn) error {
			return scan(txn, prefixSigs(p.ID), nil, func(_, v []byte) error { return nil })
		})
		readFloor := time.Since(t0)
		size := dirSize(dir)
		t0 = time.Now()
		if _, err := s.EraseSignature(target); err != nil {
			b.Fatal(err)
		}
		erase := time.Since(t0)
		copyFloor := copyDirFloor(b, dir, b.TempDir())
		t0 = time.Now()
		rep, err := s.ErasePetitionData(p.ID, ActionEraseNow)
		if err != nil || rep.Signatures != 99_999 {
			b.Fatalf("%v %+v", err, rep)
		}
		retention := time.Since(t0)
		s.Close()
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		b.ReportMetric(ms(search), "find-ms")
		b.ReportMetric(ms(readFloor), "read-all-floor-ms")
		b.ReportMetric(ms(erase), "erase-one-ms")
		b.ReportMetric(ms(copyFloor), "copy-db-floor-ms")
		b.ReportMetric(ms(retention), "erase-100k-ms")
		b.ReportMetric(float64(size)/(1<<20), "db-MB")
	}
}

// dirSize adds up the bytes of a directory's files (sparse files count
// only their blocks, as on the disk).
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// copyDirFloor copies the database's tables into another folder and
// fsyncs them: the least a rewrite of the data can cost on this disk.
func copyDirFloor(b *testing.B, from, to string) time.Duration {
	t0 := time.Now()
	entries, _ := os.ReadDir(from)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".sst" {
			continue
		}
		src, err := os.Open(filepath.Join(from, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		dst, _ := os.Create(filepath.Join(to, e.Name()))
		io.Copy(dst, src)
		dst.Sync()
		dst.Close()
		src.Close()
	}
	return time.Since(t0)
}
