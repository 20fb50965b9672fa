package export

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVOptions are the choices behind the CSV of totals.
type CSVOptions struct {
	// BOM starts the file with a UTF-8 byte order mark, which Excel needs
	// to read accents and Cyrillic correctly when it opens a CSV directly;
	// such a file, meant for Excel, also ends its lines with CRLF.
	BOM bool
	// Sep separates the fields: ',' if zero. German and French spreadsheets
	// expect ';', since their decimal separator is the comma; with ';' the
	// share of the goal is written with a decimal comma too.
	Sep rune
	// Petitions lists the ids to include, in that order; empty means all.
	Petitions []string
	// Now is the moment deadline states are computed for (time.Now if zero).
	Now time.Time
	// Location is the calendar the sheets' times are written in (time.Local if nil).
	Location *time.Location
}

// WriteTotalsCSV writes the Totals table as CSV (UTF-8, comma-separated,
// one header line, one line per petition, no total line: tools that read
// it add up themselves). Dates are YYYY-MM-DD, numbers plain, the share of
// the goal a percentage with one decimal and a dot, empty without a goal.
// Text that a spreadsheet would run as a formula is neutralised (see
// neutralise).
func WriteTotalsCSV(ctx context.Context, w io.Writer, src Source, opt CSVOptions) error {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	list, err := choosePetitions(src, opt.Petitions)
	if err != nil {
		return err
	}
	rows, err := totalsRows(src, list, opt.Now)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	cw, err := newCSV(w, opt, totalsColumns)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(csvRecord(r, opt.decimalComma())); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// decimalComma says whether numbers with a fraction are written the
// German and French way.
func (opt CSVOptions) decimalComma() bool { return opt.Sep == ';' }

// newCSV starts a CSV file: the byte order mark if chosen, the separator
// and line ends, and the header line of cols.
func newCSV(w io.Writer, opt CSVOptions, cols []column) (*csv.Writer, error) {
	if opt.BOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(w)
	if opt.Sep != 0 {
		cw.Comma = opt.Sep
	}
	cw.UseCRLF = opt.BOM
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	return cw, cw.Write(header)
}

func csvRecord(r totalsRow, decimalComma bool) []string {
	pct := ""
	if share := r.share(); share >= 0 {
		pct = strconv.FormatFloat(share*100, 'f', 1, 64)
		if decimalComma {
			pct = strings.Replace(pct, ".", ",", 1)
		}
	}
	return []string{
		neutralise(r.Reference), neutralise(r.Title), r.Deadline.String(), r.PostBy.String(),
		strconv.Itoa(r.DaysLeft), neutralise(r.State), strconv.Itoa(r.Digital), strconv.Itoa(r.Paper),
		strconv.Itoa(r.Struck), strconv.Itoa(r.Valid), strconv.Itoa(r.Goal), pct,
	}
}

// formulaStarts are the first characters that make Excel, LibreOffice or
// Google Sheets treat a CSV field as a formula (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r"

// neutralise defuses a text field as OWASP's CSV-injection advice says:
// a field beginning with = + - @, a tab or a carriage return gets a single
// quote in front, so a spreadsheet shows it as text and never runs it. The
// quote is visible in tools that read the CSV as data; that is the price of
// safety, and only such fields pay it. Numbers are written by us and are
// never neutralised.
func neutralise(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}
