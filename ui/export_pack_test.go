package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/export"
)

// TestPackMessage: the Export screen says which files a pack too long
// for one file went to, and which files of an earlier pack it removed,
// in each language.
func TestPackMessage(t *testing.T) {
	t.Cleanup(func() { setLanguage("en") })
	res := desk.PackResult{PackResult: export.PackResult{Targets: 1, Pages: 4001},
		Paths:   []string{"/p/pack-part-01-of-03.pdf", "/p/pack-part-02-of-03.pdf", "/p/pack-part-03-of-03.pdf"},
		Removed: []string{"/p/pack.pdf"}}
	for lang, want := range map[string]string{
		"en": "4001 pages for 1 target. The pack is too long for one file: it is in 3 files in the same folder, pack-part-01-of-03.pdf to pack-part-03-of-03.pdf. Removed the earlier pack's files: pack.pdf.",
		"de": "Die Mappe ist zu lang für eine Datei: Sie steht in 3 Dateien im selben Ordner, pack-part-01-of-03.pdf bis pack-part-03-of-03.pdf. Die Dateien der früheren Mappe wurden entfernt: pack.pdf.",
		"fr": "Le dossier est trop long pour un seul fichier : il tient en 3 fichiers dans le même dossier, de pack-part-01-of-03.pdf à pack-part-03-of-03.pdf. Les fichiers du dossier précédent ont été supprimés : pack.pdf.",
	} {
		setLanguage(lang)
		if got := packMessage(res); !strings.HasSuffix(got, want) {
			t.Errorf("%s: %q, want it to end %q", lang, got, want)
		}
	}
	setLanguage("en")
	one := desk.PackResult{PackResult: export.PackResult{Targets: 2, Pages: 12}, Paths: []string{"/p/pack.pdf"}}
	if got := packMessage(one); got != "12 pages for 2 targets." {
		t.Errorf("one file: %q", got)
	}
}

// TestSavedText: a pack written in parts ends on the folder it went to,
// not on the one name asked for, where no file was written.
func TestSavedText(t *testing.T) {
	setLanguage("en")
	j := &exportJob{path: "/p/pack.pdf"}
	if got := j.savedText("12 pages."); got != "Saved /p/pack.pdf. 12 pages." {
		t.Errorf("one file: %q", got)
	}
	j.wrote = []string{"/p/pack-part-01-of-02.pdf", "/p/pack-part-02-of-02.pdf"}
	if got := j.savedText("In parts."); got != "Saved in "+filepath.Dir(j.path)+". In parts." {
		t.Errorf("in parts: %q", got)
	}
}
