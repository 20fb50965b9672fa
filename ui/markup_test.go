package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Snapshots of three screens on the demo data, in Fyne's markup: a
// change to their layout or words shows up as a diff in testdata/.
// After an intended change, copy testdata/failed/*.xml over testdata/.
func TestMarkupSnapshots(t *testing.T) {
	tests := []struct {
		file  string
		build func(st *appState) fyne.CanvasObject
		size  fyne.Size
	}{
		{"petitions_list.xml", func(st *appState) fyne.CanvasObject { return newPetitionsScreen(st).content }, fyne.NewSize(1000, 300)},
		{"signing_form.xml", func(st *appState) fyne.CanvasObject {
			k := newKiosk(st, *st.petition(), newPINLock("2468"), "Stall", "Lea")
			k.refreshCount()
			return k.content
		}, fyne.NewSize(1280, 800)},
		{"sheet_rows.xml", func(st *appState) fyne.CanvasObject {
			s := newSheetsScreen(st)
			s.table.Select(widget.TableCellID{Row: 1, Col: 0})
			s.onOpen()
			return s.content
		}, fyne.NewSize(1000, 420)},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			st, _ := newTestState(t, true)
			st.win.SetContent(tc.build(st))
			st.win.Resize(tc.size)
			test.AssertRendersToMarkup(t, tc.file, st.win.Canvas())
		})
	}
}
