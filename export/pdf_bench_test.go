package export

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// packKind is what a pack source leaves in its rows.
type packKind int

const (
	packFull  packKind = iota // names, addresses and drawn signatures
	packNoInk                 // names and addresses, no drawings: the floor
	packEmpty                 // every row empty
)

// packSource streams n valid signatures with drawn strokes (from a pool of
// made-up hands), or the same rows without the drawings (the floor: the
// very same pages and text, only the signatures missing), or empty rows.
type packSource struct {
	*genSource
	kind    packKind
	strokes [][]petition.Stroke
}

func newPackSource(n int, kind packKind) *packSource {
	g := newGenSource(n)
	g.totals = petition.Totals{PetitionID: g.p.ID, Digital: n, Paper: 200 * 25, Goal: g.p.Goal}
	ps := &packSource{genSource: g, kind: kind}
	for i := range 64 {
		ps.strokes = append(ps.strokes, store.DemoStrokes(genNames[i%len(genNames)], i))
	}
	return ps
}

func (ps *packSource) ForEachSignature(pid string, fn func(*petition.Signature) error) error {
	i := 0
	return ps.genSource.ForEachSignature(pid, func(sig *petition.Signature) error {
		sig.Struck = ""
		switch ps.kind {
		case packFull:
			sig.Strokes = ps.strokes[i%len(ps.strokes)]
		case packNoInk:
			sig.Strokes = nil
		case packEmpty:
			sig.Name, sig.Address, sig.Strokes = "", petition.Address{}, nil
		}
		i++
		return fn(sig)
	})
}

// BenchmarkPack10k writes the petition pack of 10,000 signatures (334
// sheets of 30 rows, one target) to a file, beside the floor: the same
// document without the signature drawings (same pages, names, addresses),
// in the same run; the same pages with empty rows are shown too. Budget
// (issue 4): at most 1.5x the floor's time and 150 MB.
//
//	go test -run '^$' -bench Pack10k -benchtime 1x ./export/
//
// packRun is one written pack: wall time and peak memory, and CPU time.
type packRun struct {
	measured
	cpu time.Duration
}

func BenchmarkPack10k(b *testing.B) {
	const packRounds = 2
	const n = 10_000
	full, noInk, empty := newPackSource(n, packFull), newPackSource(n, packNoInk), newPackSource(n, packEmpty)
	p := &full.p
	p.Targets = p.Targets[:1]
	dir := b.TempDir()
	write := func(src PackSource, name string) (PackResult, packRun, int64) {
		var res PackResult
		var cpu time.Duration
		path := filepath.Join(dir, name)
		m := measure(b, func() error {
			c0 := cpuTime()
			defer func() { cpu = cpuTime() - c0 }()
			return writeTestFile(path, func(w io.Writer) (err error) {
				res, err = Pack(context.Background(), w, src, p, PackOptions{}, nil)
				return err
			})
		})
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		return res, packRun{m, cpu}, fi.Size()
	}
	// The machine may be shared: each document is written packRounds
	// times, alternating, and the fastest run of each is compared (peak
	// memory is the largest seen).
	best := func(a, b packRun) packRun {
		a.d, a.cpu = min(a.d, b.d), min(a.cpu, b.cpu)
		a.heapMB, a.rssMB = max(a.heapMB, b.heapMB), max(a.rssMB, b.rssMB)
		return a
	}
	for range b.N {
		var (
			bare, floor, x            packRun
			bareSize, floorSize, size int64
			res                       PackResult
		)
		for r := range packRounds {
			_, m0, s0 := write(empty, "empty.pdf")
			_, m1, s1 := write(noInk, "floor.pdf")
			res2, m2, s2 := write(full, "pack.pdf")
			if r == 0 {
				bare, floor, x = m0, m1, m2
			}
			bare, floor, x = best(bare, m0), best(floor, m1), best(x, m2)
			bareSize, floorSize, size, res = s0, s1, s2, res2
		}
		if res.Signatures != n {
			b.Fatalf("%d rows drawn, want %d", res.Signatures, n)
		}
		ratio := x.d.Seconds() / floor.d.Seconds()
		b.ReportMetric(float64(x.d.Milliseconds()), "pack-ms")
		b.ReportMetric(float64(floor.d.Milliseconds()), "floor-ms")
		b.ReportMetric(ratio, "x-floor")
		cpuRatio := x.cpu.Seconds() / floor.cpu.Seconds()
		b.ReportMetric(cpuRatio, "cpu-x-floor")
		b.ReportMetric(float64(bare.d.Milliseconds()), "empty-ms")
		b.ReportMetric(x.d.Seconds()/bare.d.Seconds(), "x-empty")
		b.ReportMetric(x.heapMB, "heap-MB")
		b.ReportMetric(x.rssMB, "rss-MB")
		b.ReportMetric(float64(size)/(1<<20), "file-MB")
		b.Logf("PDF pack, %d signatures (%d pages): %v, peak heap %.0f MB, peak RSS %.0f MB, file %.1f MB",
			n, res.Pages, x.d.Round(time.Millisecond), x.heapMB, x.rssMB, float64(size)/(1<<20))
		b.Logf("floor, same pages and text without the drawings: %v, peak heap %.0f MB, peak RSS %.0f MB, file %.1f MB; ratio %.2fx (budget 1.5x, 150 MB)",
			floor.d.Round(time.Millisecond), floor.heapMB, floor.rssMB, float64(floorSize)/(1<<20), ratio)
		b.Logf("CPU time (user+system, all threads): pack %v, floor %v; ratio %.2fx",
			x.cpu.Round(time.Millisecond), floor.cpu.Round(time.Millisecond), cpuRatio)
		b.Logf("same pages with empty rows: %v, peak RSS %.0f MB, file %.1f MB; ratio %.2fx",
			bare.d.Round(time.Millisecond), bare.rssMB, float64(bareSize)/(1<<20), x.d.Seconds()/bare.d.Seconds())
		if ratio > 1.5 || x.rssMB > 150 {
			b.Logf("OVER BUDGET: %.2fx the floor, %.0f MB", ratio, x.rssMB)
		}
	}
}
