package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a table with a header row (the scan results,
// the sheets): its title, an English message translated when shown, its
// width, and cell, which gives the text of the column's cell in row r
// and may colour l (its importance starts as medium for every cell).
type column[R any] struct {
	title string
	width float32
	cell  func(r R, l *widget.Label) string
}

// newHeadedTable is a table of count() rows under a bold header of the
// columns' titles; row(i) is the row the cells of line i show. The caller
// sets what selecting a cell does.
func newHeadedTable[R any](cols []column[R], count func() int, row func(i int) R) *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return count(), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Importance = widget.MediumImportance
			l.Truncation = fyne.TextTruncateEllipsis
			if id.Row >= count() || id.Col >= len(cols) {
				l.SetText("") // the table asks for a line that was just removed
				return
			}
			l.SetText(cols[id.Col].cell(row(id.Row), l))
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(T(cols[id.Col].title))
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}
