package export

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// formulaLike are values a spreadsheet would run if they were written as
// formulas or typed into a cell: OWASP's CSV-injection starts, a DDE
// payload, leading whitespace and a number that must keep its zeros.
var formulaLike = []string{
	"=SUM(A1:A9)", "+41 79 000 00 00", "-2+3", "@SUM(1+1)", "\tTabbed", "\rCarriage",
	`=HYPERLINK("http://example.org","x")`, `=cmd|' /C calc'!A0`, " =spaced", "0012",
}

func TestSummaryTextStaysText(t *testing.T) {
	src := &fakeSource{}
	p := testPetition("p1", "=1+2", "@Title", 10)
	src.addPetition(p, time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC), formulaLike, 0)
	f, data := summarise(t, src, SummaryOptions{PersonalData: true})
	check := func(sheet, ref, want string) {
		t.Helper()
		got := cell(t, f, sheet, ref)
		formula, _ := f.GetCellFormula(sheet, ref)
		typ, _ := f.GetCellType(sheet, ref)
		if got != want || formula != "" || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
			t.Errorf("%s!%s = %q (formula %q, type %v), want the text %q", sheet, ref, got, formula, typ, want)
		}
	}
	check("Totals", "A2", "=1+2")
	check("Totals", "B2", "@Title")
	for i, want := range formulaLike {
		t.Run(strconv.Quote(want), func(t *testing.T) {
			row := strconv.Itoa(i + 2)
			for _, col := range []string{"D", "E", "G", "H"} { // name, street, city, country
				check("Signatures", col+row, want)
			}
			check("Signatures", "A"+row, "=1+2")
		})
	}
	for name, b := range members(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/") && bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", name)
		}
	}
}
