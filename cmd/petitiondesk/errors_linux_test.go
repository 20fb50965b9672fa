package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFullDiskOneLine: signing on a full disk (a small tmpfs filled up)
// prints one plain line saying how much to free, without the store's
// context or Badger's words.
func TestFullDiskOneLine(t *testing.T) {
	mnt := mountSmallDisk(t)
	dir := filepath.Join(mnt, "data")
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatal(stderr)
	}
	defer os.Remove(fillDisk(t, mnt, 0))
	code, _, stderr := cli(t, "sign", "--data", dir, "--petition", "UA 147/20", "--name", "Disk Full", "--street", "Marktgasse 3",
		"--postcode", "3011", "--city", "Bern", "--country", "Switzerland")
	if code != 1 || !strings.HasPrefix(stderr, "petitiondesk sign: the disk holding "+dir+" is nearly full") ||
		strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "store:") || strings.Contains(strings.ToLower(stderr), "badger") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
