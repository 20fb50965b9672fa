package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash test re-runs this test binary as a writer: it saves
// signatures in a loop and prints each id once AddSignature returned. The
// parent kills it with SIGKILL at a random moment, reopens the database
// and checks every acknowledged id is there.
const crashEnv = "PETITIONDESK_CRASH_WRITER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashEnv); dir != "" {
		crashWriter(dir)
		return
	}
	if dir := os.Getenv(openProbeEnv); dir != "" {
		openProbe(dir)
		return
	}
	os.Exit(m.Run())
}

func crashWriter(dir string) {
	s, err := Open(Options{Dir: dir})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	list, _ := s.Petitions()
	pid := list[0].ID
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		sig := person(fmt.Sprintf("Writer %06d", i), "3011")
		sig.Strokes = DemoStrokes(sig.Name, i)
		if err := s.AddSignature(pid, sig); err != nil {
			fmt.Println("add:", err)
			os.Exit(1)
		}
		fmt.Fprintln(out, sig.ID)
		out.Flush()
	}
}

func TestCrashKeepsAcknowledgedSignatures(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test in -short mode")
	}
	dir := t.TempDir()
	s := diskStore(t, dir, "")
	p := newPetition(t, s, 30)
	s.Close()
	total := 0
	for round := 0; round < 20; round++ {
		acked := runAndKill(t, dir, time.Duration(50+rand.IntN(400))*time.Millisecond)
		s := diskStore(t, dir, "")
		for _, id := range acked {
			if _, err := s.SignatureByID(id); err != nil {
				s.Close()
				t.Fatalf("round %d: acknowledged signature %s lost: %v", round, id, err)
			}
		}
		tot, _ := s.Totals(p.ID)
		s.Close()
		total += len(acked)
		if tot.Digital < total {
			t.Fatalf("round %d: totals %d below the %d acknowledged", round, tot.Digital, total)
		}
	}
	t.Logf("%d acknowledged signatures survived 20 kills", total)
}

func runAndKill(t *testing.T, dir string, after time.Duration) []string {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1<<16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	time.Sleep(after)
	cmd.Process.Signal(syscall.SIGKILL)
	var acked []string
	for l := range lines {
		if strings.Contains(l, ":") {
			t.Fatalf("writer failed: %s", l)
		}
		acked = append(acked, l)
	}
	cmd.Wait()
	return acked
}

// A kill between Badger creating a memtable or value log and sizing it
// leaves it empty; the next open used to fail with "while opening fid: 1
// err: Create a new file".
func TestOpenAfterKillLeftEmptyLogs(t *testing.T) {
	dir := t.TempDir()
	s := diskStore(t, dir, "s3cret")
	p := newPetition(t, s, 30)
	if err := s.AddSignature(p.ID, person("Anna Bell", "3011")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, name := range []string{"00001.mem", "00007.mem", "000042.vlog"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "00008.mem"), []byte("torn"), 0o600) // shorter than a header
	s, err := openChecked(t, Options{Dir: dir, Passphrase: "s3cret"})
	if err != nil {
		t.Fatalf("the first open failed: %v", err)
	}
	defer s.Close()
	if tot, _ := s.Totals(p.ID); tot.Digital != 1 {
		t.Fatalf("totals %+v", tot)
	}
}

func TestEmptyLogsKeptWhileAnotherProcessHasTheLock(t *testing.T) {
	dir := t.TempDir()
	s := diskStore(t, dir, "")
	defer s.Close()
	empty := filepath.Join(dir, "00099.mem")
	os.WriteFile(empty, nil, 0o600)
	if err := removeEmptyLogs(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(empty); err != nil && runtime.GOOS != "windows" {
		t.Fatalf("a log of the open database was removed: %v", err)
	}
}
