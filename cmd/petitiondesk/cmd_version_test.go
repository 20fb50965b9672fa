package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		name, stamped, want string
	}{
		{"stamped by the Makefile", "0.1.0", "Petition Desk 0.1.0 ("},
		{"plain go build", "", "Petition Desk dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := version
			version = tc.stamped
			defer func() { version = old }()
			code, out, errs := cli(t, "version")
			if code != 0 || !strings.HasPrefix(out, tc.want) || errs != "" {
				t.Errorf("exit %d, %q, %q; want %q…", code, out, errs, tc.want)
			}
		})
	}
	if code, _, _ := cli(t, "version", "extra"); code != 2 {
		t.Errorf("a stray argument: exit %d, want 2", code)
	}
}

// TestReleaseVersion keeps the three places that name the version in
// step: FyneApp.toml (stamped into the binary and the packages) must hold
// a plain x.y.z version, and CHANGELOG.md must have a section for it.
func TestReleaseVersion(t *testing.T) {
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]*)"`).FindSubmatch(toml)
	if m == nil || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).Match(m[1]) {
		t.Fatalf("FyneApp.toml: no x.y.z Version: %q", m)
	}
	log, err := os.ReadFile("../../CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^## \[?` + regexp.QuoteMeta(string(m[1])) + `\]?`).Match(log) {
		t.Errorf("CHANGELOG.md has no \"## %s\" section", m[1])
	}
}
