package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// forgeBundle writes a bundle in the name of dir's group, signed by a new
// key, as someone else would.
func forgeBundle(t *testing.T, dir, path string) {
	t.Helper()
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.OwnGroup()
	list, err2 := s.Petitions()
	s.Close()
	if err != nil || err2 != nil || len(list) == 0 {
		t.Fatal(err, err2)
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	var buf bytes.Buffer
	now := time.Now()
	w := bundle.NewWriter(&buf, bundle.Header{ID: uuid.NewString(), Group: g, Created: now, CountsOnly: true, Key: key})
	if err := w.AddPetition(&list[0]); err != nil {
		t.Fatal(err)
	}
	w.AddSnapshot(bundle.Snapshot{Group: g.ID, Petition: list[0].ID, AsOf: now, CountsOnly: true})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBundleKeyPinnedAndForgotten(t *testing.T) {
	group, coord, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	cli(t, "demo", "--data", group)
	cli(t, "group", "--name", "Group Thun", "--data", group)
	_, own, _ := cli(t, "group", "--data", group)
	file, forged := filepath.Join(tmp, "thun.bundle"), filepath.Join(tmp, "forged.bundle")
	if code, _, stderr := cli(t, "export", "bundle", "--data", group, "--out", file); code != 0 {
		t.Fatal(stderr)
	}
	forgeBundle(t, group, forged)
	_, out, _ := cli(t, "import", "bundle", file, "--data", coord)
	i := strings.Index(out, "fingerprint ")
	if !strings.Contains(out, "key pinned") || i < 0 || !strings.Contains(own, out[i+12:i+36]) {
		t.Fatalf("first import %q, the group's own %q", out, own)
	}
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"groups", "--data", coord}, 0, out[i+12 : i+36]},
		{[]string{"import", "bundle", forged, "--data", coord}, 1, "signed by another key"},
		{[]string{"import", "bundle", forged, "--data", coord}, 1, "groups forget-key"},
		{[]string{"groups", "forget-key", "group thun", "--data", coord}, 0, "forgot the key"},
		{[]string{"import", "bundle", forged, "--data", coord}, 0, "key pinned"},
		{[]string{"audit", "--data", coord}, 0, "forget-key"},
	}
	for _, s := range steps {
		code, out, stderr := cli(t, s.args...)
		if code != s.code || !strings.Contains(out+stderr, s.want) {
			t.Fatalf("%v: %d %q %q", s.args, code, out, stderr)
		}
	}
}
