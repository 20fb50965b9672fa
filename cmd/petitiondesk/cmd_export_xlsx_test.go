package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// xlsxInjections are signers' names that a spreadsheet would run as formulas
// if they were not stored as text.
var xlsxInjections = []string{"=1+1", "+41 79 000", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://example.org\",\"x\")"}

// xlsxData makes a data directory with the demo petition and a second
// one whose signers have formula-like names.
func xlsxData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, stderr := cli(t, "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	s, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(time.Now())
	p.Reference, p.Title, p.Goal = "=UA 2/26", "-Second case", 0
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	for _, name := range xlsxInjections {
		sig := &petition.Signature{Name: name, Address: petition.Address{Street: "Marktgasse 1", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func xlsxTotalsJSON(t *testing.T, dir string) map[string]petitionRow {
	t.Helper()
	code, out, stderr := cli(t, "totals", "--json", "--data", dir)
	var rows []petitionRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("totals --json: %d %s %s", code, out, stderr)
	}
	byRef := map[string]petitionRow{}
	for _, r := range rows {
		byRef[r.Reference] = r
	}
	return byRef
}

// xlsxCheckTotals compares CSV lines (header first) with `totals --json`:
// every petition's in person, paper, struck, valid and goal figures.
func xlsxCheckTotals(t *testing.T, lines [][]string, want map[string]petitionRow, ref func(string) string) {
	t.Helper()
	seen := 0
	for _, l := range lines[1:] {
		r, ok := want[ref(l[0])]
		if !ok {
			continue
		}
		seen++
		for i, w := range []int{r.Digital, r.Paper, r.Struck, r.Valid, r.Goal} {
			if got, err := strconv.Atoi(l[6+i]); err != nil || got != w {
				t.Errorf("%s, column %q: %q, want %d", l[0], lines[0][6+i], l[6+i], w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d of %d petitions found in %q", seen, len(want), lines)
	}
}

func xlsxReadCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return lines
}

func TestExportCSVMatchesTotals(t *testing.T) {
	dir := xlsxData(t)
	out := filepath.Join(t.TempDir(), "totals.csv")
	if code, stdout, stderr := cli(t, "export", "csv", "--data", dir, "--out", out, "--bom"); code != 0 || !strings.Contains(stdout, "wrote") {
		t.Fatalf("export csv: %d %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "\uFEFFReference,") || !strings.Contains(string(b), "'=UA 2/26,'-Second case") {
		t.Errorf("no BOM, or formula-like text not neutralised:\n%s", b)
	}
	xlsxCheckTotals(t, xlsxReadCSV(t, out), xlsxTotalsJSON(t, dir), func(s string) string { return strings.TrimPrefix(s, "'") })
}

func TestExportXLSXCommandLine(t *testing.T) {
	dir := xlsxData(t)
	out := filepath.Join(t.TempDir(), "summary.xlsx")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --out", []string{"export", "xlsx", "--data", dir}, 2, "--out FILE.xlsx"},
		{"not .xlsx", []string{"export", "xlsx", "--data", dir, "--out", "x.csv"}, 2, "--out FILE.xlsx"},
		{"unknown petition", []string{"export", "xlsx", "--data", dir, "--out", out, "--petition", "UA 9/99"}, 1, "no petition matches"},
		{"one petition", []string{"export", "xlsx", "--data", dir, "--out", out, "--petition", "UA 147/20"}, 0, "1 petition, 4 sheets, 36 signatures (no personal data)"},
		{"both, personal", []string{"export", "xlsx", "--data", dir, "--out", out, "--petition", "UA 147/20", "--petition", "=UA 2/26", "--personal-data"}, 0, "2 petitions, 5 sheets, 41 signatures (with"},
		{"csv without --out", []string{"export", "csv", "--data", dir}, 2, "--out FILE.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
				t.Fatalf("exit %d (want %d): %q %q", code, tt.code, stdout, stderr)
			}
		})
	}
}

// TestExportXLSXInLibreOffice opens the workbook in a real spreadsheet:
// LibreOffice converts every worksheet to CSV, the totals must equal
// `petitiondesk totals --json`, and formula-like names must come out as
// the text they are.
func TestExportXLSXInLibreOffice(t *testing.T) {
	soffice := xlsxNeedTool(t, "soffice")
	dir := xlsxData(t)
	work := t.TempDir()
	book := filepath.Join(work, "summary.xlsx")
	if code, _, stderr := cli(t, "export", "xlsx", "--data", dir, "--out", book, "--personal-data"); code != 0 {
		t.Fatalf("export xlsx: %s", stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Its own profile directory, so parallel runs never share a lock; the
	// last filter option (-1) writes every worksheet to its own file.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(work, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", work, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	xlsxCheckTotals(t, xlsxReadCSV(t, filepath.Join(work, "summary-Totals.csv")), xlsxTotalsJSON(t, dir), func(s string) string { return s })
	sigs := xlsxReadCSV(t, filepath.Join(work, "summary-Signatures.csv"))
	names := map[string]bool{}
	for _, l := range sigs[1:] {
		names[l[3]] = true
	}
	for _, want := range append(xlsxInjections, "=SUM(A1:A9)", "Марыя Калеснікава") {
		if !names[want] {
			t.Errorf("LibreOffice does not show the name %q as text", want)
		}
	}
	if len(sigs) != 42 {
		t.Errorf("LibreOffice reads %d signature lines, want 41", len(sigs)-1)
	}
}

// xlsxNeedTool finds an external program, or skips the test without it
// (fails instead when PETITIONDESK_REQUIRE_TOOLS=1, as in CI).
func xlsxNeedTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is needed: %v", name, err)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

func TestExportCSVSemicolonAndSheets(t *testing.T) {
	dir := xlsxData(t)
	out := filepath.Join(t.TempDir(), "totals.csv")
	code, stdout, stderr := cli(t, "export", "csv", "--data", dir, "--out", out, "--sep", ";", "--bom", "--sheets")
	if code != 0 || !strings.Contains(stdout, "totals-sheets.csv") {
		t.Fatalf("export csv --sep ';' --sheets: %d %s %s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "\uFEFFReference;Title;") || !strings.Contains(string(b), "\r\n") {
		t.Errorf("not a ';' CSV with CRLF:\n%q", b)
	}
	sheets, err := os.ReadFile(strings.TrimSuffix(out, ".csv") + "-sheets.csv")
	if err != nil || !strings.HasPrefix(string(sheets), "\uFEFFPetition;Sheet;Origin;") {
		t.Errorf("sheets CSV: %v\n%s", err, sheets)
	}
	if code, _, stderr := cli(t, "export", "csv", "--data", dir, "--out", out, "--sep", "|"); code == 0 || !strings.Contains(stderr, "--sep") {
		t.Errorf("--sep '|' accepted: %d %s", code, stderr)
	}
}
