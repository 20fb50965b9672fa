package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// benchStore fills an on-disk database with n signatures of one group's
// own (store.GenerateLoad: several scripts, pooled strokes, 2 % on
// paper), so the export benchmarks read rows as the command line does:
// through Badger, decoded from their stored JSON. The generated sources
// beside them stay as the floor of the export's own work.
// The database is closed and opened again, as the command line finds it
// (no compaction left running from the writes), and the Go heap gets the
// command line's soft limit (cmd/petitiondesk/memlimit.go).
func benchStore(b *testing.B, n int) (*store.Store, *petition.Petition) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "db")
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := s.GenerateLoad(context.Background(), store.LoadOptions{Signatures: n, PaperShare: 0.02, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if s, err = store.Open(store.Options{Dir: dir}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	old := debug.SetMemoryLimit(192 << 20)
	b.Cleanup(func() { debug.SetMemoryLimit(old) })
	return s, rep.Petition
}

// storeRun writes one export from the store into dir/name and reports
// its time, peak heap and RSS (of this process: the store's reads
// included) and file size with the given prefix.
func storeRun(b *testing.B, prefix, path string, write func(w io.Writer) error) measured {
	m := measure(b, func() error { return writeTestFile(path, write) })
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(m.d.Milliseconds()), prefix+"-ms")
	b.ReportMetric(m.rssMB, prefix+"-rss-MB")
	b.ReportMetric(float64(fi.Size())/(1<<20), prefix+"-file-MB")
	b.Logf("%s: %v, peak heap %.0f MB, peak RSS %.0f MB, file %.1f MB", prefix, m.d.Round(time.Millisecond), m.heapMB, m.rssMB, float64(fi.Size())/(1<<20))
	return m
}

// BenchmarkExcelSummaryStore100k is BenchmarkExcelSummary100k reading a
// database of 100,000 signatures instead of a generated source.
func BenchmarkExcelSummaryStore100k(b *testing.B) {
	s, _ := benchStore(b, 100_000)
	dir := b.TempDir()
	for range b.N {
		storeRun(b, "store-xlsx", filepath.Join(dir, "summary.xlsx"), func(w io.Writer) error {
			_, err := WriteSummary(context.Background(), w, s, SummaryOptions{PersonalData: true, Location: time.UTC})
			return err
		})
	}
}

// BenchmarkPackStore10k is BenchmarkPack10k's pack (one target) read from
// a database of 10,000 signatures.
func BenchmarkPackStore10k(b *testing.B) {
	s, p := benchStore(b, 10_000)
	p.Targets = p.Targets[:1]
	dir := b.TempDir()
	for range b.N {
		storeRun(b, "store-pack", filepath.Join(dir, "pack.pdf"), func(w io.Writer) error {
			_, err := Pack(context.Background(), w, s, p, PackOptions{}, nil)
			return err
		})
	}
}
