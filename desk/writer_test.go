package desk

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/store"
)

// buffer is a file the window's save dialog opened; failing makes its
// Close fail, as a full disk would.
type buffer struct {
	bytes.Buffer
	failing bool
}

func (b *buffer) Close() error {
	if b.failing {
		return errors.New("disk full")
	}
	return nil
}

// TestWriterExportsAreAudited: what the window writes into a file its
// dialog opened (a person's data, the audit log) is audited once it is
// closed, and not when closing fails.
func TestWriterExportsAreAudited(t *testing.T) {
	s, p := demoStore(t)
	ids := signatureIDs(s, p, 1)
	for _, failing := range []bool{false, true} {
		before := auditCount(t, s)
		w := &buffer{failing: failing}
		err := WritePerson(context.Background(), s, w, ids)
		checkWriterAudit(t, s, before, failing, err, store.ActionPersonExport)
		before = auditCount(t, s)
		w = &buffer{failing: failing}
		_, err = WriteAuditLog(context.Background(), s, w, store.AuditFilter{}, nil)
		checkWriterAudit(t, s, before, failing, err, store.ActionExport)
		if !failing && !strings.Contains(w.String(), store.ActionPersonExport) {
			t.Errorf("the audit log lacks the person's export:\n%s", w.String())
		}
	}
}

func checkWriterAudit(t *testing.T, s *store.Store, before int, failing bool, err error, action string) {
	t.Helper()
	list := newEntries(t, s, before)
	switch {
	case failing && (err == nil || len(list) != 0):
		t.Errorf("a failed %s: %v, %d entries", action, err, len(list))
	case !failing && (err != nil || len(list) != 1 || list[0].Action != action):
		t.Errorf("%s: %v, entries %+v", action, err, list)
	}
}
