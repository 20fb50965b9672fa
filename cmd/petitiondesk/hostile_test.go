package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

// TestHostileStrokesFiles: a --strokes file that is endless, too large,
// or holds points no pad can draw (an overflowing number becomes an
// infinity) is refused in one line, and nothing is signed.
func TestHostileStrokesFiles(t *testing.T) {
	dir := t.TempDir()
	cli(t, "demo", "--data", dir)
	files := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(files, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	big := write("big.json", "[[[1,2,3]"+strings.Repeat(",[1,2,3]", maxStrokesFile/8)+"]]")
	cases := []struct{ file, want string }{
		{"/dev/zero", "too large"},
		{big, "too large"},
		{write("inf.json", `[[[10,10,0],[1e39,10,5]]]`), "not on the pad"},
		{write("far.json", `[[[10,10,0],[10,-50000,5]]]`), "not on the pad"},
		{write("neg.json", `[[[10,10,-4]]]`), "not on the pad"},
		{write("text.json", `hello`), "does not hold strokes"},
		{files, "folder"},
	}
	for _, c := range cases {
		if c.file == "/dev/zero" {
			if _, err := os.Stat(c.file); err != nil {
				continue
			}
		}
		code, _, stderr := cli(t, "sign", "--data", dir, "--petition", "UA 147/20", "--name", "Anna Bell", "--street", "Marktgasse 3",
			"--postcode", "3011", "--city", "Bern", "--country", "Switzerland", "--strokes", c.file)
		if code != 1 || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q", filepath.Base(c.file), code, stderr)
		}
	}
	if _, out, _ := cli(t, "totals", "--json", "--data", dir); !strings.Contains(out, `"digital": 35`) {
		t.Fatalf("a refused file signed anyway: %s", out)
	}
}

// TestEmptyDataRefused: --data "" is a mistake (an unset variable in a
// script), never the default profile, for commands and the window alike.
func TestEmptyDataRefused(t *testing.T) {
	for _, args := range [][]string{{"totals", "--data", ""}, {"totals", "--data="}, {"--data", ""}, {"--data", "  "}, {"sign", "-data", ""}} {
		if _, ok := windowArgs(args); ok {
			t.Errorf("%q opens the window", args)
		}
		code, _, stderr := cli(t, args...)
		if code != 2 || !strings.Contains(stderr, "--data needs a directory") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, %q", args, code, stderr)
		}
	}
	if emptyData([]string{"sign", "--name", "x", "--", "--data", ""}) {
		t.Error("an argument after -- was read as a flag")
	}
}

// FuzzStrokesFile feeds arbitrary text to the --strokes parser: it never
// panics, and what it accepts the store's validation accepts too.
func FuzzStrokesFile(f *testing.F) {
	for _, seed := range []string{`[[[10,10,0],[200,80,40],[400,40,90]]]`, ` [] `, `[[[1e39,0,0]]]`, `[["AAAAAAAAAAAA"]]`, `["AAAAAAAAAAAA"]`, `[[[0,0,4294967295]]]`, `null`, `[[[1,2,3]],[]]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := parseStrokes(b)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: message of several lines: %q", b, err)
			}
			return
		}
		if err := petition.ValidateStrokes(st); err != nil {
			t.Fatalf("%q: parsed, then refused by validation: %v", b, err)
		}
	})
}
