package desk

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/store"
)

// groupBundle makes a group's database with the demo's signatures and
// returns its bundle's bytes.
func groupBundle(t *testing.T, name string) []byte {
	t.Helper()
	s, p := demoStore(t)
	if _, err := s.SetGroupName(name); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.bundle")
	if _, err := ExportBundle(context.Background(), s, bundleOptions(path, p, false, ""), nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// put writes a file into dir last written at mod.
func put(t *testing.T, dir, name string, b []byte, mod time.Time) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

// outcomes collects a folder's reports as "name: outcome" lines.
func outcomes(f *Folder) *[]string {
	var lines []string
	f.Report = func(r FolderFile) {
		word := [...]string{"imported", "already", "refused"}[r.Outcome]
		lines = append(lines, r.Name+": "+word)
	}
	return &lines
}

// TestFolderImportsAMix collects a folder holding two groups' bundles (the
// older one named last), a copy of one, a forged one (a byte changed), a
// note, hidden and partial files of sync tools, and a bundle still being
// copied. Passes are run with a clock of their own, so "still being
// written" needs no waiting: the copy is imported once it has stayed the
// same for the settle time. A second run imports nothing.
func TestFolderImportsAMix(t *testing.T) {
	older, newer, late := groupBundle(t, "Group Thun"), groupBundle(t, "Group Biel"), groupBundle(t, "Group Chur")
	dir := t.TempDir()
	now := time.Now()
	hourAgo := now.Add(-time.Hour)
	put(t, dir, "b-thun.bundle", older, hourAgo)
	put(t, dir, "a-biel.bundle", newer, hourAgo)
	put(t, dir, "copy of a-biel.bundle", newer, hourAgo)
	forged := slices.Clone(older)
	forged[len(forged)/2] ^= 1
	put(t, dir, "forged.bundle", forged, hourAgo)
	put(t, dir, "notes.txt", []byte("collect on Monday"), hourAgo)
	put(t, dir, ".syncthing.c.bundle.tmp", late[:100], hourAgo)
	put(t, dir, "c.bundle.part", late[:100], hourAgo)
	put(t, dir, "c-chur.bundle", late[:len(late)/2], now)

	s := memStore(t)
	clock := now
	f := &Folder{Dir: dir, Settle: 2 * time.Second, Now: func() time.Time { return clock }}
	lines := outcomes(f)
	waiting, err := f.Pass(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(*lines, "|")
	for _, w := range []string{"forged.bundle: refused", "notes.txt: refused"} {
		if !strings.Contains(got, w) {
			t.Errorf("reports %q lack %q", got, w)
		}
	}
	imports := slices.DeleteFunc(slices.Clone(*lines), func(l string) bool { return strings.HasSuffix(l, "refused") })
	if strings.Join(imports, "|") != "b-thun.bundle: imported|a-biel.bundle: imported|copy of a-biel.bundle: already" {
		t.Errorf("imports in the order %v: want the older bundle first, the copy already imported", imports)
	}
	if !slices.Equal(waiting, []string{"c-chur.bundle"}) || strings.Contains(got, "syncthing") || strings.Contains(got, ".part") {
		t.Fatalf("waiting %v, reports %q", waiting, got)
	}

	// The copy goes on: still growing a second later, then unchanged.
	clock = now.Add(time.Second)
	put(t, dir, "c-chur.bundle", late, clock)
	if waiting, _ := f.Pass(context.Background(), s); len(waiting) != 1 {
		t.Fatalf("a growing file was read: %v", waiting)
	}
	clock = clock.Add(f.Settle)
	if waiting, err := f.Pass(context.Background(), s); err != nil || len(waiting) != 0 || !strings.HasSuffix(strings.Join(*lines, "|"), "c-chur.bundle: imported") {
		t.Fatalf("after it settled: waiting %v, %v, reports %v", waiting, err, *lines)
	}
	if f.Summary.Imported != 3 || f.Summary.Already != 1 || f.Summary.Refused != 2 {
		t.Errorf("summary %+v", f.Summary)
	}
	audited := auditCount(t, s)

	again := &Folder{Dir: dir}
	lines = outcomes(again)
	sum, err := again.Run(context.Background(), s)
	if err != nil || sum.Imported != 0 || sum.Already != 4 || sum.Refused != 2 {
		t.Errorf("second run: %+v, %v: %v", sum, err, *lines)
	}
	if auditCount(t, s) != audited {
		t.Errorf("a second run left audit entries")
	}
	if left, _ := os.ReadDir(dir); len(left) != 8 {
		t.Errorf("the folder holds %d files, want the 8 put there", len(left))
	}
}

// TestFolderWatchPicksUpNewFile watches a folder and drops a bundle in
// it, written in two steps: it is imported once it stays the same.
func TestFolderWatchPicksUpNewFile(t *testing.T) {
	b := groupBundle(t, "Group Thun")
	dir := t.TempDir()
	s := memStore(t)
	got := make(chan FolderFile, 4)
	f := &Folder{Dir: dir, Settle: 20 * time.Millisecond, Report: func(r FolderFile) { got <- r }}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := f.Watch(ctx, s); done <- err }()
	path := filepath.Join(dir, "thun.bundle")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b[:len(b)/2])
	w.Write(b[len(b)/2:])
	w.Close()
	select {
	case r := <-got:
		if r.Outcome != FolderImported || r.Name != "thun.bundle" {
			t.Errorf("report %+v", r)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the new bundle was not imported")
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if f.Summary.Imported != 1 {
		t.Errorf("summary %+v", f.Summary)
	}
}

// TestSharedBundleDaily: a group's bundle goes into the shared folder
// under a stable name, once a day; the coordinator's folder collection
// imports it.
func TestSharedBundleDaily(t *testing.T) {
	dir := t.TempDir()
	clock := deskNow
	g, err := store.Open(store.Options{InMemory: true, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := g.CreateDemo(deskNow); err != nil {
		t.Fatal(err)
	}
	if path, err := WriteSharedBundle(context.Background(), g, "test", false); path != "" || err != nil {
		t.Fatalf("written while off: %q, %v", path, err)
	}
	if err := g.SetSharedFolder(store.SharedFolder{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	first, err := WriteSharedBundle(context.Background(), g, "test", false)
	if err != nil || first == "" {
		t.Fatalf("first: %q, %v", first, err)
	}
	clock = clock.Add(time.Hour)
	if path, _ := WriteSharedBundle(context.Background(), g, "test", false); path != "" {
		t.Errorf("written again an hour later")
	}
	clock = clock.Add(SharedEvery)
	if path, _ := WriteSharedBundle(context.Background(), g, "test", false); path != first {
		t.Errorf("a day later: %q, want the same name %q", path, first)
	}
	if left := leftBehind(t, dir); len(left) != 1 {
		t.Errorf("the folder holds %v", left)
	}
	c := memStore(t)
	f := &Folder{Dir: dir, Now: func() time.Time { return time.Now().Add(time.Minute) }}
	if sum, err := f.Run(context.Background(), c); err != nil || sum.Imported != 1 {
		t.Errorf("collected %+v, %v", sum, err)
	}
}
