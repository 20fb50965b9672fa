package desk

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryWritesNowhereElse: the Excel summary with names writes its
// destination's temporary name and then the file, and nothing else: not
// in the system's temporary folder, not beside the file, not even while
// it is being written.
func TestSummaryWritesNowhereElse(t *testing.T) {
	s, p := demoStore(t)
	tmp, dir := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(dir, "s.xlsx")
	calls := 0
	progress := func(done, total int) {
		calls++
		if left := leftBehind(t, tmp); len(left) > 0 {
			t.Errorf("at %d of %d the temporary folder holds %v", done, total, left)
		}
		if left := leftBehind(t, dir); len(left) != 1 || !strings.HasPrefix(left[0], ".petitiondesk-") {
			t.Errorf("at %d of %d the folder holds %v, want only the file's temporary name", done, total, left)
		}
	}
	opt := SummaryOptions{Path: path, PersonalData: true, Scope: Scope{Petitions: []string{p.ID}, Now: deskNow}}
	if _, err := ExportSummary(context.Background(), s, opt, progress); err != nil {
		t.Fatal(err)
	}
	if calls < 2 {
		t.Fatalf("progress called %d times", calls)
	}
	if left := leftBehind(t, dir); len(left) != 1 || left[0] != "s.xlsx" {
		t.Errorf("the folder holds %v, want only s.xlsx", left)
	}
	if left := leftBehind(t, tmp); len(left) > 0 {
		t.Errorf("the temporary folder holds %v", left)
	}
}
