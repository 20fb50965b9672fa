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
		{"pack", []string{"export", "pdf", "--out", filepath.Join(out, "pack.pdf")}, 0, "2 targets, 12 pages, 35 signature rows", "pack.pdf"},
		{"pack one target on letter", []string{"export", "pdf", "--out", filepath.Join(out, "one.pdf"), "--paper", "letter", "--target", "2"}, 0, "1 target, 6 pages", "one.pdf"},
		{"blank", []string{"export", "blank", "--sheets", "2", "--out", filepath.Join(out, "blank.pdf")}, 0, "2 blank sheets, numbers 5 to 6 reserved", "blank.pdf"},
		{"blank again takes new numbers", []string{"export", "blank", "--sheets", "1", "--out", filepath.Join(out, "blank2.pdf")}, 0, "numbers 7 to 7", "blank2.pdf"},
		{"no target 3", []string{"export", "pdf", "--out", filepath.Join(out, "x.pdf"), "--target", "3"}, 1, "target 3 does not exist", ""},
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
