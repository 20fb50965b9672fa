package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/export"
)

// field is a labelled entry with its validation message underneath. The
// message shows while the text is wrong once something was typed, and
// for every field after a save attempt (showError), so an empty form
// does not greet people with red text.
type field struct {
	label *widget.Label
	entry *widget.Entry
	msg   *canvas.Text
	box   *fyne.Container
	// validated, if set, is called after the message changed with the text.
	validated func()
}

func newField(label string, validator func(string) error) *field {
	f := &field{label: widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), entry: widget.NewEntry()}
	f.entry.Validator = translated(validator)
	f.msg = canvas.NewText("", theme.Color(theme.ColorNameError))
	f.msg.TextSize = theme.CaptionTextSize() + 1
	f.msg.Hide()
	f.entry.SetOnValidationChanged(func(err error) {
		if f.entry.Text != "" || err == nil {
			f.setMessage(err)
		}
		if f.validated != nil {
			f.validated()
		}
	})
	f.box = container.NewVBox(f.label, f.entry, f.msg)
	return f
}

func newMultiField(label string, validator func(string) error, rows int) *field {
	f := newField(label, validator)
	f.entry.MultiLine, f.entry.Wrapping = true, fyne.TextWrapWord
	f.entry.SetMinRowsVisible(rows)
	return f
}

// translated wraps a petition validator so its message is in the window's language.
func translated(v func(string) error) func(string) error {
	if v == nil {
		return nil
	}
	return func(s string) error {
		if err := v(s); err != nil {
			return translatedError{err}
		}
		return nil
	}
}

type translatedError struct{ err error }

func (e translatedError) Error() string { return T(e.err.Error()) }
func (e translatedError) Unwrap() error { return e.err }

// check validates the field and shows the result; it returns the error.
func (f *field) check() error {
	err := f.entry.Validate()
	f.setMessage(err)
	return err
}

func (f *field) setMessage(err error) {
	if err == nil {
		if note := uncoveredNote(f.entry.Text); note != "" {
			f.msg.Text = note
			f.msg.Color = theme.Color(theme.ColorNameWarning)
			f.msg.Show()
			f.msg.Refresh()
			return
		}
		f.msg.Text = ""
		f.msg.Hide()
		return
	}
	f.msg.Text = err.Error()
	f.msg.Color = theme.Color(theme.ColorNameError)
	f.msg.Show()
	f.msg.Refresh()
}

// reset empties the field and its message. SetText also empties the
// entry's undo history, so no earlier text can be brought back.
func (f *field) reset() {
	f.entry.SetText("")
	f.entry.SetValidationError(nil)
	f.setMessage(nil)
}

// noteScript shows or clears, as the text changes, the note that the
// PDFs cannot print some of its characters; a validation message that
// shows takes precedence.
func (f *field) noteScript() {
	if f.msg.Visible() && f.msg.Color == theme.Color(theme.ColorNameError) {
		return
	}
	f.setMessage(nil)
}

// uncoveredNote says which characters of s no font in the PDFs has
// (issue 15): a name in a script the pack cannot print is flagged while it
// is typed, not found as a gap in the letter weeks later.
func uncoveredNote(s string) string {
	u := export.Uncovered(s)
	if len(u) == 0 {
		return ""
	}
	q := make([]string, len(u))
	for i, r := range u {
		q[i] = "“" + string(r) + "”"
	}
	return fmt.Sprintf(T("No font in the printed sheets has %s: it will print as a gap."), strings.Join(q, " "))
}
