package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs one command in-process and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemoThenTotals(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	code, out, _ := cli(t, "totals", "--json", "--data", dir)
	var rows []petitionRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 {
		t.Fatalf("totals: %d %q", code, out)
	}
	if r := rows[0]; r.Digital != 35 || r.Paper != 27 || r.Struck != 1 || r.Valid != 62 || r.Goal != 500 {
		t.Fatalf("demo totals %+v", r)
	}
	if code, out, _ := cli(t, "totals", "--data", dir); code != 0 || !strings.Contains(out, "UA 147/20") || !strings.Contains(out, "62") {
		t.Fatalf("totals table: %q", out)
	}
	if code, out, _ := cli(t, "petitions", "--data", dir); code != 0 || !strings.Contains(out, "on track") {
		t.Fatalf("petitions: %q", out)
	}
}

func TestSign(t *testing.T) {
	dir := t.TempDir()
	cli(t, "demo", "--data", dir)
	strokes := filepath.Join(dir, "..", "strokes.json")
	os.WriteFile(strokes, []byte(`[[[10,10,0],[200,80,40],[400,40,90]]]`), 0o600)
	base := []string{"sign", "--data", dir, "--petition", "UA 147/20", "--street", "Marktgasse 3", "--postcode", "3011", "--city", "Bern", "--country", "Switzerland"}
	tests := []struct {
		name   string
		extra  []string
		code   int
		stderr string
	}{
		{"valid", []string{"--name", "Hélène Favre", "--strokes", strokes}, 0, ""},
		{"formula-looking name is stored as text", []string{"--name", "=1+1"}, 0, ""},
		{"a script no PDF font has is kept, with a warning", []string{"--name", "Nefer 𓀀𓁐"}, 0, `warning: no font in the printed sheets has "𓀀𓁐" (in the name)`},
		{"empty name", []string{"--name", ""}, 1, "Please enter your full name."},
		{"control character", []string{"--name", "Anna\x07Bell"}, 1, "control character"},
		{"bad strokes file", []string{"--name", "Anna Bell", "--strokes", "/nonexistent.json"}, 1, "nonexistent"},
		{"unknown flag", []string{"--name", "Anna Bell", "--colour", "red"}, 2, "colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := cli(t, append(append([]string{}, base...), tt.extra...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("exit %d (want %d), stderr %q", code, tt.code, stderr)
			}
			if code == 0 && len(strings.TrimSpace(out)) != 36 {
				t.Fatalf("want the new id, got %q", out)
			}
			if code != 0 && strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 {
				t.Fatalf("error is not one line: %q", stderr)
			}
		})
	}
	_, out, _ := cli(t, "totals", "--json", "--data", dir)
	if !strings.Contains(out, `"digital": 38`) {
		t.Fatalf("three signatures should have been added: %s", out)
	}
}

func TestBackupRestoreCLI(t *testing.T) {
	dir, dir2 := t.TempDir(), t.TempDir()
	file := filepath.Join(t.TempDir(), "all.backup")
	cli(t, "demo", "--data", dir)
	if code, _, stderr := cli(t, "backup", "--data", dir, file); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	if code, _, stderr := cli(t, "restore", file, "--data", dir2); code != 0 {
		t.Fatalf("restore: %s", stderr)
	}
	_, a, _ := cli(t, "totals", "--json", "--data", dir)
	_, b, _ := cli(t, "totals", "--json", "--data", dir2)
	if a != b {
		t.Fatalf("restored totals differ:\n%s\n%s", a, b)
	}
	if code, _, stderr := cli(t, "restore", file, "--data", dir2); code == 0 || !strings.Contains(stderr, "not empty") {
		t.Fatalf("restore over data: %d %s", code, stderr)
	}
	if code, _, stderr := cli(t, "restore", "--data", dir2, "--replace", file); code != 0 {
		t.Fatalf("restore --replace: %s", stderr)
	}
}

func TestErrorsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"bogus"}, 2, "unknown command"},
		{[]string{"totals", "extra", "--data", dir}, 2, "unexpected argument"},
		{[]string{"sign", "--data", dir, "--petition", "nope", "--name", "X Y"}, 1, "no petition matches"},
		{[]string{"backup", "--data", dir}, 2, "give the backup file"},
		{[]string{"restore", "--data", dir, "/nonexistent"}, 1, "no such file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:1], " "), func(t *testing.T) {
			code, _, stderr := cli(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
		})
	}
}

func TestWindowArgs(t *testing.T) {
	tests := []struct {
		args []string
		dir  string
		ok   bool
	}{
		{nil, "", true},
		{[]string{"--data", "/x"}, "/x", true},
		{[]string{"--data=/y"}, "/y", true},
		{[]string{"totals"}, "", false},
	}
	for _, tt := range tests {
		if dir, ok := windowArgs(tt.args); dir != tt.dir || ok != tt.ok {
			t.Errorf("%v: %q %v", tt.args, dir, ok)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := cli(t, "help")
	if code != 0 || !strings.Contains(out, "totals") || !strings.Contains(out, "--data") {
		t.Fatalf("%d %q", code, out)
	}
}

func TestEncryptedDatabaseCLI(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PETITIONDESK_PASSPHRASE", "market stall 2024")
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	t.Setenv("PETITIONDESK_PASSPHRASE", "wrong")
	code, _, stderr := cli(t, "totals", "--data", dir)
	if code != 1 || !strings.Contains(stderr, "passphrase is wrong") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("wrong passphrase: %d %q", code, stderr)
	}
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	code, _, stderr = cli(t, "totals", "--data", dir)
	if code != 1 || !strings.Contains(stderr, "encrypted") {
		t.Fatalf("no passphrase: %d %q", code, stderr)
	}
	var out bytes.Buffer
	if code := run([]string{"totals", "--data", dir}, strings.NewReader("market stall 2024\n"), &out, &bytes.Buffer{}); code != 0 || !strings.Contains(out.String(), "62") {
		t.Fatalf("passphrase typed on stdin: %d %q", code, out.String())
	}
}

// The store says only that the system names no place for the data; the
// command line adds which flag does.
func TestNoDataDirNamesTheFlag(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("AppData", "")
	code, _, stderr := cli(t, "totals")
	if code == 0 || !strings.Contains(stderr, "--data DIR") {
		t.Errorf("exit %d, stderr %q: want the --data flag named", code, stderr)
	}
}
