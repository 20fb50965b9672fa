package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// savedFile collects what a save dialog's file receives.
type savedFile struct{ *bytes.Buffer }

func (savedFile) Close() error { return nil }

// TestPetitionFileSaveAndOpen saves the demo petition to a petition file
// and opens it again: a second petition with the same fields appears;
// a bad file gets a message naming the field and creates nothing.
func TestPetitionFileSaveAndOpen(t *testing.T) {
	st, _ := newTestState(t, true)
	d := fakeDialogs(st)
	var file bytes.Buffer
	d.saveFile = func(_ fyne.Window, name string, write func(io.WriteCloser)) {
		if !strings.HasSuffix(name, ".json") {
			t.Errorf("suggested name %q", name)
		}
		write(savedFile{&file})
	}
	s := newPetitionsScreen(st)
	show(st, s.content)
	test.Tap(s.saveFileBtn)
	if !strings.Contains(file.String(), `"format": "petitiondesk-petition"`) {
		t.Fatalf("saved file:\n%s", file.String())
	}
	d.openFile = func(_ fyne.Window, read func(io.ReadCloser)) { read(io.NopCloser(bytes.NewReader(file.Bytes()))) }
	test.Tap(s.openFileBtn)
	list, _ := st.store.Petitions()
	if len(list) != 2 || list[0].Letter != list[1].Letter || list[1].Reference != list[0].Reference {
		t.Fatalf("after opening the file: %d petitions", len(list))
	}
	bad := strings.Replace(file.String(), `"deadline": "`, `"deadline": "x`, 1)
	d.openFile = func(_ fyne.Window, read func(io.ReadCloser)) { read(io.NopCloser(strings.NewReader(bad))) }
	test.Tap(s.openFileBtn)
	if list, _ := st.store.Petitions(); len(list) != 2 {
		t.Errorf("a bad file created a petition")
	}
	if msg := dialogText(st.win); !strings.Contains(msg, `"petition.deadline"`) {
		t.Errorf("message %q does not name the field", msg)
	}
}
