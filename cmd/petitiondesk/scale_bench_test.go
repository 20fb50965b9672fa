//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkCoordinator1M measures a national office's work at 100,000
// and 1,000,000 signatures: each operation runs as the command line in a
// child process of its own (see TestMain), and reports its wall time,
// its peak RSS (the kernel's high-water mark, which counts Badger's
// memory-mapped tables it touched), its peak anonymous memory (heap and
// stacks, sampled every 50 ms: what the process needs besides the page
// cache) and the size of the file it wrote. The databases are made with
// `demo --signatures N`: a coordinator holding 10 groups' merged bundles
// (20 % counted on paper), and a group with N rows of its own for the
// bundle export and import.
//
// It takes minutes (about half an hour with 1,000,000), so it runs only
// with PETITIONDESK_BENCH_1M=1. PETITIONDESK_BENCH_SIZES=20000,100000
// picks the sizes, PETITIONDESK_BENCH_OPS=xlsx,find the operations,
// PETITIONDESK_BENCH_DIR keeps the databases in that directory.
// Budgets (issue 19): peak RSS ≤ 300 MB at 1,000,000; time at 1,000,000
// ≤ 12× time at 100,000.
func BenchmarkCoordinator1M(b *testing.B) {
	if os.Getenv("PETITIONDESK_BENCH_1M") != "1" {
		b.Skip("takes minutes: set PETITIONDESK_BENCH_1M=1")
	}
	sizes := []int{100_000, 1_000_000}
	if v := os.Getenv("PETITIONDESK_BENCH_SIZES"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				b.Fatalf("PETITIONDESK_BENCH_SIZES: %q", f)
			}
			sizes = append(sizes, n)
		}
	}
	dir := os.Getenv("PETITIONDESK_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	for range b.N {
		first := map[string]scaleRun{}
		for i, n := range sizes {
			for _, r := range scaleRuns(b, filepath.Join(dir, strconv.Itoa(n)), n) {
				label := fmt.Sprintf("%s-%dk", r.op, n/1000)
				b.ReportMetric(r.took.Seconds(), label+"-s")
				b.ReportMetric(r.rssMB, label+"-rss-MB")
				b.ReportMetric(r.anonMB, label+"-anon-MB")
				line := fmt.Sprintf("| %s | %d | %.1f s | %.0f MB | %.0f MB | %.1f MB |", r.op, n, r.took.Seconds(), r.rssMB, r.anonMB, r.fileMB)
				if i == 0 {
					first[r.op] = r
				} else if f, ok := first[r.op]; ok {
					line += fmt.Sprintf(" %.1f× the time at %d |", r.took.Seconds()/f.took.Seconds(), sizes[0])
				}
				b.Log(line)
			}
		}
	}
}

// scaleRun is one operation's figures.
type scaleRun struct {
	op                    string
	took                  time.Duration
	rssMB, anonMB, fileMB float64
}

// scaleRuns makes the two databases of size n under dir (kept when
// they exist) and runs each chosen operation on them, the erasure last.
func scaleRuns(b *testing.B, dir string, n int) []scaleRun {
	coord, group, out := filepath.Join(dir, "coordinator"), filepath.Join(dir, "group"), filepath.Join(dir, "out")
	var runs []scaleRun
	if _, err := os.Stat(coord); err != nil {
		runs = append(runs, childRun(b, "demo", "", "demo", "--signatures", strconv.Itoa(n), "--groups", "10", "--paper-share", "0.2", "--data", coord))
	}
	if _, err := os.Stat(group); err != nil && (chosenOp("bundle-export") || chosenOp("bundle-import")) {
		childRun(b, "demo-group", "", "demo", "--signatures", strconv.Itoa(n), "--groups", "0", "--paper-share", "0", "--data", group)
	}
	os.RemoveAll(out)
	if err := os.MkdirAll(out, 0o700); err != nil {
		b.Fatal(err)
	}
	pid := firstPetition(b, coord)
	at := func(name string) string { return filepath.Join(out, name) }
	for _, op := range []struct {
		name, file string
		args       []string
	}{
		{"pdf", at("pack.pdf"), []string{"export", "pdf", "--petition", pid, "--duplicates", "keep", "--out", at("pack.pdf"), "--data", coord}},
		{"xlsx", at("summary.xlsx"), []string{"export", "xlsx", "--personal-data", "--out", at("summary.xlsx"), "--data", coord}},
		{"backup", at("db.backup"), []string{"backup", at("db.backup"), "--data", coord}},
		{"find", "", []string{"find", "Schmid", "--data", coord}},
		{"bundle-export", at("group.bundle"), []string{"export", "bundle", "--out", at("group.bundle"), "--data", group}},
		{"bundle-import", "", []string{"import", "bundle", at("group.bundle"), "--data", at("imported")}},
		{"erase", "", []string{"erase", "--petition", pid, "--now", "--yes", "--data", coord}},
	} {
		if !chosenOp(op.name) {
			continue
		}
		runs = append(runs, childRun(b, op.name, op.file, op.args...))
	}
	return runs
}

// chosenOp says whether PETITIONDESK_BENCH_OPS (all when unset) names op.
func chosenOp(op string) bool {
	chosen := os.Getenv("PETITIONDESK_BENCH_OPS")
	return chosen == "" || strings.Contains(","+chosen+",", ","+op+",")
}

// childRun runs the command line in a child process and measures it.
func childRun(b *testing.B, op, file string, args ...string) scaleRun {
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), cliChildEnv+"=1")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	t0 := time.Now()
	if err := c.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	anon := make(chan float64, 1)
	go func() { anon <- peakAnon(c.Process.Pid, done) }()
	err := c.Wait()
	took := time.Since(t0)
	close(done)
	if err != nil {
		b.Fatalf("%s: %v: %s", op, err, stderr.String())
	}
	r := scaleRun{op: op, took: took, anonMB: <-anon}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rssMB = float64(ru.Maxrss) / 1024 // kB on Linux
	}
	r.fileMB = outputMB(file)
	return r
}

// outputMB is the size of the file an operation wrote, or of all its
// parts: a pack over 2,000 pages for a target is written as
// pack-target-1-part-01-of-27.pdf and so on beside the name asked for.
func outputMB(file string) float64 {
	if file == "" {
		return 0
	}
	ext := filepath.Ext(file)
	parts, _ := filepath.Glob(strings.TrimSuffix(file, ext) + "-*" + ext)
	var size int64
	for _, f := range append(parts, file) {
		if fi, err := os.Stat(f); err == nil {
			size += fi.Size()
		}
	}
	return float64(size) / (1 << 20)
}

// peakAnon samples the child's anonymous resident memory (RssAnon) until
// done, and returns the largest seen in MB.
func peakAnon(pid int, done chan struct{}) float64 {
	path := fmt.Sprintf("/proc/%d/status", pid)
	var peak float64
	for {
		b, _ := os.ReadFile(path)
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssAnon:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				peak = max(peak, kb/1024)
			}
		}
		select {
		case <-done:
			return peak
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// firstPetition returns the id of the database's (only) petition.
func firstPetition(b *testing.B, data string) string {
	c := exec.Command(os.Args[0], "petitions", "--json", "--data", data)
	c.Env = append(os.Environ(), cliChildEnv+"=1")
	out, err := c.Output()
	if err != nil {
		b.Fatalf("petitions: %v", err)
	}
	var rows []petitionRow
	if err := json.Unmarshal(out, &rows); err != nil || len(rows) == 0 {
		b.Fatalf("petitions: %v %s", err, out)
	}
	return rows[0].ID
}
