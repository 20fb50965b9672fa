package export

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestSummaryStreamedWorkbook reads back a workbook whose Signatures table
// runs over four worksheets (five rows each) with excelize: the sheets in
// order, every value, the workbook's styles on the hand-written cells,
// and each worksheet's print titles, filter, frozen header and page setup.
func TestSummaryStreamedWorkbook(t *testing.T) {
	const rows, limit = 18, 5
	src := &fakeSource{}
	var names []string
	for i := range rows {
		names = append(names, fmt.Sprintf("Signer %02d", i))
	}
	signed := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
	src.addPetition(testPetition("p1", "REF-1", "Long petition", 100), signed, names, 2)
	f, _ := summarise(t, src, SummaryOptions{PersonalData: true, SheetRows: limit})
	want := []string{"Totals", "Sheets", "By week", "Signatures", "Signatures 2", "Signatures 3", "Signatures 4"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("worksheets %q, want %q", got, want)
	}
	for i, name := range names {
		sheet, row := want[3+i/limit], strconv.Itoa(i%limit+2)
		got := []string{cell(t, f, sheet, "B"+row), cell(t, f, sheet, "D"+row), cell(t, f, sheet, "I"+row)}
		at := signed.Add(time.Duration(i) * time.Minute).Format("2006-01-02 15:04")
		if exp := []string{"1", name, at}; !slices.Equal(got, exp) {
			t.Errorf("%s row %s: %q, want %q", sheet, row, got, exp)
		}
	}
	if all, _ := f.GetRows("Sheets"); len(all[len(all)-1]) < 11 || all[len(all)-1][10] != "2" {
		t.Errorf("the paper sheet's line reads %q", all[len(all)-1])
	}
	for _, sheet := range want[1:] {
		checkStreamedSheet(t, f, sheet)
	}
}

// checkStreamedSheet wants a hand-written worksheet to look as excelize
// would have made it.
func checkStreamedSheet(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	header, _ := f.GetCellStyle(sheet, "A1")
	if header != mustStyle(t, f, "Totals", "A1") || header == 0 {
		t.Errorf("%s: header style %d", sheet, header)
	}
	if id, _ := f.GetCellStyle(sheet, "A2"); numFmt(t, f, id) != "@" {
		t.Errorf("%s!A2 is not formatted as text", sheet)
	}
	if strings.HasPrefix(sheet, "Signatures") {
		if id, _ := f.GetCellStyle(sheet, "I2"); numFmt(t, f, id) != "yyyy-mm-dd hh:mm" {
			t.Errorf("%s!I2 is not formatted as a moment", sheet)
		}
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == sheet {
			names[dn.Name] = dn.RefersTo
		}
	}
	if names["_xlnm.Print_Titles"] != "'"+sheet+"'!$1:$1" || !strings.HasPrefix(names["_xlnm._FilterDatabase"], "'"+sheet+"'!$A$1:") {
		t.Errorf("%s: defined names %v", sheet, names)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("%s: header not frozen: %+v %v", sheet, panes, err)
	}
	layout, err := f.GetPageLayout(sheet)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 {
		t.Errorf("%s: page layout %+v %v", sheet, layout, err)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil || !strings.Contains(hf.OddHeader, "Personal data") || !strings.Contains(hf.OddFooter, "&P of &N") {
		t.Errorf("%s: header and footer %+v %v", sheet, hf, err)
	}
	if w, _ := f.GetColWidth(sheet, "A"); w != 14 {
		t.Errorf("%s: column A is %v wide", sheet, w)
	}
}

func mustStyle(t *testing.T, f *excelize.File, sheet, ref string) int {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func numFmt(t *testing.T, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil {
		return fmt.Sprint("style ", id, err)
	}
	return *st.CustomNumFmt
}

// awkwardNames are names that must come back as typed: control
// characters XML cannot hold, Excel's own escape written literally,
// markup, and spaces and line breaks at the ends.
var awkwardNames = []string{
	"Bell\x07Ringer", "\x01start", "end\x1f", "tab\tand\vform\ffeed", "_x0041_", "a_x00e9_b_x005F_c",
	"<b>Tom & Jerry</b>", `"quoted" 'too'`, " padded ", "two\nlines", "cr\r\nlf", "Zoë 张伟 😀",
	"=SUM(A1)", "+1", "-1", "@here", "_x", "_x12_",
}

func TestSummaryNamesRoundTrip(t *testing.T) {
	src := &fakeSource{}
	signed := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	src.addPetition(testPetition("p1", "R\x02F", "T", 10), signed, awkwardNames, 0)
	f, data := summarise(t, src, SummaryOptions{PersonalData: true})
	for i, want := range awkwardNames {
		ref := "D" + strconv.Itoa(i+2)
		got := cell(t, f, "Signatures", ref)
		typ, _ := f.GetCellType("Signatures", ref)
		if formula, _ := f.GetCellFormula("Signatures", ref); got != want || formula != "" || typ != excelize.CellTypeInlineString {
			t.Errorf("%q came back as %q (formula %q, type %v)", want, got, formula, typ)
		}
	}
	if got := cell(t, f, "Signatures", "A2"); got != "R\x02F" {
		t.Errorf("reference %q", got)
	}
	for name, b := range members(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/") && (bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("\x07"))) {
			t.Errorf("%s holds a formula or a raw control character", name)
		}
	}
}

// TestCellTextTruncated: a cell holds at most 32,767 UTF-16 units, as
// Excel allows; longer text is cut, not refused.
func TestCellTextTruncated(t *testing.T) {
	src := &fakeSource{}
	long := strings.Repeat("é", maxCellChars+10)
	src.addPetition(testPetition("p1", "R", "T", 10), time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC), []string{long}, 0)
	f, _ := summarise(t, src, SummaryOptions{PersonalData: true})
	if got := cell(t, f, "Signatures", "D2"); got != long[:2*maxCellChars] {
		t.Errorf("%d characters kept", len([]rune(got)))
	}
}
