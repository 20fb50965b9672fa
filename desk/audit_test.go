package desk

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// deskNow is the demo's day; the store keeps its own clock, so audit
// entries are ordered as written.
var deskNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func demoStore(t *testing.T) (*store.Store, *petition.Petition) {
	t.Helper()
	s, err := store.Open(store.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(deskNow)
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

// action is one user action that writes a file, as the table runs it.
type action struct {
	name     string
	file     string
	kind     string // the export entry's kind; "" for a person's data
	personal bool
	// run writes the file at path and returns the signature rows the
	// audit entry must count.
	run func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (rows int, err error)
	// cancels: the action stops when its context is cancelled (a backup
	// and a person's data are short and run to their end).
	cancels bool
}

func actions() []action {
	return []action{
		{name: "Excel summary with signers", file: "s.xlsx", kind: "xlsx", personal: true, cancels: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				res, err := ExportSummary(ctx, s, SummaryOptions{Path: path, PersonalData: true, Petitions: []string{p.ID}, Now: deskNow}, nil)
				return res.Signatures, err
			}},
		{name: "Excel summary without signers", file: "s.xlsx", kind: "xlsx", cancels: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				_, err := ExportSummary(ctx, s, SummaryOptions{Path: path, Petitions: []string{p.ID}, Now: deskNow}, nil)
				return 0, err
			}},
		{name: "CSV totals", file: "t.csv", kind: "csv", cancels: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				return 0, ExportCSV(ctx, s, CSVOptions{Path: path, Petitions: []string{p.ID}, Now: deskNow}, nil)
			}},
		{name: "petition pack", file: "p.pdf", kind: "pdf-pack", personal: true, cancels: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				res, err := ExportPack(ctx, s, PackOptions{Path: path, Petition: p}, nil)
				return res.Signatures * res.Targets, err
			}},
		{name: "backup", file: "b.backup", kind: "backup", personal: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				return 0, Backup(ctx, s, path)
			}},
		{name: "a person's data", file: "person.json", personal: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				ids := signatureIDs(s, p, 2)
				return len(ids), ExportPerson(ctx, s, path, ids)
			}},
	}
}

// signatureIDs returns the ids of the petition's first n signatures.
func signatureIDs(s *store.Store, p *petition.Petition, n int) []string {
	var ids []string
	s.ForEachSignature(p.ID, func(sig *petition.Signature) error {
		if len(ids) < n {
			ids = append(ids, sig.ID)
		}
		return nil
	})
	return ids
}

// TestEveryExportIsAudited pins the rule: each action that writes a file
// leaves exactly one audit entry, with its kind, whether it holds
// personal data and how many signature rows; a file with personal data
// is the user's alone (0600), others are readable like any document.
func TestEveryExportIsAudited(t *testing.T) {
	for _, a := range actions() {
		t.Run(a.name, func(t *testing.T) {
			s, p := demoStore(t)
			path := filepath.Join(t.TempDir(), a.file)
			before := auditCount(t, s)
			rows, err := a.run(context.Background(), s, p, path)
			if err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			want := map[bool]os.FileMode{false: 0o644, true: 0o600}[a.personal]
			if err != nil || fi.Mode().Perm() != want {
				t.Fatalf("file %v (%v), want mode %v", fi, err, want)
			}
			list := newEntries(t, s, before)
			if len(list) != 1 {
				t.Fatalf("%d audit entries, want 1: %+v", len(list), list)
			}
			checkEntry(t, a, list[0], rows, p.ID)
			if left := leftBehind(t, filepath.Dir(path)); len(left) != 1 {
				t.Errorf("the folder holds %v, want only %s", left, a.file)
			}
		})
	}
}

func checkEntry(t *testing.T, a action, e store.AuditEntry, rows int, pid string) {
	t.Helper()
	if a.kind == "" {
		if e.Action != store.ActionPersonExport || e.Count != rows {
			t.Errorf("entry %+v, want %s of %d rows", e, store.ActionPersonExport, rows)
		}
		return
	}
	if e.Action != store.ActionExport || e.Details["kind"] != a.kind || e.Details["personal_data"] != a.personal || e.Count != rows {
		t.Errorf("entry %+v, want kind %s, personal data %v, %d rows", e, a.kind, a.personal, rows)
	}
	if a.kind != "backup" && e.PetitionID != pid {
		t.Errorf("entry %+v does not name the petition", e)
	}
}

// TestFailedExportLeavesNothing: an export that fails (the folder is
// gone) or is cancelled leaves no file, no temporary file and no audit
// entry: nothing left the app, so the log has nothing to record.
func TestFailedExportLeavesNothing(t *testing.T) {
	for _, a := range actions() {
		t.Run(a.name, func(t *testing.T) {
			s, p := demoStore(t)
			dir := t.TempDir()
			before := auditCount(t, s)
			if _, err := a.run(context.Background(), s, p, filepath.Join(dir, "gone", a.file)); err == nil {
				t.Fatal("writing into a missing folder succeeded")
			}
			if a.cancels {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				if _, err := a.run(ctx, s, p, filepath.Join(dir, a.file)); !errors.Is(err, context.Canceled) {
					t.Fatalf("a cancelled export returned %v", err)
				}
			}
			if left := leftBehind(t, dir); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
			if list := newEntries(t, s, before); len(list) != 0 {
				t.Errorf("a failed export was audited: %+v", list)
			}
		})
	}
}

func auditCount(t *testing.T, s *store.Store) int {
	t.Helper()
	list, err := s.AuditEntries(store.AuditFilter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// newEntries returns the entries written after the first before ones,
// oldest first.
func newEntries(t *testing.T, s *store.Store, before int) []store.AuditEntry {
	t.Helper()
	var list []store.AuditEntry
	n := 0
	err := s.ForEachAudit(store.AuditFilter{}, func(e store.AuditEntry) error {
		if n++; n > before {
			list = append(list, e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func leftBehind(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
