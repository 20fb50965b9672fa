package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// TestPlainProblemsLookThroughTheStore: a known cause reaches the user as
// its plain sentence however the store wrapped it, never with the store's
// context, Badger's or the system's own words.
func TestPlainProblemsLookThroughTheStore(t *testing.T) {
	t.Parallel()
	setLanguage("en")
	dir := t.TempDir()
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, locked := store.Open(store.Options{Dir: dir})
	_, missing := s.PetitionByID("no-such-id")
	_, noFile := os.Open(filepath.Join(dir, "chosen.bundle"))
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"disk full", fmt.Errorf("store: saving a signature: %w", &fs.PathError{Op: "write", Path: "/d/000012.vlog", Err: syscall.ENOSPC}), "The disk is full: nothing was saved."},
		{"nearly full", fmt.Errorf("store: saving a signature: %w", &diskspace.FullError{Path: "/d", Need: 40 << 20, Free: 8 << 20}), "The disk is nearly full: nothing was saved. Free at least 32.0 MB"},
		{"locked", locked, "Another Petition Desk (window or command) has " + dir + " open."},
		{"wrong passphrase", fmt.Errorf("store: opening the database in /d: %w", store.ErrWrongPassphrase), "The passphrase is wrong. Nothing was opened or changed."},
		{"passphrase needed", fmt.Errorf("store: opening the database in /d: %w", store.ErrPassphraseNeeded), "This database is encrypted: enter its passphrase to open it."},
		{"newer schema", fmt.Errorf("store: opening the database in /d: %w", store.ErrNewerSchema), "This database was written by a newer Petition Desk"},
		{"not found", missing, "This record no longer exists."},
		{"no such file", noFile, filepath.Join(dir, "chosen.bundle") + " does not exist (any more)."},
		{"permission denied", fmt.Errorf("reading: %w", &fs.PathError{Op: "open", Path: "/home/b.bundle", Err: syscall.EACCES}), "Petition Desk may not open /home/b.bundle."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msg, ok := plainProblem(tc.err)
			low := strings.ToLower(msg)
			if !ok || !strings.HasPrefix(msg, tc.want) || strings.Contains(msg, "store:") || strings.Contains(low, "badger") ||
				strings.Contains(low, "no space left") || strings.Contains(low, "permission denied") || strings.Contains(low, "no such file") {
				t.Errorf("%v: got %q (%v), want %q", tc.err, msg, ok, tc.want)
			}
		})
	}
}
