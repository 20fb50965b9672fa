package store

import (
	"errors"
	"strings"
	"testing"
)

// failingPurge is purgeSteps that fail: the rewrite itself (once) or the
// check that no old version is left (check), or old versions that stay.
type failingPurge struct {
	once_, check error
	old          bool
	calls        int
}

func (f *failingPurge) once() error { f.calls++; return f.once_ }

func (f *failingPurge) oldVersions([][]byte) (bool, error) { return f.old, f.check }

// TestPurgeFailureIsReported: an erasure whose purge fails (the files
// cannot be rewritten, the check fails, or old versions stay after four
// tries) keeps the erasure, returns ErrNotPurged, writes a purge-failed
// audit entry without personal data, and leaves a retry that the next
// retention run (every start) performs.
func TestPurgeFailureIsReported(t *testing.T) {
	cases := []struct {
		name  string
		steps *failingPurge
		tries int
	}{
		{"rewrite fails", &failingPurge{once_: errors.New("disk gone")}, 1},
		{"check fails", &failingPurge{check: errors.New("read error")}, 1},
		{"old versions stay", &failingPurge{old: true}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := diskStore(t, t.TempDir(), "")
			defer s.Close()
			p, err := s.CreateDemo(testNow)
			if err != nil {
				t.Fatal(err)
			}
			sigs, _, err := s.SignaturesPage(p.ID, Cursor{}, 1)
			if err != nil || len(sigs) == 0 {
				t.Fatal(err)
			}
			name := sigs[0].Name
			s.purgeSteps = c.steps
			reps, err := s.EraseSignatures([]string{sigs[0].ID})
			if !errors.Is(err, ErrNotPurged) || len(reps) != 1 || c.steps.calls != c.tries {
				t.Fatalf("err %v, %d reports, %d tries", err, len(reps), c.steps.calls)
			}
			if got, _ := s.SignatureByID(sigs[0].ID); !got.ErasedPerson {
				t.Fatal("the erasure itself was lost")
			}
			entries, err := s.AuditEntries(AuditFilter{Action: ActionPurgeFailed}, 10)
			if err != nil || len(entries) != 1 {
				t.Fatalf("audit: %v %v", entries, err)
			}
			if text := strings.ToLower(strings.Join(auditTexts(entries), " ")); strings.Contains(text, strings.ToLower(name)) {
				t.Fatalf("the audit entry names the signer: %s", text)
			}
			// The next start purges again; it works now, and the mark goes.
			s.purgeSteps = nil
			if _, err := s.ApplyRetention(); err != nil {
				t.Fatalf("retry: %v", err)
			}
			c.steps.calls = 0
			s.purgeSteps = c.steps
			if _, err := s.ApplyRetention(); err != nil || c.steps.calls != 0 {
				t.Fatalf("a purge ran again with nothing pending: %v, %d", err, c.steps.calls)
			}
		})
	}
}

// TestPendingPurgeFailingAgainDoesNotStopRetention: a retry that fails
// again is reported, not fatal: retention goes on.
func TestPendingPurgeFailingAgainDoesNotStopRetention(t *testing.T) {
	s := diskStore(t, t.TempDir(), "")
	defer s.Close()
	p, err := s.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	s.purgeSteps = &failingPurge{once_: errors.New("disk gone")}
	if _, err := s.ErasePetitionData(p.ID, ActionEraseNow); !errors.Is(err, ErrNotPurged) {
		t.Fatal(err)
	}
	if _, err := s.ApplyRetention(); !errors.Is(err, ErrNotPurged) {
		t.Fatalf("the failed retry was not reported: %v", err)
	}
}

func auditTexts(entries []AuditEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
		for k, v := range e.Details {
			out = append(out, k, strings.TrimSpace(strings.ReplaceAll(strings.ToLower(toText(v)), "\n", " ")))
		}
	}
	return out
}

func toText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}
