package ui

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// forgedBundle writes a counts-only bundle in the name of g's group,
// signed by a key of its own, as someone else would.
func forgedBundle(t *testing.T, g *store.Store) string {
	t.Helper()
	own, err := g.OwnGroup()
	list, err2 := g.Petitions()
	if err != nil || err2 != nil || len(list) == 0 {
		t.Fatal(err, err2)
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	var buf bytes.Buffer
	w := bundle.NewWriter(&buf, bundle.Header{ID: uuid.NewString(), Group: own, Created: testNow, CountsOnly: true, Key: key})
	if err := w.AddPetition(&list[0]); err != nil {
		t.Fatal(err)
	}
	w.AddSnapshot(bundle.Snapshot{Group: own.ID, Petition: list[0].ID, AsOf: testNow, CountsOnly: true})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "forged.bundle")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The first bundle pins its group's key and shows the fingerprint; a
// bundle in that group's name with another key is refused in plain words
// until the coordinator forgets the key (after a confirmation).
func TestCoordinatorPinsKeysAndRefusesOthers(t *testing.T) {
	path, g := groupBundle(t, "Group Thun", nil)
	fp, err := g.OwnFingerprint()
	if err != nil {
		t.Fatal(err)
	}
	forged := forgedBundle(t, g)
	st, c := newCoordinatorTest(t)
	pickFiles(t, st, path, forged, forged)
	test.Tap(c.importBtn)
	if !strings.Contains(c.lastReport, "pinned") || !strings.Contains(c.lastReport, fp) {
		t.Fatalf("report %q, want the pinned fingerprint %s", c.lastReport, fp)
	}
	if texts := strings.Join(windowTexts(st.win), "|"); !strings.Contains(texts, fp) {
		t.Fatalf("the groups list does not show the fingerprint %s", fp)
	}
	before := c.lastReport
	test.Tap(c.importBtn)
	if !strings.Contains(c.failed, "another key") || !strings.Contains(c.failed, fp) || strings.Contains(c.failed, "--") {
		t.Fatalf("forged bundle: %q", c.failed)
	}
	if c.forgetBtn == nil {
		t.Fatal("no way to forget a group's key")
	}
	test.Tap(c.forgetBtn)
	c.forgetDialog.Confirm()
	gs, _ := st.store.Groups()
	for _, g := range gs {
		if !g.Own && g.Fingerprint != "" {
			t.Fatalf("the key of %s is still pinned", g.Name)
		}
	}
	test.Tap(c.importBtn)
	if c.lastReport == before || !strings.Contains(c.lastReport, "pinned") {
		t.Fatalf("after forgetting: %q", c.lastReport)
	}
}
