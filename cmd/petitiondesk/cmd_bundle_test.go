package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBundleCommands(t *testing.T) {
	group, coord, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	cli(t, "demo", "--data", group)
	if code, _, stderr := cli(t, "group", "--name", "Group Thun", "--data", group); code != 0 {
		t.Fatal(stderr)
	}
	key, other := filepath.Join(tmp, "key.txt"), filepath.Join(tmp, "other.txt")
	code, public, stderr := cli(t, "keygen", "--out", key)
	if code != 0 || !strings.HasPrefix(public, "age1") {
		t.Fatalf("keygen: %d %q %s", code, public, stderr)
	}
	cli(t, "keygen", "--out", other)
	file := filepath.Join(tmp, "thun.bundle")
	if code, _, stderr := cli(t, "export", "bundle", "--data", group, "--out", file, "--to", strings.TrimSpace(public)); code != 0 {
		t.Fatal(stderr)
	}
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "bundle", file, "--data", coord}, 1, "give the key file"},
		{[]string{"import", "bundle", file, "--data", coord, "--key", other}, 1, "another key"},
		{[]string{"import", "bundle", file, "--data", coord, "--key", key}, 0, "36 signatures added"},
		{[]string{"import", "bundle", file, "--data", coord, "--key", key}, 0, "nothing changed"},
		{[]string{"groups", "--data", coord}, 0, "Group Thun"},
	}
	for _, s := range steps {
		code, out, stderr := cli(t, s.args...)
		if code != s.code || !strings.Contains(out+stderr, s.want) {
			t.Fatalf("%v: %d %q %q", s.args, code, out, stderr)
		}
	}
	if a, b := totalsJSON(t, group), totalsJSON(t, coord); a != b {
		t.Fatalf("group totals %s, coordinator's %s", a, b)
	}
}

func TestBundlePassphraseAndDamage(t *testing.T) {
	group, coord, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	cli(t, "demo", "--data", group)
	file := filepath.Join(tmp, "thun.bundle")
	t.Setenv(bundlePassphraseEnv, "a long bundle passphrase")
	if code, _, stderr := cli(t, "export", "bundle", "--data", group, "--out", file, "--passphrase"); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(file)
	b[len(b)/2] ^= 1
	bad := filepath.Join(tmp, "bad.bundle")
	os.WriteFile(bad, b, 0o600)
	if code, _, stderr := cli(t, "import", "bundle", bad, "--data", coord); code != 1 || !strings.Contains(stderr, "damaged") {
		t.Fatalf("damaged bundle: %d %s", code, stderr)
	}
	t.Setenv(bundlePassphraseEnv, "not the passphrase")
	if code, _, stderr := cli(t, "import", "bundle", file, "--data", coord); code != 1 || !strings.Contains(stderr, "passphrase does not open") {
		t.Fatalf("wrong passphrase: %d %s", code, stderr)
	}
	t.Setenv(bundlePassphraseEnv, "a long bundle passphrase")
	if code, _, stderr := cli(t, "import", "bundle", file, "--data", coord); code != 0 {
		t.Fatal(stderr)
	}
}

func totalsJSON(t *testing.T, dir string) string {
	t.Helper()
	_, out, _ := cli(t, "totals", "--json", "--data", dir)
	var rows []petitionRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("totals %q", out)
	}
	r := rows[0]
	b, _ := json.Marshal([]int{r.Digital, r.Paper, r.Struck, r.Valid})
	return string(b)
}
