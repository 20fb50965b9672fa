package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/store"
)

// sharedFolder copies bundles and a note into a folder, last written an
// hour ago, as a sync tool leaves them.
func sharedFolder(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for name, b := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(path, old, old)
	}
	return dir
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCollectBundlesFromFolder: "Collect bundles from folder…" imports
// both groups' bundles, refuses the note with a reason, fills the bar
// and lists the groups; collecting again imports nothing.
func TestCollectBundlesFromFolder(t *testing.T) {
	thun, _ := groupBundle(t, "Group Thun", nil)
	biel, _ := groupBundle(t, "Group Biel", nil)
	dir := sharedFolder(t, map[string][]byte{"thun.bundle": readAll(t, thun), "biel.bundle": readAll(t, biel), "notes.txt": []byte("hi")})
	st, c := newCoordinatorTest(t)
	fakeDialogs(st).folderPick = func(_ fyne.Window, _ string, done func(string)) { done(dir) }
	test.Tap(c.collectBtn)
	for _, want := range []string{"Imported: 2", "Refused: 1", "thun.bundle: imported from Group Thun", "notes.txt: not imported. This file is not a Petition Desk bundle"} {
		if !strings.Contains(c.lastReport, want) {
			t.Errorf("report %q lacks %q", c.lastReport, want)
		}
	}
	if c.folder == nil || c.folder.bar.Value != 1 || c.folder.button.Text != "Close" {
		t.Fatalf("the dialog at the end: %+v", c.folder)
	}
	if !strings.Contains(dialogText(st.win), "Imported: 2") {
		t.Errorf("dialog %q", dialogText(st.win))
	}
	test.Tap(c.folder.button)
	groups := 0
	for _, g := range c.data.groups {
		if !g.Own {
			groups++
		}
	}
	if groups != 2 {
		t.Errorf("%d groups listed", groups)
	}
	test.Tap(c.collectBtn)
	if !strings.Contains(c.lastReport, "Imported: 0. Already imported before: 2.") {
		t.Errorf("second time: %q", c.lastReport)
	}
}

// TestSendCampaignToGroups saves the current petition as a signed
// campaign file and shows the fingerprint; a group's desk opens it.
func TestSendCampaignToGroups(t *testing.T) {
	st, _ := newTestState(t, true)
	c := newCoordinatorScreen(st)
	show(st, c.content)
	path := filepath.Join(t.TempDir(), "campaign.json")
	fakeDialogs(st).exportPath = func(_ fyne.Window, name string, done func(string)) {
		if !strings.HasSuffix(name, "campaign.json") {
			t.Errorf("suggested %q", name)
		}
		done(path)
	}
	test.Tap(c.sendBtn)
	fp, _ := st.store.OwnFingerprint()
	if !strings.Contains(c.lastReport, fp) || !strings.Contains(dialogText(st.win), fp) {
		t.Fatalf("said %q, want fingerprint %s", c.lastReport, fp)
	}
	group, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer group.Close()
	res, err := desk.ImportCampaign(group, bytes.NewReader(readAll(t, path)))
	if err != nil || res.Fingerprint != fp || !res.Created {
		t.Errorf("the group's import: %+v, %v", res, err)
	}
}

// TestSharedFolderDaily sets the shared folder: the bundle is written at
// once under its stable name; the window's hourly check writes it again
// once a day has passed; Stop writing turns it off.
func TestSharedFolderDaily(t *testing.T) {
	st, ts := newTestState(t, true)
	c := newCoordinatorScreen(st)
	show(st, c.content)
	dir := t.TempDir()
	fakeDialogs(st).folderPick = func(_ fyne.Window, _ string, done func(string)) { done(dir) }
	test.Tap(c.shareBtn)
	if c.shareDialog == nil {
		t.Fatal("no dialog")
	}
	c.shareKey.SetText("not a key")
	c.shareDialog.Confirm()
	if sh, _ := st.store.SharedFolder(); sh.Dir != "" {
		t.Fatalf("a bad key was saved: %+v", sh)
	}
	test.Tap(c.shareBtn)
	c.shareKey.SetText("")
	c.shareDialog.Confirm()
	g, _ := st.store.OwnGroup()
	path := filepath.Join(dir, desk.SharedBundleName(g))
	if _, err := os.Stat(path); err != nil || !strings.Contains(c.lastReport, path) {
		t.Fatalf("bundle %v; said %q", err, c.lastReport)
	}
	if !strings.Contains(labelsText(c.shareBox), dir) {
		t.Errorf("the screen says %q", labelsText(c.shareBox))
	}
	entries := func() int { list, _ := st.store.AuditEntries(store.AuditFilter{}, 0); return len(list) }
	before := entries()
	st.scheduleSharedBundle()
	ts.fire(sharedCheckEvery)
	if entries() != before {
		t.Errorf("written again within the day")
	}
	sh, _ := st.store.SharedFolder()
	sh.Last = testNow.Add(-desk.SharedEvery)
	st.store.SetSharedFolder(sh)
	ts.fire(sharedCheckEvery)
	if entries() != before+1 {
		t.Errorf("not written again a day later")
	}
	test.Tap(c.shareStop)
	if sh, _ := st.store.SharedFolder(); sh.Dir != "" {
		t.Errorf("still on: %+v", sh)
	}
}

// labelsText is the text of every label below o.
func labelsText(o fyne.CanvasObject) string {
	var parts []string
	for _, x := range allObjects(o) {
		if l, ok := x.(*widget.Label); ok {
			parts = append(parts, l.Text)
		}
	}
	return strings.Join(parts, " ")
}
