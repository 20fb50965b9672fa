package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func TestAuditScreen(t *testing.T) {
	st, _ := newTestState(t, true)
	var first string
	st.store.ForEachSignature(st.petition().ID, func(sig *petition.Signature) error {
		if first == "" && !sig.IsStruck() {
			first = sig.ID
		}
		return nil
	})
	if err := st.store.StrikeSignature(first, petition.StrikeIllegible); err != nil {
		t.Fatal(err)
	}
	v := newAuditScreen(st)
	show(st, v.content)
	if len(v.entries) < 2 {
		t.Fatalf("%d entries listed", len(v.entries))
	}
	if v.entries[0].Action != store.ActionStrike || v.entries[0].Time.Before(v.entries[len(v.entries)-1].Time) {
		t.Errorf("not newest first: %v first", v.entries[0].Action)
	}
	text := strings.Join(windowTexts(st.win), " ")
	if !strings.Contains(text, "Row struck out") || !strings.Contains(text, st.petition().Reference) {
		t.Errorf("the list does not say what happened where: %.300s", text)
	}
	tests := []struct {
		name         string
		action       int // index in the action filter (0 = all)
		since, until string
		want         func(n int) bool
	}{
		{"strikes only", 1 + actionIndex(store.ActionStrike), "", "", func(n int) bool { return n == 2 }}, // the demo strikes one row too
		{"from tomorrow", 0, "2025-11-04", "", func(n int) bool { return n == 0 }},
		{"until today", 0, "", "2025-11-03", func(n int) bool { return n >= 2 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v.action.SetSelectedIndex(tc.action)
			v.since.SetText(tc.since)
			v.until.SetText(tc.until)
			v.load()
			if !tc.want(len(v.entries)) {
				t.Errorf("%d entries", len(v.entries))
			}
		})
	}
	v.action.SetSelectedIndex(0)
	v.since.SetText("")
	v.until.SetText("")
	var buf bytes.Buffer
	var name string
	stubSave(st, &buf, &name)
	v.onExport()
	if !strings.HasPrefix(buf.String(), "time,action,petition_id") || !strings.Contains(buf.String(), store.ActionStrike) || strings.Contains(name, "personal") {
		t.Fatalf("CSV %q: %.200s", name, buf.String())
	}
}

func actionIndex(a string) int {
	for i, x := range auditActions {
		if x.action == a {
			return i
		}
	}
	return -1
}
