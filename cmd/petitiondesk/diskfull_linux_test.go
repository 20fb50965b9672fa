package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
	"github.com/petitiondesk/petitiondesk/store"
)

// TestDiskFullMatrix fills a small filesystem (a tmpfs the test mounts)
// until only so much is free and runs the real commands, each in its own
// process: each must work or say in one line that the disk is nearly
// full, never die (a full disk under Badger's mapped writes is a SIGBUS).
// Reading (totals) works at every level. Then space is freed and the
// database must hold everything acknowledged.
func TestDiskFullMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("disk-full matrix in -short mode")
	}
	mnt := mountSmallDisk(t)
	k := &killer{dir: filepath.Join(mnt, "data"), tmp: t.TempDir(), acked: map[string]string{}, state: map[string]string{}}
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	importSetup(t, k) // the bundle lives off the small disk
	k.dir = filepath.Join(mnt, "data")
	if code, _, stderr := cli(t, "demo", "--data", k.dir); code != 0 {
		t.Fatal(stderr)
	}
	backup := filepath.Join(k.tmp, "before.backup")
	if code, _, stderr := cli(t, "backup", backup, "--data", k.dir); code != 0 {
		t.Fatal(stderr)
	}
	pid, ids := demoSignatureIDs(t, k.dir) // the id: the imported petition has the same reference
	page := scanPageFile(t, k)
	levels := []int64{0, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 16 << 20, 48 << 20}
	for i, free := range levels {
		filler := fillDisk(t, mnt, free)
		cmds := [][]string{
			{"sign", "--petition", pid, "--name", fmt.Sprintf("Full Disk %d", i), "--street", "Marktgasse 3",
				"--postcode", "3011", "--city", "Bern", "--country", "Switzerland"},
			{"import", "bundle", k.state["bundle"]},
			{"erase", "--signature", ids[i]},
			{"backup", filepath.Join(mnt, fmt.Sprintf("b%d.backup", i))},
			{"backup", filepath.Join(k.tmp, fmt.Sprintf("b%d.backup", i))},
			{"export", "csv", "--out", filepath.Join(mnt, fmt.Sprintf("t%d.csv", i))},
			{"export", "pdf", "--petition", pid, "--out", filepath.Join(mnt, fmt.Sprintf("p%d.pdf", i))},
			{"scan", page},
			{"totals"},
		}
		worked := 0
		for _, args := range cmds {
			ok := diskFullRun(t, k, free, append(args, "--data", k.dir))
			if args[0] == "totals" && ok == 0 {
				t.Fatalf("%s free: totals must still work, reading only", diskspace.Human(free))
			}
			worked += ok
		}
		worked += diskFullRun(t, k, free, []string{"restore", backup, "--data", filepath.Join(mnt, fmt.Sprintf("restored%d", i))})
		t.Logf("%s free: %d of %d commands worked, the others said the disk is nearly full",
			diskspace.Human(free), worked, len(cmds)+1)
		os.Remove(filler)
		k.verifyOpen(t, i)
	}
}

// diskFullRun runs one command as its own process and returns 1 if it
// worked, 0 if it refused with the one-line disk-full message.
func diskFullRun(t *testing.T, k *killer, free int64, args []string) int {
	t.Helper()
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), cliChildEnv+"=1", "LANG=en_US.UTF-8", "PETITIONDESK_PASSPHRASE=")
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	c.Run()
	code, msg := c.ProcessState.ExitCode(), strings.TrimRight(errb.String(), "\n")
	switch {
	case code == 0:
		if args[0] == "sign" {
			k.acked[strings.TrimSpace(out.String())] = args[4]
		}
		if args[0] == "erase" {
			k.erased = append(k.erased, args[2])
		}
		return 1
	case code == 1 && strings.Contains(msg, "disk") && strings.Contains(msg, "full") && !strings.Contains(msg, "\n"):
		return 0
	}
	t.Fatalf("%s free, %v: exit %d (%v), want success or one line about the disk: %q",
		diskspace.Human(free), args, code, c.ProcessState, msg)
	return 0
}

// mountSmallDisk mounts a 96 MiB tmpfs, which needs root; without it the
// test is skipped, unless PETITIONDESK_REQUIRE_TOOLS says it must run.
func mountSmallDisk(t *testing.T) string {
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=96m,mode=0700"); err != nil {
		msg := fmt.Sprintf("cannot mount a small tmpfs to fill (this needs root): %v", err)
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	return mnt
}

// fillDisk writes a filler file leaving about free bytes free.
func fillDisk(t *testing.T, mnt string, free int64) string {
	t.Helper()
	path := filepath.Join(mnt, "filler")
	os.Remove(path)
	avail, err := diskspace.Free(mnt)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := avail - free; n > 0 {
		if err := syscall.Fallocate(int(f.Fd()), 0, 0, n); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func demoSignatureIDs(t *testing.T, dir string) (string, []string) {
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, _ := s.Petitions()
	var ids []string
	s.ForEachSignature(list[0].ID, func(sig *petition.Signature) error {
		ids = append(ids, sig.ID)
		return nil
	})
	return list[0].ID, ids
}

// scanPageFile prints a paper sheet for the petition and returns a
// scanned page of it (a JPEG off the small disk).
func scanPageFile(t *testing.T, k *killer) string {
	s, err := store.Open(store.Options{Dir: k.dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.FindPetition("UA 147/20")
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := s.CreatePaperSheets(p.ID, 1, "Church hall", "Group")
	if err != nil {
		t.Fatal(err)
	}
	pl := sheetPages(p, sheets[0].Number)[0]
	pg := scantest.Page{Payload: pl, Rows: fillEvery(pl.N, 2), DPI: 150, Seed: 1}
	name := filepath.Join(k.tmp, "page.jpg")
	if err := os.WriteFile(name, pg.JPEG(), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}
