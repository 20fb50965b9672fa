package store

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// strokes4K returns a drawn signature whose JSON is about 4 KB, the size
// of a real one from the pad.
func strokes4K() []petition.Stroke {
	var st petition.Stroke
	for i := 0; len(st) < 190; i++ {
		st = append(st, petition.Point{X: float32(100 + i*4), Y: float32(150 + (i*37)%90), T: uint32(i * 9)})
	}
	return []petition.Stroke{st}
}

func percentile(d []time.Duration, p float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// BenchmarkSaveSignature measures a durable save of one signature with a
// 4 KB stroke payload, p50 and p99, beside the fsync floor: write+fsync
// of the same bytes to a plain file, the least any durable save can
// cost on this disk. Saves and floor writes alternate, so a burst of
// load elsewhere on the machine hits both alike.
func BenchmarkSaveSignature(b *testing.B) {
	const n = 1000
	dir := b.TempDir()
	s := diskStore(b, filepath.Join(dir, "db"), "")
	defer s.Close()
	p := newPetition(b, s, 30)
	sig := person("Zoë Müller-Lüdenscheidt", "8001")
	sig.Strokes = strokes4K()
	payload, _ := json.Marshal(sig)
	f, err := os.Create(filepath.Join(dir, "floor"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	for range b.N {
		saves, floor := make([]time.Duration, n), make([]time.Duration, n)
		for i := range saves {
			c := *sig
			c.Name = fmt.Sprintf("Signer %05d", i)
			t0 := time.Now()
			if err := s.AddSignature(p.ID, &c); err != nil {
				b.Fatal(err)
			}
			saves[i] = time.Since(t0)
			t0 = time.Now()
			f.Write(payload)
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
			floor[i] = time.Since(t0)
		}
		report(b, "save", saves, floor)
	}
}

func report(b *testing.B, what string, got, floor []time.Duration) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(percentile(got, 0.5)), what+"-p50-ms")
	b.ReportMetric(ms(percentile(got, 0.99)), what+"-p99-ms")
	b.ReportMetric(ms(percentile(floor, 0.5)), "fsync-p50-ms")
	b.ReportMetric(ms(percentile(floor, 0.99)), "fsync-p99-ms")
	b.ReportMetric(float64(percentile(got, 0.99))/float64(percentile(floor, 0.99)), "p99-x-floor")
}

// BenchmarkOpen100k builds a database of 100,000 signatures, then opens
// it in a fresh process and reports the time until the first screen's
// data (petitions, totals, a page of rows) is read, and the peak RSS.
func BenchmarkOpen100k(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "db")
	s, err := Open(Options{Dir: dir, noSync: true})
	if err != nil {
		b.Fatal(err)
	}
	p := newPetition(b, s, 30)
	strokes := DemoStrokes("bench", 1)
	for i := 0; i < 100_000; i++ {
		sig := person(fmt.Sprintf("Signer %06d", i), strconv.Itoa(1000+i%9000))
		sig.Strokes = strokes
		if err := s.AddSignature(p.ID, sig); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), openProbeEnv+"="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		var r struct{ OpenMS, RSSMB float64 }
		if err := json.Unmarshal(out[strings.LastIndexByte(string(out[:len(out)-1]), '\n')+1:], &r); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		b.ReportMetric(r.OpenMS, "open-ms")
		b.ReportMetric(r.RSSMB, "peak-rss-MB")
	}
}

const openProbeEnv = "PETITIONDESK_OPEN_PROBE_DIR"

// openProbe runs in the child process of BenchmarkOpen100k.
func openProbe(dir string) {
	t0 := time.Now()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	list, _ := s.Petitions()
	for _, p := range list {
		s.Totals(p.ID)
		s.Sheets(p.ID)
		s.SignaturesPage(p.ID, Cursor{}, 50)
	}
	openMS := float64(time.Since(t0).Microseconds()) / 1000
	s.Close()
	fmt.Printf("{\"OpenMS\": %.1f, \"RSSMB\": %.1f}\n", openMS, peakRSSMB())
}

// peakRSSMB reads the process's high-water resident set size (Linux).
func peakRSSMB() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
