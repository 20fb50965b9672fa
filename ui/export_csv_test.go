package ui

import (
	"bytes"
	"os"
	"testing"
)

// TestExportCSVFollowsLanguage: in a German window the CSV totals have
// ';' between fields, a decimal comma, the byte order mark and CRLF, as
// a German Excel opens them; in an English one, plain commas.
func TestExportCSVFollowsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		header string
	}{
		{"de", "\uFEFFReference;Title;Deadline;"},
		{"en", "Reference,Title,Deadline,"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			f := newExportFixture(t) // in English: its buttons keep their labels
			setLanguage(tc.lang)     // the language is read when the file is written
			t.Cleanup(func() { setLanguage("en") })
			b, err := os.ReadFile(f.tap(t, "CSV totals"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte(tc.header)) {
				t.Errorf("%s window: CSV starts %q", tc.lang, b[:min(len(b), 40)])
			}
			if crlf := bytes.Contains(b, []byte("\r\n")); crlf != (tc.lang == "de") {
				t.Errorf("%s window: CRLF line ends %v", tc.lang, crlf)
			}
		})
	}
}
