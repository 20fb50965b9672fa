package export

import (
	"context"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

// englishWords lists the English fixed words of the pack and the blank
// sheets: every phrase of the English table between its numbers and
// names, the month names, and the words the pack printed before it spoke
// other languages.
func englishWords() []string {
	out := []string{"Yours sincerely", "Petition to", "page", "of", "Sheet", "Paper sheet", "scan page", "left out",
		"Deadline", "Please return", "signatures", "Enclosures", "Copy to", "collected in person",
		"January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December"}
	for _, s := range tableStrings(wordsByLang["en"]) {
		for _, f := range regexp.MustCompile(`%[sd]|[:;,.()]`).Split(s, -1) {
			if f = strings.TrimSpace(f); len(f) >= 2 {
				out = append(out, f)
			}
		}
	}
	return out
}

// tableStrings is every string of a words table.
func tableStrings(w words) []string {
	var out []string
	v := reflect.ValueOf(w)
	for i := range v.NumField() {
		if v.Type().Field(i).Name == "code" {
			continue
		}
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			out = append(out, f.String())
		case reflect.Array:
			for j := range f.Len() {
				out = append(out, f.Index(j).String())
			}
		}
	}
	return out
}

// sameWords are the English fixed words spelt the same in the language.
var sameWords = map[string][]string{
	"de": {"April", "August", "September", "November"},
	"fr": {"Signature", "signature", "signatures", "page"},
}

// TestNoEnglishInGermanAndFrench: a German and a French petition's pack
// (cover letters, sheets, scanned and left-out pages) and blank sheets
// hold no English fixed word, and write dates in words of their language.
func TestNoEnglishInGermanAndFrench(t *testing.T) {
	needTool(t, "pdftotext")
	for _, lang := range []string{"de", "fr"} {
		t.Run(lang, func(t *testing.T) {
			s, p := pdfDemo(t)
			localPetition(p, lang)
			if err := s.UpdatePetition(p); err != nil {
				t.Fatal(err)
			}
			paper, err := s.CreatePaperSheets(p.ID, 1, "", "")
			if err != nil {
				t.Fatal(err)
			}
			n := paper[0].Number
			scans := func(pid string, sheet int) ([][]byte, error) {
				if sheet != n {
					return nil, nil
				}
				return [][]byte{testJPEG(t), []byte("not a picture")}, nil
			}
			pack, _ := writePack(t, s, p, PackOptions{ScanPages: scans})
			blank := filepath.Join(t.TempDir(), "blank.pdf")
			err = writeTestFile(blank, func(w io.Writer) error {
				_, err := PrintBlank(context.Background(), w, s, p, 1, PDFOptions{Now: pdfNow}, nil)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{pack, blank} {
				text := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
				for _, w := range englishWords() {
					re := regexp.MustCompile(`\b` + regexp.QuoteMeta(w) + `\b`)
					if slices.Contains(sameWords[lang], w) {
						continue
					}
					if loc := re.FindStringIndex(text); loc != nil {
						t.Errorf("%s: English %q in %q", filepath.Base(path), w, text[max(0, loc[0]-40):min(len(text), loc[1]+40)])
					}
				}
				if !strings.Contains(text, p.ReturnBy().Long(lang)) && !strings.Contains(text, petition.DateOf(pdfNow).Long(lang)) {
					t.Errorf("%s: no date in words of %s", filepath.Base(path), lang)
				}
			}
		})
	}
}
