package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/store"
)

// TestExportBlankNeedsAPrivacyNotice: `export blank` refuses a petition
// without a privacy notice, says what to do, and writes no file.
func TestExportBlankNeedsAPrivacyNotice(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Petitions()
	if err != nil || len(list) != 1 {
		t.Fatalf("%d petitions: %v", len(list), err)
	}
	p := list[0]
	p.PrivacyNotice = ""
	if err := s.UpdatePetition(&p); err != nil {
		t.Fatal(err)
	}
	s.Close()
	out := filepath.Join(t.TempDir(), "blank.pdf")
	code, stdout, stderr := cli(t, "export", "blank", "--sheets", "2", "--out", out, "--data", dir)
	if code == 0 || !strings.Contains(stderr, "privacy notice") {
		t.Errorf("exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a refused print left a file")
	}
}
