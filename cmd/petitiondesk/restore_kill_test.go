package main

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/store"
)

// startCLI starts the command line in a child process.
func startCLI(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...) // see TestMain in killrounds_test.go
	cmd.Env = append(os.Environ(), cliChildEnv+"=1", "LANG=en_US.UTF-8")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// digitalSignatures opens dir as the next run of the app would and
// returns its number of petitions and of digital signatures.
func digitalSignatures(t *testing.T, dir string) (int, int) {
	t.Helper()
	s, err := store.Open(store.Options{Dir: dir, Passphrase: os.Getenv("PETITIONDESK_PASSPHRASE")})
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer s.Close()
	list, err := s.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range list {
		tot, _ := s.Totals(p.ID)
		n += tot.Digital
	}
	return len(list), n
}

// TestKilledRestoreLeavesOldOrNew kills `restore --replace` at random
// moments. Each time the next open must work and find the database as
// it was or as the backup has it, never an empty or mixed one, and no
// staging directory or safety-backup temporary file may be left. Every
// other round is killed during the swap of directories.
// PETITIONDESK_LONG=1 runs 200 rounds instead of 12.
func TestKilledRestoreLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("kill rounds in -short mode")
	}
	rounds := 12
	if os.Getenv("PETITIONDESK_LONG") != "" {
		rounds = 200
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	backups := map[int]string{} // digital signatures -> backup file
	for _, extra := range []int{0, 1} {
		d := filepath.Join(t.TempDir(), "src")
		cli(t, "demo", "--data", d)
		if extra > 0 {
			cli(t, "sign", "--data", d, "--petition", "UA 147/20", "--name", "Extra Person", "--street", "Marktgasse 3", "--postcode", "3011", "--city", "Bern", "--country", "Switzerland")
		}
		_, n := digitalSignatures(t, d)
		backups[n] = filepath.Join(parent, "b"+string(rune('0'+extra))+".backup")
		if code, _, stderr := cli(t, "backup", "--data", d, backups[n]); code != 0 {
			t.Fatal(stderr)
		}
	}
	cli(t, "demo", "--data", dir)
	start := time.Now()
	full := startCLI(t, "restore", "--data", dir, "--replace", backups[36])
	if err := full.Wait(); err != nil {
		t.Fatalf("an uninterrupted restore: %v", err)
	}
	took := time.Since(start)
	ended := map[string]int{}
	for round := range rounds {
		_, before := digitalSignatures(t, dir)
		want := map[int]bool{35: true, 36: true}
		target := 71 - before
		killRestore(t, round%2 == 1, took, "restore", "--data", dir, "--replace", backups[target])
		petitions, after := digitalSignatures(t, dir)
		if petitions != 1 || !want[after] {
			t.Fatalf("round %d: %d petitions, %d signatures (before %d, backup %d)", round, petitions, after, before, target)
		}
		ended[map[bool]string{true: "new", false: "old"}[after == target]]++
		checkNoRestoreLeftovers(t, parent)
	}
	t.Logf("%d kills of restore --replace (an uninterrupted one took %v): %v", rounds, took, ended)
}

// killRestore runs a restore and kills it: at a random moment of its
// whole run, or (nearSwap) at a random moment of the 300 ms after it says
// where the safety backup is, when the directories are being swapped.
func killRestore(t *testing.T, nearSwap bool, took time.Duration, args ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...) // see TestMain in killrounds_test.go
	cmd.Env = append(os.Environ(), cliChildEnv+"=1", "LANG=en_US.UTF-8")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	safety := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "the data as it was is saved in") {
				close(safety)
			}
		}
	}()
	if nearSwap {
		select {
		case <-safety:
			time.Sleep(time.Duration(rand.Int64N(int64(300 * time.Millisecond))))
		case <-time.After(10 * took):
		}
	} else {
		time.Sleep(time.Duration(rand.Int64N(int64(took) * 5 / 4)))
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// checkNoRestoreLeftovers fails on staging directories or temporary files
// beside the data, and removes the safety backups (they pile up).
func checkNoRestoreLeftovers(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		switch name := e.Name(); {
		case strings.HasPrefix(name, "petitiondesk-before-restore-"):
			os.Remove(filepath.Join(parent, name))
		case strings.HasPrefix(name, ".petitiondesk-") && !strings.HasSuffix(name, ".lock"):
			t.Fatalf("left beside the data after the next open: %s", name)
		}
	}
}

// TestKilledBackupLeavesNothingInClear kills `backup` of an encrypted
// database at random moments: whatever it left holds no name in clear,
// and the next start removes it.
func TestKilledBackupLeavesNothingInClear(t *testing.T) {
	if testing.Short() {
		t.Skip("kill rounds in -short mode")
	}
	t.Setenv("PETITIONDESK_PASSPHRASE", "market stall 2024")
	dir, out := filepath.Join(t.TempDir(), "data"), t.TempDir()
	cli(t, "demo", "--data", dir)
	start := time.Now()
	if err := startCLI(t, "backup", "--data", dir, filepath.Join(out, "full.backup")).Wait(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	os.Remove(filepath.Join(out, "full.backup"))
	rounds := 2
	if os.Getenv("PETITIONDESK_LONG") != "" {
		rounds = 20
	}
	for round := range rounds {
		cmd := startCLI(t, "backup", "--data", dir, filepath.Join(out, "b.backup"))
		time.Sleep(time.Duration(rand.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(out, e.Name()))
			fi, _ := e.Info()
			if bytes.Contains(b, []byte("Zoë")) || fi.Mode().Perm() != 0o600 {
				t.Fatalf("round %d: %s (mode %v) holds names in clear or is not private", round, e.Name(), fi.Mode().Perm())
			}
		}
		digitalSignatures(t, dir)
		if entries, _ := os.ReadDir(out); len(entries) > 1 || len(entries) == 1 && entries[0].Name() != "b.backup" {
			t.Fatalf("round %d: left after the next start: %v", round, entries)
		}
	}
}
