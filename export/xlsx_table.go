package export

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/petition"
)

// kind is what a column holds; it decides the cell's type and format.
type kind int

const (
	textCol  kind = iota // a string, never a formula
	intCol               // a whole number
	dateCol              // a calendar day (petition.Date or time.Time)
	timeCol              // a moment, shown to the minute
	pctCol               // a fraction shown as a percentage
	countCol             // a total, shown with thousands separators
)

// column is one column of a worksheet.
type column struct {
	title string
	width float64
	kind  kind
}

// styles are the cell styles of a workbook, by kind, plus the header's
// and the total row's, and how its pages print.
type styles struct {
	header int
	byKind map[kind]int
	bold   map[kind]int // for the total row
	// personal marks a workbook with signers' names: every printed page
	// of every worksheet says "Personal data" in its header.
	personal bool
}

// Number formats. Dates are ISO so a file forwarded across countries reads
// the same everywhere; text columns carry the "@" format so a cell edited
// later in Excel or LibreOffice stays text too.
var numFmts = map[kind]string{
	textCol: "@", intCol: "0", countCol: "#,##0",
	dateCol: "yyyy-mm-dd", timeCol: "yyyy-mm-dd hh:mm", pctCol: "0.0%",
}

func newStyles(f *excelize.File) (styles, error) {
	st := styles{byKind: map[kind]int{}, bold: map[kind]int{}}
	var err error
	st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: "Calibri", Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"35597A"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "1F3347", Style: 2}},
	})
	if err != nil {
		return st, err
	}
	for k, nf := range numFmts {
		format := nf
		if st.byKind[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return st, err
		}
		st.bold[k], err = f.NewStyle(&excelize.Style{
			CustomNumFmt: &format, Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11},
			Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}},
		})
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// table is a worksheet written by hand into the zip (sheetXML): rows go
// out as they come and are never held. excelize keeps an empty worksheet
// of the same name for the workbook's list, defined names and print
// titles; book.finish leaves its XML out. A styled, frozen header row
// opens the table; finish adds the auto-filter over everything written.
type table struct {
	f     *excelize.File
	open  func(path string) (io.Writer, error) // book.direct or book.hold
	st    styles
	base  string // the first worksheet's name; the next are "base 2", "base 3", …
	part  int    // 1 for the first worksheet
	limit int    // data rows a worksheet holds before the table continues on the next
	name  string
	cols  []column
	style []int
	x     *sheetXML
	vals  []interface{} // reused for every row, so a row costs no slice
}

// newTable starts a table of at most limit data rows per worksheet (0:
// as many as Excel allows) on a new worksheet called name, written
// through open.
func newTable(f *excelize.File, open func(string) (io.Writer, error), st styles, name string, cols []column, limit int) (*table, error) {
	if limit <= 0 || limit > excelize.TotalRows-1 {
		limit = excelize.TotalRows - 1
	}
	t := &table{f: f, open: open, st: st, base: name, part: 1, limit: limit, cols: cols,
		style: make([]int, len(cols)), vals: make([]interface{}, len(cols))}
	for i, c := range cols {
		t.style[i] = st.byKind[c.kind]
	}
	return t, t.start(name)
}

// start opens the worksheet name and writes the header row.
func (t *table) start(name string) error {
	if _, err := t.f.NewSheet(name); err != nil {
		return err
	}
	if err := pageSetup(t.f, name, t.st.personal); err != nil {
		return err
	}
	id := -1
	for i, n := range t.f.GetSheetMap() {
		if n == name {
			id = i
		}
	}
	w, err := t.open(fmt.Sprintf("xl/worksheets/sheet%d.xml", id))
	if err != nil {
		return err
	}
	t.name = name
	t.x, err = newSheetXML(w, t.cols, t.st.header)
	return err
}

// next finishes a full worksheet and continues the table on a new one,
// "Signatures 2" after "Signatures": a worksheet holds at most
// 1,048,576 rows, and a national campaign has more signatures.
func (t *table) next() error {
	if err := t.finish(); err != nil {
		return err
	}
	t.part++
	return t.start(fmt.Sprintf("%s %d", t.base, t.part))
}

// frozenHeader keeps row 1 in view while scrolling.
func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// pageSetup prints a worksheet landscape, one page wide, with the header
// row repeated on every page: coordinators print these for meetings. The
// page header names the worksheet (and says "Personal data" when the
// workbook holds names); the footer numbers the pages.
func pageSetup(f *excelize.File, sheet string, personal bool) error {
	if err := f.SetHeaderFooter(sheet, headerFooter(personal)); err != nil {
		return err
	}
	yes, landscape, one, auto := true, "landscape", 1, 0
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &auto})
	if err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet), Scope: sheet,
	})
}

// headerFooter is the printed header and footer of every worksheet, in
// Excel's codes: &A the worksheet's name, &P the page, &N the pages, &D
// the day printed. A page that leaves the table loose on a desk still
// says what it is and that it must be kept safe.
func headerFooter(personal bool) *excelize.HeaderFooterOptions {
	header := "&L&A&RPetition Desk"
	if personal {
		header = "&L&\"-,Bold\"Personal data: keep safe, do not pass on&C&A&RPetition Desk"
	}
	return &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: "&LPrinted &D&RPage &P of &N"}
}

// add writes the next row, one value per column, typed as the column says.
func (t *table) add(values ...interface{}) error {
	if len(values) != len(t.cols) {
		return fmt.Errorf("%s: %d values for %d columns", t.name, len(values), len(t.cols))
	}
	if t.x.row > t.limit {
		if err := t.next(); err != nil {
			return err
		}
	}
	for i, v := range values {
		t.vals[i] = cellValue(t.cols[i].kind, v)
	}
	if err := t.x.add(t.style, t.vals); err != nil {
		return fmt.Errorf("%s row %d: %w", t.name, t.x.row, err)
	}
	return nil
}

// finish ends the worksheet and gives excelize the auto-filter's defined
// name (the filter itself is in the XML sheetXML wrote).
func (t *table) finish() error {
	last, err := excelize.CoordinatesToCellName(len(t.cols), t.x.row)
	if err != nil {
		return err
	}
	if err := t.f.AutoFilter(t.name, "A1:"+last, nil); err != nil {
		return err
	}
	return t.x.finish(t.st.personal)
}

// cellValue turns a Go value into what the cell should hold, or nil for
// a blank cell: empty text, a zero date, a percentage with no goal.
// Strings stay strings: sheetXML writes them as inline text, never as a
// formula, whatever they begin with.
func cellValue(k kind, v interface{}) interface{} {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return v
	case petition.Date:
		if v.IsZero() {
			return nil
		}
		return v.Time() // midnight UTC: excelize keeps the wall-clock day
	case time.Time:
		if v.IsZero() {
			return nil
		}
		if k == dateCol {
			y, m, d := v.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
		return v
	case float64:
		if v < 0 {
			return nil
		}
		return v
	}
	return v
}
