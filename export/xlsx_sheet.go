package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheetXML writes one worksheet's XML by hand, row by row, into a zip
// entry: nothing of a row is kept once it is written, so a million rows
// cost what one does. The styles are the workbook's, referenced by index.
// A bufio.Writer keeps its first error, so the writes of a row are not
// checked one by one: the row's last write, and finish's flush, report it.
type sheetXML struct {
	w    *bufio.Writer
	refs []string // column letters, "A", "B", …
	row  int      // the last row written
	num  []byte   // scratch for a cell's number, reused
	at   []byte   // scratch for a cell's row number, reused
}

const worksheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
	`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
	// The header row stays in view while scrolling.
	`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
	`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
	`<sheetFormatPr defaultRowHeight="15"/>`

// newSheetXML starts a worksheet with the columns' widths and a header
// row of titles in the header style.
func newSheetXML(w io.Writer, cols []column, header int) (*sheetXML, error) {
	x := &sheetXML{w: bufio.NewWriterSize(w, 64<<10), refs: make([]string, len(cols))}
	x.w.WriteString(worksheetHead + "<cols>")
	for i, c := range cols {
		x.refs[i], _ = excelize.ColumnNumberToName(i + 1)
		fmt.Fprintf(x.w, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1,
			strconv.FormatFloat(c.width, 'f', -1, 64))
	}
	x.w.WriteString(`</cols><sheetData><row r="1" ht="30" customHeight="1">`)
	x.row = 1
	for i, c := range cols {
		x.text(i, header, c.title)
	}
	_, err := x.w.WriteString("</row>")
	return x, err
}

// add writes the next row; a nil value leaves its cell blank.
func (x *sheetXML) add(style []int, values []interface{}) error {
	x.row++
	x.w.WriteString(`<row r="`)
	x.at = strconv.AppendInt(x.at[:0], int64(x.row), 10)
	x.w.Write(x.at)
	x.w.WriteString(`">`)
	for i, v := range values {
		if err := x.cell(i, style[i], v); err != nil {
			return err
		}
	}
	_, err := x.w.WriteString("</row>")
	return err
}

func (x *sheetXML) cell(i, style int, v interface{}) error {
	switch v := v.(type) {
	case nil:
	case string:
		x.text(i, style, v)
	case int:
		x.number(i, style, strconv.AppendInt(x.num[:0], int64(v), 10))
	case float64:
		x.number(i, style, strconv.AppendFloat(x.num[:0], v, 'f', -1, 64))
	case time.Time:
		x.number(i, style, strconv.AppendFloat(x.num[:0], excelTime(v), 'f', -1, 64))
	default:
		return fmt.Errorf("column %s: no cell for a %T", x.refs[i], v)
	}
	return nil
}

// open writes a cell's start tag: reference, style and type.
func (x *sheetXML) open(i, style int, typ string) {
	x.w.WriteString(`<c r="`)
	x.w.WriteString(x.refs[i])
	x.at = strconv.AppendInt(x.at[:0], int64(x.row), 10)
	x.w.Write(x.at)
	x.w.WriteString(`" s="`)
	x.at = strconv.AppendInt(x.at[:0], int64(style), 10)
	x.w.Write(x.at)
	x.w.WriteString(typ)
}

func (x *sheetXML) number(i, style int, v []byte) {
	x.num = v[:0] // keep the grown buffer
	x.open(i, style, `"><v>`)
	x.w.Write(v)
	x.w.WriteString("</v></c>")
}

// text writes an inline string: never a formula, whatever it begins with.
func (x *sheetXML) text(i, style int, s string) {
	x.open(i, style, `" t="inlineStr"><is><t`)
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		x.w.WriteString(` xml:space="preserve"`)
	}
	x.w.WriteByte('>')
	writeCellText(x.w, s)
	x.w.WriteString("</t></is></c>")
}

// finish closes the worksheet: the auto-filter over every row written,
// then how it prints (see pageSetup, which sets the same on the
// workbook's own sheets), and flushes it.
func (x *sheetXML) finish(personal bool) error {
	last := x.refs[len(x.refs)-1] + strconv.Itoa(x.row)
	x.w.WriteString(`</sheetData><autoFilter ref="A1:` + last + `"/>`)
	x.w.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	x.w.WriteString(`<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`)
	hf := headerFooter(personal)
	x.w.WriteString("<headerFooter><oddHeader>")
	writeCellText(x.w, hf.OddHeader)
	x.w.WriteString("</oddHeader><oddFooter>")
	writeCellText(x.w, hf.OddFooter)
	x.w.WriteString("</oddFooter></headerFooter></worksheet>")
	return x.w.Flush()
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// maxCellChars is Excel's limit on a cell's text, in UTF-16 units.
const maxCellChars = excelize.TotalCellChars

// writeCellText escapes s for an element's text as Excel reads it back:
// XML's five characters, tab and carriage return as character references
// (a raw CR would read as a newline), and control characters XML cannot
// hold as Excel's _xHHHH_. A literal "_x0041_" in a name is written
// "_x005F_x0041_" so it is not decoded as "A". excelize writes and reads
// the same escapes, so names round-trip through it (tested).
func writeCellText(w *bufio.Writer, s string) {
	units := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if units += utf16.RuneLen(r); units > maxCellChars {
			return // Excel would refuse the file; excelize truncates the same way
		}
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '\t':
			w.WriteString("&#x9;")
		case r == '\r':
			w.WriteString("&#xD;")
		case r == '\n':
			w.WriteByte('\n')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			fmt.Fprintf(w, "_x%04X_", r)
		case r == '_' && isEscapeAt(s[i:]):
			w.WriteString("_x005F_")
		default:
			w.WriteRune(r) // an invalid byte becomes U+FFFD, as encoding/xml does
		}
		i += size
	}
}

// isEscapeAt says whether s starts with what Excel would decode: _xHHHH_.
func isEscapeAt(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// excelTime is t's wall clock as an Excel serial day, as excelize
// computes it: the zone is dropped, not converted, so a signature shows
// the local time it was given in.
func excelTime(t time.Time) float64 {
	y, m, d := t.Date()
	wall := time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	const day = 24 * time.Hour
	diff := wall.Sub(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC))
	rem := diff % day
	serial := float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if wall.After(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		serial++ // Excel's 29 February 1900, kept from Lotus 1-2-3
	}
	return serial
}
