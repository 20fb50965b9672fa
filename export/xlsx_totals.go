package export

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/petition"
)

// totalsRow is one petition's line in the Totals worksheet and the CSV.
// The counts are the store's totals, exactly as `petitiondesk totals`
// prints them.
type totalsRow struct {
	Reference, Title string
	Deadline, PostBy petition.Date
	DaysLeft         int    // days until the deadline; negative after it
	State            string // in words, see deadlineWords
	Digital, Paper   int
	Struck, Valid    int
	Goal             int
}

// share is Valid as a fraction of the goal, or -1 (a blank cell) when
// there is no goal.
func (r totalsRow) share() float64 {
	if r.Goal <= 0 {
		return -1
	}
	return float64(r.Valid) / float64(r.Goal)
}

// totalsColumns are the columns of the Totals worksheet and the CSV.
var totalsColumns = []column{
	{"Reference", 14, textCol}, {"Title", 40, textCol}, {"Deadline", 12, dateCol},
	{"Post by", 12, dateCol}, {"Days left", 9, intCol}, {"Deadline status", 19, textCol}, {"Collected in person", 12, countCol},
	{"On paper", 11, countCol}, {"Struck", 10, countCol}, {"Valid total", 12, countCol},
	{"Goal", 11, countCol}, {"% of goal", 11, pctCol},
}

// totalsRows reads the counts of the chosen petitions.
func totalsRows(src Source, list []petition.Petition, now time.Time) ([]totalsRow, error) {
	rows := make([]totalsRow, 0, len(list))
	for _, p := range list {
		t, err := src.Totals(p.ID)
		if err != nil {
			return nil, err
		}
		info := p.DeadlineAt(now)
		rows = append(rows, totalsRow{
			Reference: p.Reference, Title: p.Title, Deadline: p.Deadline, PostBy: info.PostBy,
			DaysLeft: info.DaysLeft, State: deadlineWords(info), Digital: t.Digital, Paper: t.Paper,
			Struck: t.Struck, Valid: t.Valid(), Goal: t.Goal,
		})
	}
	return rows, nil
}

// deadlineWords says where a petition stands in words a reader of the
// printed table understands: "overdue" alone read as "too late" a week
// before the deadline, when only the post-by date had passed.
func deadlineWords(info petition.DeadlineInfo) string {
	switch {
	case info.State == petition.Delivered:
		return "delivered"
	case info.DaysLeft < 0:
		return "deadline passed"
	case info.DaysToPost < 0:
		return "post by date passed"
	}
	return string(info.State)
}

// sumRows adds the rows up into the total line.
func sumRows(rows []totalsRow) totalsRow {
	sum := totalsRow{Reference: "Total"}
	for _, r := range rows {
		sum.Digital += r.Digital
		sum.Paper += r.Paper
		sum.Struck += r.Struck
		sum.Valid += r.Valid
		sum.Goal += r.Goal
	}
	return sum
}

func (r totalsRow) values() []interface{} {
	var days interface{}
	if !r.Deadline.IsZero() {
		days = r.DaysLeft
	}
	return []interface{}{r.Reference, r.Title, r.Deadline, r.PostBy, days, r.State,
		r.Digital, r.Paper, r.Struck, r.Valid, r.Goal, r.share()}
}

// writeTotalsSheet fills the Totals worksheet in excelize's normal mode: it
// has one row per petition, and the chart needs a sheet it can attach to.
// The total line holds computed numbers rather than SUM formulas, so every
// reader shows the same figures without recalculating.
func writeTotalsSheet(f *excelize.File, st styles, rows []totalsRow, asOf time.Time) error {
	for i, c := range totalsColumns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheetTotals, name, name, c.width); err != nil {
			return err
		}
		if err := putCell(f, sheetTotals, i+1, 1, c.title, st.header); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheetTotals, 1, 30); err != nil {
		return err
	}
	for i, r := range rows {
		if err := putRow(f, i+2, r.values(), st.byKind); err != nil {
			return err
		}
	}
	last := len(rows) + 1
	if err := putRow(f, last+1, sumRows(rows).values(), st.bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheetTotals, frozenHeader()); err != nil {
		return err
	}
	// The filter covers the petitions only, so sorting keeps the total last.
	lastCol, _ := excelize.ColumnNumberToName(len(totalsColumns))
	if err := f.AutoFilter(sheetTotals, fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return err
	}
	// Printed, the figures need their moment: counts change by the hour
	// at a market stall.
	if err := putCell(f, sheetTotals, 1, last+2, asOfLine(asOf), st.byKind[textCol]); err != nil {
		return err
	}
	// After the filter, which replaces the sheet's properties.
	if err := pageSetup(f, sheetTotals, st.personal); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil // a chart of nothing would only confuse
	}
	// Below the table, so the page prints table then chart.
	return f.AddChart(sheetTotals, fmt.Sprintf("A%d", last+4), totalsChart(last))
}

// asOfLine says when the figures were taken, to the minute, with the
// time zone so a coordinator abroad reads it right.
func asOfLine(t time.Time) string {
	return "as of " + t.Format("2006-01-02 15:04 MST")
}

func putRow(f *excelize.File, row int, values []interface{}, style map[kind]int) error {
	for i, v := range values {
		k := totalsColumns[i].kind
		if err := putCell(f, sheetTotals, i+1, row, cellValue(k, v), style[k]); err != nil {
			return err
		}
	}
	return nil
}

// putCell sets one cell's value (nil leaves it blank) and style. A string
// goes in with SetCellStr, so it is text whatever it begins with.
func putCell(f *excelize.File, sheet string, col, row int, v interface{}, style int) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
	case string:
		err = f.SetCellStr(sheet, ref, v)
	default:
		err = f.SetCellValue(sheet, ref, v)
	}
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, ref, ref, style)
}

// chartText is the colour of the chart's axis labels and values: dark
// enough to read on paper and screen (excelize's default is a light grey).
const chartText = "333333"

// totalsChart compares each petition's valid total with its goal; each
// bar carries its number, so the chart reads without the table.
func totalsChart(last int) *excelize.Chart {
	axis := excelize.ChartAxis{Font: excelize.Font{Color: chartText, Size: 10}}
	series := func(col, color string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", sheetTotals, col),
			Categories: fmt.Sprintf("%s!$A$2:$A$%d", sheetTotals, last),
			Values:     fmt.Sprintf("%s!$%s$2:$%s$%d", sheetTotals, col, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
			DataLabel:  excelize.ChartDataLabel{Font: excelize.Font{Color: chartText, Size: 9}},
		}
	}
	return &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{series("J", "35597A"), series("K", "8497AB")},
		XAxis:     axis,
		YAxis:     axis,
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Valid signatures and goal"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 360},
	}
}
