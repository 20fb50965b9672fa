package petition

import "testing"

func TestDateLong(t *testing.T) {
	d := Date{2026, 12, 4}
	for lang, want := range map[string]string{
		"en": "4 December 2026", "de": "4. Dezember 2026", "fr": "4 décembre 2026",
		"ru": "4 декабря 2026 г.", "xx": "4 December 2026",
	} {
		if got := d.Long(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := (Date{2027, 3, 1}).Long("fr"); got != "1er mars 2027" {
		t.Errorf("fr first of the month: %q", got)
	}
	if got := (Date{2027, 3, 2}).Long("en"); got != "2 March 2027" {
		t.Errorf("en: %q", got)
	}
	if (Date{}).Long("en") != "" {
		t.Error("the zero date is not empty")
	}
}
