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
	"github.com/petitiondesk/petitiondesk/store/bundle"
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
	private  bool // owner-only without personal data (a bundle)
	// run writes the file at path and returns the signature rows the
	// audit entry must count.
	run func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (rows int, err error)
}

func actions() []action {
	return []action{
		{name: "Excel summary with signers", file: "s.xlsx", kind: "xlsx", personal: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				res, err := ExportSummary(ctx, s, SummaryOptions{Path: path, PersonalData: true, Scope: Scope{Petitions: []string{p.ID}, Now: deskNow}}, nil)
				return res.Signatures, err
			}},
		{name: "Excel summary without signers", file: "s.xlsx", kind: "xlsx",
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				_, err := ExportSummary(ctx, s, SummaryOptions{Path: path, Scope: Scope{Petitions: []string{p.ID}, Now: deskNow}}, nil)
				return 0, err
			}},
		{name: "campaign file", file: "c.json", kind: "campaign",
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				_, err := ExportCampaign(ctx, s, path, p)
				return 0, err
			}},
		{name: "CSV totals", file: "t.csv", kind: "csv",
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				return 0, ExportCSV(ctx, s, CSVOptions{Path: path, Scope: Scope{Petitions: []string{p.ID}, Now: deskNow}}, nil)
			}},
		{name: "petition pack", file: "p.pdf", kind: "pdf-pack", personal: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				res, err := ExportPack(ctx, s, PackOptions{Path: path, Petition: p}, nil)
				return res.Signatures * res.Targets, err
			}},
		{name: "blank sheets", file: "b.pdf", kind: "blank",
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				_, err := ExportBlank(ctx, s, BlankOptions{Path: path, Petition: p, Sheets: 2}, nil)
				return 0, err
			}},
		{name: "bundle to the coordinator's key", file: "k.bundle", kind: "bundle", personal: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				m, err := ExportBundle(ctx, s, bundleOptions(path, p, false, coordinatorKey), nil)
				return signatures(m), err
			}},
		{name: "bundle with a passphrase", file: "p.bundle", kind: "bundle", personal: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				opt := bundleOptions(path, p, false, "")
				opt.Passphrase = "correct horse battery"
				m, err := ExportBundle(ctx, s, opt, nil)
				return signatures(m), err
			}},
		{name: "bundle of counts only", file: "c.bundle", kind: "bundle", private: true,
			run: func(ctx context.Context, s *store.Store, p *petition.Petition, path string) (int, error) {
				m, err := ExportBundle(ctx, s, bundleOptions(path, p, true, ""), nil)
				return signatures(m), err
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

// coordinatorKey is a coordinator's public key, made once.
var coordinatorKey = func() string {
	_, public, err := bundle.NewKey(deskNow)
	if err != nil {
		panic(err)
	}
	return public
}()

func bundleOptions(path string, p *petition.Petition, counts bool, to string) BundleOptions {
	return BundleOptions{Path: path, To: to,
		ExportOptions: store.ExportOptions{Petitions: []string{p.ID}, CountsOnly: counts, AppVersion: "test"}}
}

// signatures is what a bundle's audit entry counts.
func signatures(m *bundle.Manifest) int {
	if m == nil {
		return 0
	}
	return m.Counts.Signatures
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
			want := map[bool]os.FileMode{false: 0o644, true: 0o600}[a.personal || a.private]
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
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := a.run(ctx, s, p, filepath.Join(dir, a.file)); !errors.Is(err, context.Canceled) {
				t.Fatalf("a cancelled export returned %v", err)
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

// TestCancelledMidwayLeavesNothing: Cancel pressed while the file is
// written (here at the first progress report) leaves no file and no
// entry either.
func TestCancelledMidwayLeavesNothing(t *testing.T) {
	s, p := demoStore(t)
	dir := t.TempDir()
	before := auditCount(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := func(int, int) { cancel() }
	if _, err := ExportSummary(ctx, s, SummaryOptions{Path: filepath.Join(dir, "s.xlsx"), PersonalData: true}, stop); !errors.Is(err, context.Canceled) {
		t.Errorf("summary: %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	stop = func(int, int) { cancel() }
	if _, err := ExportPack(ctx, s, PackOptions{Path: filepath.Join(dir, "p.pdf"), Petition: p}, stop); !errors.Is(err, context.Canceled) {
		t.Errorf("pack: %v, want context.Canceled", err)
	}
	if left := leftBehind(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if list := newEntries(t, s, before); len(list) != 0 {
		t.Errorf("a cancelled export was audited: %+v", list)
	}
}
