package export

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// packSource streams n valid signatures with drawn strokes (from a pool of
// made-up hands) or, with blank set, the same rows with no name, address
// or strokes: the floor of the pack, the very same pages left empty.
type packSource struct {
	*genSource
	blank   bool
	strokes [][]petition.Stroke
}

func newPackSource(n int, blank bool) *packSource {
	g := newGenSource(n)
	g.totals = petition.Totals{PetitionID: g.p.ID, Digital: n, Paper: 200 * 25, Goal: g.p.Goal}
	ps := &packSource{genSource: g, blank: blank}
	for i := range 64 {
		ps.strokes = append(ps.strokes, store.DemoStrokes(genNames[i%len(genNames)], i))
	}
	return ps
}

func (ps *packSource) ForEachSignature(pid string, fn func(*petition.Signature) error) error {
	i := 0
	return ps.genSource.ForEachSignature(pid, func(sig *petition.Signature) error {
		sig.Struck = ""
		if ps.blank {
			sig.Name, sig.Address = "", petition.Address{}
		} else {
			sig.Strokes = ps.strokes[i%len(ps.strokes)]
		}
		i++
		return fn(sig)
	})
}

// BenchmarkPack10k writes the petition pack of 10,000 signatures (334
// sheets of 30 rows, one target) to a file, beside the floor: the same
// document with every row left empty, in the same run. Budget (issue 4):
// at most 1.5x the floor's time and 150 MB.
func BenchmarkPack10k(b *testing.B) {
	const n = 10_000
	full, empty := newPackSource(n, false), newPackSource(n, true)
	p := &full.p
	p.Targets = p.Targets[:1]
	dir := b.TempDir()
	write := func(src PackSource, name string) (PackResult, measured, int64) {
		var res PackResult
		path := filepath.Join(dir, name)
		m := measure(b, func() error {
			var err error
			res, err = WritePackFile(context.Background(), path, src, p, PackOptions{}, nil)
			return err
		})
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		return res, m, fi.Size()
	}
	for range b.N {
		_, floor, floorSize := write(empty, "floor.pdf")
		res, x, size := write(full, "pack.pdf")
		if res.Signatures != n {
			b.Fatalf("%d rows drawn, want %d", res.Signatures, n)
		}
		ratio := x.d.Seconds() / floor.d.Seconds()
		b.ReportMetric(float64(x.d.Milliseconds()), "pack-ms")
		b.ReportMetric(float64(floor.d.Milliseconds()), "floor-ms")
		b.ReportMetric(ratio, "x-floor")
		b.ReportMetric(x.heapMB, "heap-MB")
		b.ReportMetric(x.rssMB, "rss-MB")
		b.ReportMetric(float64(size)/(1<<20), "file-MB")
		b.Logf("PDF pack, %d signatures (%d pages): %v, peak heap %.0f MB, peak RSS %.0f MB, file %.1f MB",
			n, res.Pages, x.d.Round(time.Millisecond), x.heapMB, x.rssMB, float64(size)/(1<<20))
		b.Logf("floor, same pages with empty rows: %v, peak heap %.0f MB, peak RSS %.0f MB, file %.1f MB; ratio %.2fx (budget 1.5x, 150 MB)",
			floor.d.Round(time.Millisecond), floor.heapMB, floor.rssMB, float64(floorSize)/(1<<20), ratio)
		if ratio > 1.5 || x.rssMB > 150 {
			b.Logf("OVER BUDGET: %.2fx the floor, %.0f MB", ratio, x.rssMB)
		}
	}
}
