package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// nopCloser is a buffer the file stubs write to.
type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

// stubSave makes st's chooseSaveFile write to buf and remember the name offered.
func stubSave(st *appState, buf *bytes.Buffer, name *string) {
	fakeDialogs(st).saveFile = func(_ fyne.Window, n string, write func(io.WriteCloser)) {
		*name = n
		write(nopCloser{buf})
	}
}

func TestEditorRetentionDays(t *testing.T) {
	st, _ := newTestState(t, true)
	p := *st.petition()
	e := newEditor(st, &p, func() {})
	show(st, e.content)
	if e.retention.entry.Text != "30" {
		t.Fatalf("the demo's retention shows %q, want the default 30", e.retention.entry.Text)
	}
	tests := []struct {
		text    string
		wantErr bool
	}{{"0", false}, {"90", false}, {"3650", false}, {"3651", true}, {"-1", true}, {"a month", true}, {"", true}}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			e.retention.entry.SetText(tc.text)
			if err := e.retention.check(); (err != nil) != tc.wantErr {
				t.Errorf("%q: err = %v, want error %v", tc.text, err, tc.wantErr)
			}
		})
	}
	e.retention.entry.SetText("90")
	e.onSave()
	got, err := st.store.PetitionByID(p.ID)
	if err != nil || got.RetentionDays != 90 {
		t.Fatalf("saved retention %d (%v), want 90", got.RetentionDays, err)
	}
}

// TestEraseNow: "Erase personal data now" on the Privacy screen leaves
// no signer's name in the petition, and the screen says it was erased.
func TestEraseNow(t *testing.T) {
	st, _ := newTestState(t, true)
	v := newPrivacyScreen(st)
	show(st, v.content)
	pid := st.petition().ID
	if !strings.Contains(strings.Join(windowTexts(st.win), " "), "Not delivered yet") {
		t.Error("the demo petition is not delivered: the screen must say the time starts on delivery")
	}
	test.Tap(v.erase[pid])
	tapDialogButton(t, st.win, "Erase")
	if text := dialogText(st.win); !strings.Contains(text, "erased the personal data") {
		t.Fatalf("no report of the erasure: %q", text)
	}
	err := st.store.ForEachSignature(pid, func(sig *petition.Signature) error {
		if sig.Name != "" || !sig.ErasedPerson {
			t.Errorf("row %d kept its name", sig.Row)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(mustAudit(t, st.store, store.ActionEraseNow)) != 1 {
		t.Error("the erasure is not in the audit log")
	}
}

// TestRetentionNotice: what the retention timer erased shows under the
// screens without a dialog in the way.
func TestRetentionNotice(t *testing.T) {
	st, _ := newTestState(t, true)
	p := *st.petition()
	p.Status, p.DeliveredOn, p.RetentionDays = petition.StatusDelivered, petition.DateOf(testNow).AddDays(-40), 30
	if err := st.store.UpdatePetition(&p); err != nil {
		t.Fatal(err)
	}
	m := openMain(st)
	reps, err := st.store.ApplyRetention()
	if err != nil || len(reps) != 1 {
		t.Fatalf("retention: %v, %v", reps, err)
	}
	showRetention(st, reps, nil)
	if !m.notices.box.Visible() || !strings.Contains(m.notices.text.Text, "retention time after delivery ran out") {
		t.Fatalf("notice %q (shown %v)", m.notices.text.Text, m.notices.box.Visible())
	}
	if st.win.Canvas().Overlays().Top() != nil {
		t.Error("the retention notice must not open a dialog")
	}
}

func TestConfirmPersonalExport(t *testing.T) {
	st, _ := newTestState(t, true)
	wrote := false
	confirmPersonalExport(st.win, "the signatures of UA 147/20", func() { wrote = true })
	if text := dialogText(st.win); !strings.Contains(text, "names and addresses") {
		t.Fatalf("no warning: %q", text)
	}
	tapDialogButton(t, st.win, "Cancel")
	if wrote {
		t.Fatal("Cancel wrote the file")
	}
	confirmPersonalExport(st.win, "the signatures of UA 147/20", func() { wrote = true })
	tapDialogButton(t, st.win, "Write the file")
	if !wrote {
		t.Fatal("Write the file did nothing")
	}
	if got := personalFileName(st, "UA 147/20 signatures", true, "xlsx"); got != "UA 147-20 signatures personal data 2025-11-03.xlsx" {
		t.Errorf("file name %q", got)
	}
}
