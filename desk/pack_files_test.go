package desk

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/petitiondesk/petitiondesk/export"
)

// names are the base names of paths.
func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// TestPackInParts writes the demo pack in files of 4 pages, then whole:
// the result lists the files, and the second pack removes the first
// one's parts, which would otherwise lie next to it, stale.
func TestPackInParts(t *testing.T) {
	s, p := demoStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "pack.pdf")
	opt := PackOptions{Path: path, Petition: p, PackOptions: export.PackOptions{PartPages: 4}}
	res, err := ExportPack(context.Background(), s, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"pack-target-1-part-01-of-02.pdf", "pack-target-1-part-02-of-02.pdf",
		"pack-target-2-part-01-of-02.pdf", "pack-target-2-part-02-of-02.pdf"}
	if got := names(res.Paths); !slices.Equal(got, want) {
		t.Fatalf("files %q, want %q", got, want)
	}
	if left := leftBehind(t, dir); !slices.Equal(left, want) {
		t.Errorf("folder holds %q", left)
	}
	for _, p := range res.Paths {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v: want owner-only", p, err, fi.Mode())
		}
	}
	opt.PartPages = 0
	res, err = ExportPack(context.Background(), s, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.Paths); !slices.Equal(got, []string{"pack.pdf"}) {
		t.Errorf("files %q, want pack.pdf", got)
	}
	if got := names(res.Removed); !slices.Equal(got, want) {
		t.Errorf("removed %q, want the parts %q", got, want)
	}
	if left := leftBehind(t, dir); !slices.Equal(left, []string{"pack.pdf"}) {
		t.Errorf("folder holds %q", left)
	}
}

// TestPackInPartsAllOrNone: a cancel after the first file was written,
// and a rename that fails for the second file, both leave the folder as
// it was.
func TestPackInPartsAllOrNone(t *testing.T) {
	s, p := demoStore(t)
	dir := t.TempDir()
	opt := PackOptions{Path: filepath.Join(dir, "pack.pdf"), Petition: p, PackOptions: export.PackOptions{PartPages: 4}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := func(done, _ int) {
		if done == 6 { // the first file is written
			cancel()
		}
	}
	if _, err := ExportPack(ctx, s, opt, stop); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled pack: %v", err)
	}
	if left := leftBehind(t, dir); len(left) != 0 {
		t.Errorf("a cancelled pack left %q", left)
	}
	// A folder in the way of the second part makes its rename fail.
	blocker := filepath.Join(dir, "pack-target-1-part-02-of-02.pdf")
	if err := os.MkdirAll(filepath.Join(blocker, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportPack(context.Background(), s, opt, nil); err == nil {
		t.Error("a pack whose part cannot be named succeeded")
	}
	if left := leftBehind(t, dir); !slices.Equal(left, []string{filepath.Base(blocker)}) {
		t.Errorf("a failed pack left %q", left)
	}
}
