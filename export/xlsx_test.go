package export

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/store"
)

var demoNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// demoStore returns an in-memory store holding the demo petition.
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(store.Options{InMemory: true, Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.CreateDemo(demoNow); err != nil {
		t.Fatal(err)
	}
	return s
}

// summarise writes a workbook to memory and opens it again.
func summarise(t *testing.T, src Source, opt SummaryOptions) (*excelize.File, []byte) {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now, opt.Location = demoNow, time.UTC
	}
	var buf bytes.Buffer
	if _, err := WriteSummary(context.Background(), &buf, src, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// members returns every file inside the .xlsx zip, uncompressed.
func members(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = b
	}
	return out
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func rawCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSummaryDemoWorkbook(t *testing.T) {
	s := demoStore(t)
	list, _ := s.Petitions()
	tot, err := s.Totals(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, personal := range []bool{false, true} {
		t.Run("personal="+strconv.FormatBool(personal), func(t *testing.T) {
			f, data := summarise(t, s, SummaryOptions{PersonalData: personal})
			want := []string{"Totals", "Sheets", "By week"}
			if personal {
				want = append(want, "Signatures")
			}
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Fatalf("worksheets %q, want %q", got, want)
			}
			checkTotals(t, f, tot.Digital, tot.Paper, tot.Struck, tot.Valid(), tot.Goal)
			checkByWeek(t, f, tot.Valid())
			checkSheetsSheet(t, f, s, list[0].ID)
			checkLayout(t, members(t, data), personal)
		})
	}
}

func checkTotals(t *testing.T, f *excelize.File, want ...int) {
	t.Helper()
	if got := cell(t, f, "Totals", "A2"); got != "UA 147/20" {
		t.Errorf("A2 = %q", got)
	}
	if got := cell(t, f, "Totals", "C2"); got != "2027-01-15" {
		t.Errorf("deadline shown as %q, want 2027-01-15", got)
	}
	if typ, _ := f.GetCellType("Totals", "C2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("the deadline is text, want a date")
	}
	if got := cell(t, f, "Totals", "D2"); got != "2027-01-08" {
		t.Errorf("post by %q, want the deadline less a week", got)
	}
	if got := rawCell(t, f, "Totals", "E2"); got != "56" {
		t.Errorf("days left %q", got)
	}
	if got := cell(t, f, "Totals", "F2"); got != "on track" {
		t.Errorf("deadline status %q", got)
	}
	for i, col := range []string{"G", "H", "I", "J", "K"} {
		for _, row := range []string{"2", "3"} { // the petition, then the total line
			raw := rawCell(t, f, "Totals", col+row)
			if n, err := strconv.Atoi(raw); err != nil || n != want[i] {
				t.Errorf("%s%s = %q, want the number %d", col, row, raw, want[i])
			}
		}
	}
	if got := cell(t, f, "Totals", "A3"); got != "Total" {
		t.Errorf("A3 = %q, want the total line", got)
	}
	pct, _ := strconv.ParseFloat(rawCell(t, f, "Totals", "L2"), 64)
	if wantPct := float64(want[3]) / float64(want[4]); pct != wantPct {
		t.Errorf("share of goal %v, want %v", pct, wantPct)
	}
}

// checkByWeek adds up the By week lines: they must make the valid total.
func checkByWeek(t *testing.T, f *excelize.File, valid int) {
	t.Helper()
	rows, err := f.GetRows("By week", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, r := range rows[1:] {
		n, err := strconv.Atoi(r[6])
		if err != nil {
			t.Fatalf("By week line %q: valid is not a number", r)
		}
		sum += n
		if !strings.HasPrefix(r[1], "2026-W") {
			t.Errorf("By week line %q: week label", r)
		}
	}
	if sum != valid || len(rows) < 3 {
		t.Errorf("By week adds up to %d in %d lines, want %d in at least 2", sum, len(rows)-1, valid)
	}
}

func checkSheetsSheet(t *testing.T, f *excelize.File, s *store.Store, pid string) {
	t.Helper()
	sheets, _ := s.Sheets(pid)
	rows, err := f.GetRows("Sheets")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(sheets)+1 {
		t.Fatalf("Sheets has %d lines, want %d", len(rows)-1, len(sheets))
	}
	if first := rows[1]; first[2] != "digital" || first[6] == "" || first[7] == "" || first[8] != "30" {
		t.Errorf("first sheet line %q: want digital, first and last signature times, 30 rows", first)
	}
	if got := cell(t, f, "Sheets", "G2"); got != "2026-11-18 10:00" {
		t.Errorf("first signature shown as %q", got)
	}
}

// checkLayout looks at the XML itself: frozen header rows, auto-filters,
// the chart, and not a single formula anywhere.
func checkLayout(t *testing.T, files map[string][]byte, personal bool) {
	t.Helper()
	n := 0
	for name, b := range files {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		n++
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", name)
		}
		if !bytes.Contains(b, []byte(`state="frozen"`)) || !bytes.Contains(b, []byte("<autoFilter")) {
			t.Errorf("%s lacks a frozen header or an auto-filter", name)
		}
	}
	if want := map[bool]int{false: 3, true: 4}[personal]; n != want {
		t.Errorf("%d worksheets in the zip, want %d", n, want)
	}
	if _, ok := files["xl/charts/chart1.xml"]; !ok {
		t.Error("no chart in the workbook")
	}
}

// demoPersonal is personal data the demo puts in the store: signers'
// names (Latin, accented, Cyrillic, formula-like) and addresses.
var demoPersonal = []string{
	"Zoë Müller-Lüdenscheidt", "Марыя Калеснікава", "François Pérez", "Anna Schmid",
	"Łucja Wiśniewska", "Søren Kierkegaard-Ølsen", "=SUM(A1:A9)", "Bahnhofstrasse 12",
	"вул. Інтэрнацыянальная 5", "Gerechtigkeitsgasse 1", "anna.schmid@example.org",
}

func TestSummaryPersonalDataOnlyWhenChosen(t *testing.T) {
	s := demoStore(t)
	for _, personal := range []bool{false, true} {
		t.Run("personal="+strconv.FormatBool(personal), func(t *testing.T) {
			_, data := summarise(t, s, SummaryOptions{PersonalData: personal})
			found := map[string]string{}
			for name, b := range members(t, data) {
				for _, who := range demoPersonal {
					if bytes.Contains(b, []byte(who)) {
						found[who] = name
					}
				}
			}
			switch {
			case !personal && len(found) > 0:
				t.Errorf("without personal data the file still holds %v", found)
			case personal && len(found) != len(demoPersonal)-1: // the email is never exported
				t.Errorf("with personal data only %d of the names and streets are in the file: %v", len(found), found)
			}
		})
	}
}

func TestSummaryZeroPetitions(t *testing.T) {
	f, data := summarise(t, &fakeSource{}, SummaryOptions{PersonalData: true})
	if got := cell(t, f, "Totals", "A2"); got != "Total" {
		t.Errorf("A2 = %q, want the total line", got)
	}
	if got := rawCell(t, f, "Totals", "H2"); got != "0" {
		t.Errorf("total valid %q, want 0", got)
	}
	for _, sheet := range []string{"Sheets", "By week", "Signatures"} {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) != 1 {
			t.Errorf("%s: %d lines (%v), want the header only", sheet, len(rows), err)
		}
	}
	if _, ok := members(t, data)["xl/charts/chart1.xml"]; ok {
		t.Error("a chart of no petitions")
	}
}

func TestSummaryChosenPetitions(t *testing.T) {
	src := &fakeSource{}
	signed := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	src.addPetition(testPetition("p1", "UA 1/26", "First case", 100), signed, []string{"Ada One", "Bea Two"}, 0)
	src.addPetition(testPetition("p2", "UA 2/26", "Second case", 0), signed, []string{"Cy Three"}, 12)
	tests := []struct {
		ids  []string
		refs []string
	}{
		{nil, []string{"UA 1/26", "UA 2/26"}},
		{[]string{"p2"}, []string{"UA 2/26"}},
		{[]string{"p2", "p1", "p2"}, []string{"UA 2/26", "UA 1/26"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.ids, ","), func(t *testing.T) {
			f, _ := summarise(t, src, SummaryOptions{Petitions: tt.ids, PersonalData: true})
			cols, _ := f.GetCols("Totals")
			if got := cols[0][1 : len(cols[0])-2]; strings.Join(got, "|") != strings.Join(tt.refs, "|") {
				t.Errorf("petitions %q, want %q", got, tt.refs)
			}
			sigs, _ := f.GetRows("Signatures")
			weeks, _ := f.GetRows("By week")
			for _, r := range append(sigs[1:], weeks[1:]...) {
				if !strings.Contains(strings.Join(tt.refs, "|"), r[0]) {
					t.Errorf("line %q belongs to a petition not chosen", r)
				}
			}
		})
	}
	_, err := WriteSummary(context.Background(), io.Discard, src, SummaryOptions{Petitions: []string{"nope"}})
	var unknown *UnknownPetitionError
	if !errors.As(err, &unknown) || unknown.ID != "nope" {
		t.Errorf("an unknown id gave %v", err)
	}
}

func TestSummaryPaperWeekAndNoGoal(t *testing.T) {
	src := &fakeSource{}
	signed := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC) // a Monday, ISO week 41
	src.addPetition(testPetition("p2", "UA 2/26", "Second case", 0), signed, []string{"Cy Three"}, 12)
	f, _ := summarise(t, src, SummaryOptions{})
	rows, _ := f.GetRows("By week")
	want := [][]string{
		{"UA 2/26", "2026-W41", "2026-10-05", "Stall 1", "1", "0", "1"},
		{"UA 2/26", "2026-W42", "2026-10-12", "Church hall", "0", "12", "12"},
	}
	if len(rows) != 3 || strings.Join(rows[1], "|") != strings.Join(want[0], "|") || strings.Join(rows[2], "|") != strings.Join(want[1], "|") {
		t.Errorf("By week %q, want %q", rows[1:], want)
	}
	if got := rawCell(t, f, "Totals", "L2"); got != "" {
		t.Errorf("share of a goal of 0 is %q, want a blank cell", got)
	}
}

func TestSummaryProgressAndCancel(t *testing.T) {
	s := demoStore(t)
	var calls [][2]int
	_, err := WriteSummary(context.Background(), io.Discard, s, SummaryOptions{
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	last := calls[len(calls)-1]
	if last[0] != last[1] || last[1] != 37 { // 36 signatures, then the file
		t.Errorf("progress ended at %v, want 37 of 37", last)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Errorf("progress went back: %v", calls)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir() // where large worksheets spill
	if _, err := WriteSummary(ctx, io.Discard, s, SummaryOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled export returned %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a cancelled export left %v behind", left)
	}
}
