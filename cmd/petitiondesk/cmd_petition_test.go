package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// showJSON returns `petition show --json` without this desk's own record
// fields (id, created, updated), which an import makes anew.
func showJSON(t *testing.T, dir, ref string) petition.Petition {
	t.Helper()
	code, out, stderr := cli(t, "petition", "show", "--data", dir, "--petition", ref, "--json")
	var p petition.Petition
	if code != 0 || json.Unmarshal([]byte(out), &p) != nil {
		t.Fatalf("petition show: %d %s %s", code, out, stderr)
	}
	p.ID, p.Created, p.Updated = "", time.Time{}, time.Time{}
	return p
}

func TestPetitionExportImportRoundTrip(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	cli(t, "demo", "--data", dir)
	// Give the demo every field a file carries, so the comparison covers them.
	if code, _, stderr := cli(t, "petition", "set", "--data", dir, "--petition", "UA 147/20",
		"demands=Release her|Let her see a lawyer", "sender_address=Gruppe Bern|Postfach 1|3000 Bern",
		"languages=de,fr", "goal=750", "retention_days=60", "recipient_sees=town"); code != 0 {
		t.Fatalf("petition set: %s", stderr)
	}
	file := filepath.Join(t.TempDir(), "ua.json")
	if code, _, stderr := cli(t, "petition", "export", "--data", dir, "--petition", "UA 147/20", "--out", file); code != 0 {
		t.Fatalf("petition export: %s", stderr)
	}
	b, _ := os.ReadFile(file)
	_, block, _ := strings.Cut(string(b), `"petition": {`)
	if strings.Contains(block, `"id"`) || !strings.Contains(string(b), `"format_version": 2`) {
		t.Errorf("petition file:\n%s", b)
	}
	code, out, stderr := cli(t, "petition", "import", "--data", other, file)
	if code != 0 || !strings.Contains(out, "UA 147/20") {
		t.Fatalf("petition import: %d %s %s", code, out, stderr)
	}
	want, got := showJSON(t, dir, "UA 147/20"), showJSON(t, other, "UA 147/20")
	want.Status = petition.StatusDraft // an import starts as a draft
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported petition differs:\n got %+v\nwant %+v", got, want)
	}
	if len(got.Targets) < 2 || got.Targets[0].Address == nil || len(got.Demands) != 2 {
		t.Errorf("targets or demands lost: %+v", got)
	}
}

func TestPetitionImportBadFiles(t *testing.T) {
	good := `{"format":"petitiondesk-petition","format_version":1,"petition":{"reference":"UA 1/26","title":"A case",` +
		`"organisation":"Group Bern","targets":[{"name":"Minister"}],"letter":"Dear Minister, please act.","languages":["de"],"deadline":"2027-03-01"}}`
	tests := []struct{ name, text, field string }{
		{"not JSON", "hello", `"format"`},
		{"other format", `{"format":"x"}`, `"format"`},
		{"newer version", `{"format":"petitiondesk-petition","format_version":3}`, `"format_version"`},
		{"bad deadline", strings.Replace(good, "2027-03-01", "soon", 1), `"petition.deadline"`},
		{"no title", strings.Replace(good, `"A case"`, `""`, 1), `"petition.title"`},
		{"goal as text", strings.Replace(good, `"languages"`, `"goal":"many","languages"`, 1), `"petition.goal"`},
		{"unknown field", strings.Replace(good, `"languages"`, `"signatures":[],"languages"`, 1), `"signatures"`},
		{"no targets", strings.Replace(good, `[{"name":"Minister"}]`, `[]`, 1), `"petition.targets"`},
		{"bad language", strings.Replace(good, `["de"]`, `["xx"]`, 1), `"petition.languages"`},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "p.json")
			os.WriteFile(path, []byte(tt.text), 0o600)
			code, _, stderr := cli(t, "petition", "import", "--data", dir, path)
			if code == 0 || !strings.Contains(stderr, "field "+tt.field) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("%d %q, want one line naming field %s", code, stderr, tt.field)
			}
		})
	}
	path := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(path, []byte(good), 0o600)
	if code, _, stderr := cli(t, "petition", "import", "--data", dir, path); code != 0 {
		t.Errorf("the good file: %s", stderr)
	}
}

func TestPetitionNewSetShow(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := cli(t, "petition", "new", "--data", dir, "--ref", "UA 9/26", "--title", "A case")
	if code == 0 || !strings.Contains(stderr, "organisation: ") || !strings.Contains(stderr, "targets: ") {
		t.Errorf("an incomplete petition: %d %q, want errors naming the fields", code, stderr)
	}
	code, out, stderr := cli(t, "petition", "new", "--data", dir, "--ref", "UA 9/26", "--title", "A case",
		"organisation=Group Bern", "targets=Minister of Justice", "letter=Dear Minister, please act now.", "deadline=01.03.2027")
	if code != 0 || !strings.Contains(out, "UA 9/26") {
		t.Fatalf("petition new: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := cli(t, "petition", "set", "--data", dir, "--petition", "UA 9/26", "goal=lots"); code == 0 || !strings.Contains(stderr, "goal: ") {
		t.Errorf("goal=lots: %d %q", code, stderr)
	}
	if code, _, stderr := cli(t, "petition", "set", "--data", dir, "--petition", "UA 9/26", "rows_per_sheet=2"); code == 0 || !strings.Contains(stderr, "rows_per_sheet: ") {
		t.Errorf("rows_per_sheet=2: %d %q", code, stderr)
	}
	cli(t, "petition", "set", "--data", dir, "--petition", "UA 9/26", "goal=500", "status=collecting")
	code, out, _ = cli(t, "petition", "show", "--data", dir, "--petition", "UA 9/26")
	for _, want := range []string{"goal: 500", "status: collecting", "deadline: 2027-03-01", "target: Minister of Justice"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("petition show lacks %q:\n%s", want, out)
		}
	}
}
