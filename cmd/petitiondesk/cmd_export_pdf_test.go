package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportPDFCommands(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stdout (success) or stderr (failure)
		file string
	}{
		{"pack", []string{"export", "pdf", "--out", filepath.Join(out, "pack.pdf"), "--duplicates", "keep"}, 0, "2 targets, 12 pages, 35 signature rows", "pack.pdf"},
		{"pack one target on letter", []string{"export", "pdf", "--out", filepath.Join(out, "one.pdf"), "--paper", "letter", "--target", "2"}, 0, "1 target, 6 pages", "one.pdf"},
		{"pack in parts", []string{"export", "pdf", "--out", filepath.Join(out, "parts.pdf"), "--part-pages", "4"}, 0,
			"wrote 4 files: 2 targets, 14 pages, 35 signature rows (names and addresses: keep it safe)\n  " + filepath.Join(out, "parts-target-1-part-01-of-02.pdf") + "\n", "parts-target-2-part-02-of-02.pdf"},
		{"part pages too few", []string{"export", "pdf", "--out", filepath.Join(out, "x.pdf"), "--part-pages", "3"}, 2, "--part-pages must be at least 4", ""},
		{"blank", []string{"export", "blank", "--sheets", "2", "--out", filepath.Join(out, "blank.pdf")}, 0, "2 blank sheets, numbers 5 to 6 reserved", "blank.pdf"},
		{"blank again takes new numbers", []string{"export", "blank", "--sheets", "1", "--out", filepath.Join(out, "blank2.pdf")}, 0, "numbers 7 to 7", "blank2.pdf"},
		{"no target 3", []string{"export", "pdf", "--out", filepath.Join(out, "x.pdf"), "--target", "3"}, 1, "target 3 does not exist", ""},
		{"full addresses", []string{"export", "pdf", "--out", filepath.Join(out, "full.pdf"), "--addresses", "full"}, 0, "35 signature rows", "full.pdf"},
		{"bad addresses", []string{"export", "pdf", "--out", filepath.Join(out, "x.pdf"), "--addresses", "street"}, 2, "--addresses must be full, town or town-country", ""},
		{"bad duplicates", []string{"export", "pdf", "--out", filepath.Join(out, "x.pdf"), "--duplicates", "maybe"}, 2, "--duplicates must be keep or strike", ""},
		{"bad paper", []string{"export", "pdf", "--out", filepath.Join(out, "x.pdf"), "--paper", "a3"}, 2, "paper must be a4 or letter", ""},
		{"no out", []string{"export", "blank", "--sheets", "2"}, 2, "--out", ""},
		{"too many sheets", []string{"export", "blank", "--sheets", "5000", "--out", filepath.Join(out, "x.pdf")}, 2, "between 1 and 1000", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append(tc.args, "--data", dir)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s %s", code, tc.code, stdout, stderr)
			}
			if got := stdout + stderr; !strings.Contains(got, tc.want) {
				t.Errorf("output %q lacks %q", got, tc.want)
			}
			if tc.file != "" {
				b, err := os.ReadFile(filepath.Join(out, tc.file))
				if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("%s is not a PDF: %v", tc.file, err)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "x.pdf")); !os.IsNotExist(err) {
		t.Error("a failed export left a file")
	}
	code, stdout, _ := cli(t, "audit", "--data", dir)
	if code != 0 || !strings.Contains(stdout, "kind=pdf-pack personal_data=true") || !strings.Contains(stdout, "kind=blank personal_data=false") {
		t.Errorf("the audit log lacks the exports:\n%s", stdout)
	}
}

// TestExportPDFDuplicates: a pack with possible duplicates not reviewed
// is refused with their count and the hint; "strike" strikes the later
// row (the letter then counts one fewer) and the next pack is not asked.
func TestExportPDFDuplicates(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	pack := filepath.Join(t.TempDir(), "pack.pdf")
	code, _, stderr := cli(t, "export", "pdf", "--out", pack, "--data", dir)
	if code != 1 || !strings.Contains(stderr, "1 possible duplicate (same name and postcode) is not reviewed yet") ||
		!strings.Contains(stderr, "--duplicates keep") || !strings.Contains(stderr, "sheet 1 row 4 and sheet 1 row 12") || strings.Contains(stderr, "Schmid") {
		t.Fatalf("exit %d, stderr %q: want a refusal with the count and the hint", code, stderr)
	}
	if _, err := os.Stat(pack); !os.IsNotExist(err) {
		t.Error("a refused pack left a file")
	}
	code, stdout, stderr := cli(t, "export", "pdf", "--out", pack, "--duplicates", "strike", "--data", dir)
	if code != 0 || !strings.Contains(stdout, "34 signature rows") {
		t.Fatalf("strike: exit %d, %s %s", code, stdout, stderr)
	}
	if code, stdout, stderr = cli(t, "export", "pdf", "--out", pack, "--data", dir); code != 0 {
		t.Fatalf("after striking the pack is still refused: %s %s", stdout, stderr)
	}
	if _, stdout, _ = cli(t, "audit", "--data", dir); !strings.Contains(stdout, "reason=duplicate") {
		t.Errorf("the strike is not audited:\n%s", stdout)
	}
}

// TestExportPDFDuplicatesListShort: a refusal over many possible
// duplicates lists the first dupsListed pairs and counts the rest, so a
// coordinator's terminal is not flooded (a million rows held 3,685).
func TestExportPDFDuplicatesListShort(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir, "--signatures", "8000"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, _, stderr := cli(t, "export", "pdf", "--out", filepath.Join(t.TempDir(), "pack.pdf"), "--data", dir)
	if code != 1 || !strings.Contains(stderr, "possible duplicates") {
		t.Fatalf("exit %d, stderr %q: want a refusal", code, stderr)
	}
	if n := strings.Count(stderr, "  sheet "); n != dupsListed || !strings.Contains(stderr, " more\n") {
		t.Errorf("%d pairs listed, want %d and a count of the rest:\n%s", n, dupsListed, stderr)
	}
}
