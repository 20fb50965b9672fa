package ui

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func TestPlainProblems(t *testing.T) {
	t.Parallel()
	setLanguage("en")
	tests := []struct {
		err   error
		plain bool
		want  string
	}{
		{fmt.Errorf("writing to disk: %w", syscall.ENOSPC), true, "The disk is full"},
		{fmt.Errorf("saving: %w", &diskspace.FullError{Path: "/d", Need: 40 << 20, Free: 8 << 20}), true, "nearly full: nothing was saved. Free at least 32.0 MB"},
		{petition.ValidationError{{Field: "name", Message: "Please enter your full name."}}, true, "Please enter your full name."},
		{store.ErrPetitionNotActive, true, "not collecting"},
		{&store.AlreadyOpenError{Dir: "/data"}, true, "(window or command) has /data open"},
		{store.ErrWrongPassphrase, true, "passphrase is wrong"},
		{fmt.Errorf("%w (%w)", store.ErrNotPurged, errors.New("disk gone")), true, "could not make sure that the old copies are gone"},
		{fmt.Errorf("a stored signature is damaged"), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.err.Error(), func(t *testing.T) {
			msg, ok := plainProblem(tc.err)
			if ok != tc.plain || !strings.Contains(msg, tc.want) {
				t.Errorf("got %q (%v), want %q (%v)", msg, ok, tc.want, tc.plain)
			}
		})
	}
}

// TestSaveFailureKeepsTheEntry: when saving fails (here: the petition
// was closed meanwhile), the signer is told plainly and nothing typed is lost.
func TestSaveFailureKeepsTheEntry(t *testing.T) {
	st, _ := newTestState(t, true)
	k := startKiosk(t, st)
	p := *st.petition()
	p.Status = petition.StatusClosed
	if err := st.store.UpdatePetition(&p); err != nil {
		t.Fatal(err)
	}
	fillForm(k, signer{"Nora Behalten", "Gasse 4", "3011", "Bern", "Switzerland"})
	test.Tap(k.sign)
	if k.name.entry.Text != "Nora Behalten" || len(k.pad.strokes) == 0 {
		t.Error("the entry was lost when saving failed")
	}
	if !strings.Contains(dialogText(st.win), "not collecting") {
		t.Errorf("no plain message: %q", dialogText(st.win))
	}
}

// TestOpenOnNearlyFullDisk: the window refuses to open a database whose
// disk is nearly full with a plain message saying how much to free.
func TestOpenOnNearlyFullDisk(t *testing.T) {
	test.NewTempApp(t)
	setLanguage("en")
	o := &opener{win: test.NewTempWindow(t, nil), dir: "/data"}
	o.result(nil, &diskspace.FullError{Path: "/data", Need: 40 << 20, Free: 8 << 20}, false)
	got := strings.Join(windowTexts(o.win), " ")
	if !strings.Contains(got, "The disk holding /data is nearly full: free at least 32.0 MB") {
		t.Fatalf("window says %q", got)
	}
}
