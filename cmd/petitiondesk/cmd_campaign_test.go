package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCampaignFileCLI: the office exports a signed campaign file, a group
// imports it (key pinned), the office moves the deadline and sends it
// again: the group's petition is updated, the same one. A tampered file
// is refused on one line; forget-key runs.
func TestCampaignFileCLI(t *testing.T) {
	office, group := t.TempDir(), t.TempDir()
	cli(t, "demo", "--data", office)
	file := filepath.Join(t.TempDir(), "ua.json")
	code, out, stderr := cli(t, "petition", "export", "--data", office, "--petition", "UA 147/20", "--out", file)
	if code != 0 || !strings.Contains(out, "fingerprint") {
		t.Fatalf("export: %d %s %s", code, out, stderr)
	}
	code, out, stderr = cli(t, "petition", "import", "--data", group, file)
	if code != 0 || !strings.Contains(out, "key pinned") {
		t.Fatalf("first import: %d %s %s", code, out, stderr)
	}
	first := strings.Fields(out)[0]
	cli(t, "petition", "set", "--data", office, "--petition", "UA 147/20", "deadline=2031-01-15")
	cli(t, "petition", "export", "--data", office, "--petition", "UA 147/20", "--out", file)
	code, out, stderr = cli(t, "petition", "import", "--data", group, file)
	if code != 0 || !strings.Contains(out, "updated deadline") || strings.Fields(out)[0] != first {
		t.Fatalf("update: %d %s %s", code, out, stderr)
	}
	if p := showJSON(t, group, first); p.Deadline.String() != "2031-01-15" {
		t.Errorf("deadline %s", p.Deadline)
	}
	b, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(b), "2031-01-15", "2031-02-15", 1)), 0o600)
	code, _, stderr = cli(t, "petition", "import", "--data", group, file)
	if code == 0 || !strings.Contains(stderr, "signature") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("tampered: %d %q", code, stderr)
	}
	if code, out, stderr := cli(t, "petition", "forget-key", "--data", group, "--petition", first); code != 0 || !strings.Contains(out, "forgot") {
		t.Errorf("forget-key: %d %s %s", code, out, stderr)
	}
}

// TestImportFolderCLI collects a folder of two groups' bundles and a
// note, then again: the second run imports nothing.
func TestImportFolderCLI(t *testing.T) {
	shared, coord := t.TempDir(), t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{"thun", "biel"} {
		g := t.TempDir()
		cli(t, "demo", "--data", g)
		path := filepath.Join(shared, name+".bundle")
		if code, _, stderr := cli(t, "export", "bundle", "--data", g, "--out", path); code != 0 {
			t.Fatal(stderr)
		}
		os.Chtimes(path, old, old)
	}
	note := filepath.Join(shared, "notes.txt")
	os.WriteFile(note, []byte("hello"), 0o600)
	os.Chtimes(note, old, old)
	code, out, stderr := cli(t, "import", "folder", "--data", coord, shared)
	if code != 0 || strings.Count(out, ": imported from") != 2 || !strings.Contains(out, "notes.txt: refused") ||
		!strings.Contains(out, "2 bundles imported, 0 already imported, 1 refused") {
		t.Fatalf("first run: %d\n%s%s", code, out, stderr)
	}
	code, out, _ = cli(t, "import", "folder", "--data", coord, shared)
	if code != 0 || !strings.Contains(out, "0 bundles imported, 2 already imported, 1 refused") {
		t.Errorf("second run: %d\n%s", code, out)
	}
}
