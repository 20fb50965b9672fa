package store

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/petition"
)

// TestPublicErrorsCarryContext: an error leaving a public method says
// which operation failed ("store: reading petition …: …"), exactly once,
// and still matches its sentinel or type, so the front ends can word it.
func TestPublicErrorsCarryContext(t *testing.T) {
	dir := t.TempDir()
	disk := diskStore(t, dir, "")
	defer disk.Close()
	s := memStore(t)
	closed := newPetition(t, s, 10)
	closed.Status = petition.StatusClosed
	must(t, s.UpdatePetition(closed))
	full := memStore(t)
	open := newPetition(t, full, 10)
	full.readOnly = &diskspace.FullError{Path: "/data", Need: 40 << 20, Free: 8 << 20}
	tests := []struct {
		name    string
		err     error
		context string
		is      error
	}{
		{"petition", func() error { _, err := s.PetitionByID("no-such-id"); return err }(), "store: reading petition no-such-id: ", ErrNotFound},
		{"signature", func() error { _, err := s.SignatureByID("no-such-id"); return err }(), "store: reading signature no-such-id: ", ErrNotFound},
		{"erase", func() error { _, err := s.EraseSignature("no-such-id"); return err }(), "store: erasing signature no-such-id: ", ErrNotFound},
		{"sign closed", s.AddSignature(closed.ID, person("Anna Müller", "3011")), "store: saving a signature: ", ErrPetitionNotActive},
		{"sign on a full disk", full.AddSignature(open.ID, person("Anna Müller", "3011")), "store: saving a signature: ", diskspace.ErrFull},
		{"restore", s.Restore(bytes.NewReader([]byte("not a backup")), "", true), "store: restoring a backup: ", ErrNotBackup},
		{"second open", func() error { _, err := Open(Options{Dir: dir}); return err }(), "store: opening the database in " + dir + ": ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error")
			}
			msg := tc.err.Error()
			if !strings.HasPrefix(msg, tc.context) || strings.Count(msg, "store: ") != 1 {
				t.Errorf("got %q, want it to start with %q, with one store context", msg, tc.context)
			}
			if tc.is != nil && !errors.Is(tc.err, tc.is) {
				t.Errorf("%q does not match %v", msg, tc.is)
			}
		})
	}
	if _, err := Open(Options{Dir: dir}); !errors.As(err, new(*AlreadyOpenError)) {
		t.Errorf("a second open is not an AlreadyOpenError: %v", err)
	}
}

// TestNestedCallsWrapOnce: a public method that calls another keeps the
// inner, more precise context rather than stacking a second one.
func TestNestedCallsWrapOnce(t *testing.T) {
	s := memStore(t)
	err := s.StrikeDuplicates([]DuplicatePair{{Later: petition.Signature{ID: "no-such-id"}}})
	if !errors.Is(err, ErrNotFound) || strings.Count(err.Error(), "store: ") != 1 {
		t.Fatalf("got %v", err)
	}
}
