package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// genSource is one petition with n generated signatures, made up as they
// are streamed so the benchmark measures the export, not a fixture held
// in memory. Names and addresses come from small pools with accents and
// Cyrillic, as real ones have.
type genSource struct {
	p      petition.Petition
	n      int
	sheets []petition.Sheet
	totals petition.Totals
	start  time.Time
}

var (
	genNames   = []string{"Zoë Müller-Lüdenscheidt", "Марыя Калеснікава", "François Pérez", "Anna Schmid", "Łucja Wiśniewska", "Søren Kierkegaard-Ølsen", "=SUM(A1:A9)", "Ana María Núñez"}
	genStreets = []string{"Bahnhofstrasse 12", "вул. Інтэрнацыянальная 5", "Rue du Rhône 40", "Marktgasse 3", "ul. Długa 7"}
	genCities  = []string{"Zürich", "Мінск", "Genève", "Bern", "Gdańsk", "København"}
	genPlaces  = []string{"Market stall, Bundesplatz", "Saturday market, Thun", "Station hall, Biel"}
)

func newGenSource(n int) *genSource {
	g := &genSource{p: testPetition("bench", "UA 147/20", "Free Maryia Kalesnikava", 150_000), n: n,
		start: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	rows := g.p.RowsPerSheet
	for i := 0; i < n; i += rows {
		g.sheets = append(g.sheets, petition.Sheet{PetitionID: g.p.ID, Number: len(g.sheets) + 1, Origin: petition.OriginDigital,
			Location: genPlaces[len(g.sheets)%len(genPlaces)], Collector: "Lea", Opened: g.at(i), Status: petition.SheetFull, Filled: min(rows, n-i)})
	}
	for i := range 200 {
		g.sheets = append(g.sheets, petition.Sheet{PetitionID: g.p.ID, Number: len(g.sheets) + 1, Origin: petition.OriginPaper,
			Location: "Church hall, Thun", Opened: g.at(i * 500), Status: petition.SheetScanned, Filled: 25})
	}
	for i := range n {
		if g.struck(i) {
			g.totals.Struck++
		} else {
			g.totals.Digital++
		}
	}
	g.totals.Paper, g.totals.Goal = 200*25, g.p.Goal
	return g
}

func (g *genSource) at(i int) time.Time                      { return g.start.Add(time.Duration(i) * 97 * time.Second) }
func (g *genSource) struck(i int) bool                       { return i%97 == 0 }
func (g *genSource) Sheets(string) ([]petition.Sheet, error) { return g.sheets, nil }
func (g *genSource) Petitions() ([]petition.Petition, error) { return []petition.Petition{g.p}, nil }
func (g *genSource) Totals(string) (petition.Totals, error)  { return g.totals, nil }

func (g *genSource) ForEachSignature(pid string, fn func(*petition.Signature) error) error {
	var sig petition.Signature
	rows := g.p.RowsPerSheet
	for i := range g.n {
		sig = petition.Signature{PetitionID: pid, Sheet: i/rows + 1, Row: i%rows + 1,
			Name: genNames[i%len(genNames)], Address: petition.Address{Street: genStreets[i%len(genStreets)],
				Postcode: strconv.Itoa(1000 + i%9000), City: genCities[i%len(genCities)], Country: "Switzerland"},
			Consent: i%3 == 0, Signed: g.at(i), Location: genPlaces[(i/rows)%len(genPlaces)]}
		if g.struck(i) {
			sig.Struck = petition.StrikeDuplicate
		}
		if err := fn(&sig); err != nil {
			return err
		}
	}
	return nil
}

// csvFloor writes the same signature rows with encoding/csv: the least
// any export of them can cost.
func csvFloor(src Source, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	list, _ := src.Petitions()
	for _, p := range list {
		err := src.ForEachSignature(p.ID, func(s *petition.Signature) error {
			return w.Write([]string{p.Reference, strconv.Itoa(s.Sheet), strconv.Itoa(s.Row), s.Name,
				s.Address.Street, s.Address.Postcode, s.Address.City, s.Address.Country,
				s.Signed.Format("2006-01-02 15:04"), s.Location, yesNo(s.Consent), string(s.Struck)})
		})
		if err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// measured is one run's wall time, peak Go heap (sampled) and peak
// resident set size of the whole process (VmHWM, reset before the run).
type measured struct {
	d             time.Duration
	heapMB, rssMB float64
}

func measure(b *testing.B, fn func() error) measured {
	runtime.GC()
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM (Linux)
	var peak uint64
	stop, done := make(chan struct{}), sync.WaitGroup{}
	done.Add(1)
	go func() {
		defer done.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse+ms.StackInuse)
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	t0 := time.Now()
	err := fn()
	d := time.Since(t0)
	close(stop)
	done.Wait()
	if err != nil {
		b.Fatal(err)
	}
	return measured{d: d, heapMB: float64(peak) / (1 << 20), rssMB: vmHWM() / 1024}
}

// vmHWM reads the process's peak resident set size in kB (0 off Linux).
func vmHWM() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb
		}
	}
	return 0
}

// BenchmarkExcelSummary100k writes the Excel summary of 100,000
// signatures with personal data (every worksheet, the Signatures one
// included) to a file, beside the encoding/csv floor of the same rows in
// the same run. Budget (issue 5): at most 30x the floor and 150 MB.
func BenchmarkExcelSummary100k(b *testing.B) {
	const n = 100_000
	src := newGenSource(n)
	dir := b.TempDir()
	for range b.N {
		floor := measure(b, func() error { return csvFloor(src, filepath.Join(dir, "floor.csv")) })
		var res SummaryResult
		x := measure(b, func() error {
			return writeTestFile(filepath.Join(dir, "summary.xlsx"), func(w io.Writer) (err error) {
				res, err = WriteSummary(context.Background(), w, src,
					SummaryOptions{PersonalData: true, Location: time.UTC})
				return err
			})
		})
		if res.Signatures != n {
			b.Fatalf("%d signatures exported, want %d", res.Signatures, n)
		}
		fi, _ := os.Stat(filepath.Join(dir, "summary.xlsx"))
		ratio := x.d.Seconds() / floor.d.Seconds()
		b.ReportMetric(float64(x.d.Milliseconds()), "xlsx-ms")
		b.ReportMetric(float64(floor.d.Milliseconds()), "csv-floor-ms")
		b.ReportMetric(ratio, "x-floor")
		b.ReportMetric(x.heapMB, "heap-MB")
		b.ReportMetric(x.rssMB, "rss-MB")
		b.Logf("Excel summary, %d signatures with personal data: %v, peak heap %.0f MB, peak RSS %.0f MB, file %.1f MB",
			n, x.d.Round(time.Millisecond), x.heapMB, x.rssMB, float64(fi.Size())/(1<<20))
		b.Logf("encoding/csv floor, same rows: %v, peak heap %.0f MB, peak RSS %.0f MB; ratio %.1fx (budget 30x, 150 MB)",
			floor.d.Round(time.Millisecond), floor.heapMB, floor.rssMB, ratio)
		if ratio > 30 || x.rssMB > 150 {
			b.Logf("OVER BUDGET: %.1fx the floor, %.0f MB", ratio, x.rssMB)
		}
	}
}
