package scan_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"runtime"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// BenchmarkPage300dpi scans one 300-dpi A4 JPEG end to end (decode, QR,
// marks, rows, crops, the image to keep) and, in the same run, decodes the
// same JPEG alone: the budget is 1.3× the decode.
func BenchmarkPage300dpi(b *testing.B) {
	pg := scantest.Page{Payload: scantest.Payload(testPetition, 1, 2), DPI: 300, Angle: 1.5, Noise: 5, Light: 0.2, Seed: 7}
	pg.Rows = make([]scantest.Fill, pg.Payload.N)
	for i := range pg.Rows {
		pg.Rows[i] = scantest.Fill(i % 5)
	}
	data := pg.JPEG()
	cat := scantest.NewCatalog(testPetition, 1)
	src := scan.Source{File: "bench.jpg", Page: 1, Data: data}
	if r := scan.Analyse(src, cat); !r.OK() || r.Count != pg.Truth() {
		b.Fatalf("counted %d (truth %d), problem %q", r.Count, pg.Truth(), r.Problem)
	}
	const rounds = 8 // interleaved, best of each, so both see the same machine
	decode, page := time.Duration(1<<62), time.Duration(1<<62)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < rounds; k++ {
			t0 := time.Now()
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			scan.Analyse(src, cat)
			t2 := time.Now()
			decode, page = min(decode, t1.Sub(t0)), min(page, t2.Sub(t1))
		}
	}
	b.ReportMetric(float64(page.Microseconds())/1000, "page-ms")
	b.ReportMetric(float64(decode.Microseconds())/1000, "decode-ms")
	b.ReportMetric(float64(page)/float64(decode), "x-decode")
	b.ReportMetric(float64(len(data))/1e6, "jpeg-MB")
}

// BenchmarkBatch scans a batch of 16 generated 300-dpi pages from files
// with the default workers (one per core) and reports pages per second
// and how busy the cores were (CPU time over wall time × cores).
func BenchmarkBatch(b *testing.B) {
	var pages []scantest.Page
	for i := 0; i < 16; i++ {
		pg := testPage(uint64(i))
		pg.DPI, pg.Angle = 300, float64(i%5)-2
		pages = append(pages, pg)
	}
	files := writeCorpus(b, pages)
	cat := scantest.NewCatalog(testPetition, 3)
	b.ResetTimer()
	var wall time.Duration
	var cpu float64
	for i := 0; i < b.N; i++ {
		c0, t0 := cpuSeconds(), time.Now()
		res := scan.Batch(context.Background(), files, cat, scan.Options{})
		wall, cpu = time.Since(t0), cpuSeconds()-c0
		for _, r := range res {
			if !r.OK() {
				b.Fatal(r.Problem)
			}
		}
	}
	b.ReportMetric(float64(len(files))/wall.Seconds(), "pages/s")
	b.ReportMetric(cpu/(wall.Seconds()*float64(runtime.NumCPU())), "core-use")
}
