package ui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/store"
)

// TestNearlyFullDiskKeepsTheEntry: on a real, nearly full disk (a tmpfs
// the test mounts, which needs root) saving is refused before Badger
// writes anything, the signer reads how much space to free, and the typed
// entry stays; once space is freed the same entry saves.
func TestNearlyFullDiskKeepsTheEntry(t *testing.T) {
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=64m,mode=0700"); err != nil {
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("cannot mount a small tmpfs to fill (this needs root): %v", err)
		}
		t.Skipf("cannot mount a small tmpfs to fill (this needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	st, _ := newTestState(t, false)
	s, err := store.Open(store.Options{Dir: filepath.Join(mnt, "data"), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	st.store, st.current = s, p
	k := startKiosk(t, st)
	before := valid(t, st)
	filler := filepath.Join(mnt, "filler")
	fillTo(t, filler, 1<<20)
	fillForm(k, signer{"Nora Behalten", "Gasse 4", "3011", "Bern", "Switzerland"})
	test.Tap(k.sign)
	if k.name.entry.Text != "Nora Behalten" || len(k.pad.strokes) == 0 {
		t.Error("the entry was lost when the disk was full")
	}
	if msg := dialogText(st.win); !strings.Contains(msg, "nearly full") || !strings.Contains(msg, "Free at least") {
		t.Errorf("no plain message: %q", msg)
	}
	os.Remove(filler)
	test.Tap(k.sign)
	if got := valid(t, st); got != before+1 {
		t.Fatalf("after freeing space: %d valid, want %d", got, before+1)
	}
}

// fillTo writes a filler file leaving about free bytes on its disk.
func fillTo(t *testing.T, path string, free int64) {
	t.Helper()
	avail, err := diskspace.Free(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Fallocate(int(f.Fd()), 0, 0, avail-free); err != nil {
		t.Fatal(err)
	}
}
