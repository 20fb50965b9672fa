package layout

import "fmt"

// Kind is what a sheet page carries above its rows.
type Kind byte

// Page kinds. A sheet starts with one or more letter pages (the last one
// may have rows under the letter, as on the paper sheets groups use) and
// continues with rows pages.
const (
	KindLetter Kind = 'L' // the letter to the target, rows (if any) at the bottom
	KindRows   Kind = 'R' // header box with title and demands, then rows
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == KindLetter || k == KindRows }

// Column is one column of the row table.
type Column struct{ X0, X1 float64 }

// W is the column's width.
func (c Column) W() float64 { return c.X1 - c.X0 }

// Row is one numbered row: its number on the sheet and its y-range.
type Row struct {
	Number int
	Y0, Y1 float64
}

// Table is the geometry of the rows on one page.
type Table struct {
	Label     Rect // the label row ("Full Name / Address / Signature")
	Number    Column
	Name      Column
	Address   Column
	Signature Column
	Rows      []Row
}

// Bounds is the whole table including the label row.
func (t Table) Bounds() Rect {
	y1 := t.Label.Y1()
	if len(t.Rows) > 0 {
		y1 = t.Rows[len(t.Rows)-1].Y1
	}
	return Rect{t.Label.X, t.Label.Y, t.Label.W, y1 - t.Label.Y}
}

// Columns returns the table's columns across the content width: the
// number, then name 32 %, address 36 %, signature 32 % of the rest.
func Columns(p Paper) (number, name, address, signature Column) {
	c := Content(p)
	rest := c.W - NumberWidth
	x := c.X
	number = Column{x, x + NumberWidth}
	name = Column{number.X1, number.X1 + 0.32*rest}
	address = Column{name.X1, name.X1 + 0.36*rest}
	signature = Column{address.X1, c.X1()}
	return
}

// TableTop returns the y of the label row's top for a table of n rows.
// With n = 0 there is no table and TableTop is TableBottom.
func TableTop(p Paper, n int) float64 {
	if n <= 0 {
		return TableBottom(p)
	}
	return TableBottom(p) - float64(n)*p.RowHeight() - LabelHeight
}

// Rows returns the row table of a page of the given kind holding n rows
// numbered first, first+1, .... The table is anchored at TableBottom on
// every kind of page, so the result depends only on the paper, the row
// count and the first number; kind is checked and kept in the signature so
// a future kind may differ. It is an error if the rows do not fit.
func Rows(p Paper, k Kind, first, n int) (Table, error) {
	if !k.Valid() {
		return Table{}, fmt.Errorf("layout: unknown page kind %q", byte(k))
	}
	if n < 0 || n > MaxRows(p) || first < 1 {
		return Table{}, fmt.Errorf("layout: %d rows from %d do not fit on a %s page (at most %d)", n, first, p, MaxRows(p))
	}
	c := Content(p)
	t := Table{}
	t.Number, t.Name, t.Address, t.Signature = Columns(p)
	top := TableTop(p, n)
	t.Label = Rect{c.X, top, c.W, LabelHeight}
	if n == 0 {
		t.Label.H = 0
		return t, nil
	}
	rh := p.RowHeight()
	y := top + LabelHeight
	t.Rows = make([]Row, n)
	for i := range t.Rows {
		t.Rows[i] = Row{Number: first + i, Y0: y + float64(i)*rh, Y1: y + float64(i+1)*rh}
	}
	return t, nil
}

// PageRows is how many rows each page of a sheet carries.
type PageRows struct {
	Kind  Kind
	First int // number of the first row on the page (1-based)
	N     int // rows on the page, possibly 0 on a letter page
}

// SplitSheet lays out the rows of one sheet: letterPages pages of letter,
// the last of them with underLetter rows at the bottom (0 if the letter
// leaves no room), then rows pages of at most MaxRows rows each until
// perSheet rows are placed.
func SplitSheet(p Paper, letterPages, underLetter, perSheet int) []PageRows {
	var out []PageRows
	underLetter = max(0, min(underLetter, perSheet, MaxRows(p)))
	for i := 0; i < letterPages; i++ {
		n := 0
		if i == letterPages-1 {
			n = underLetter
		}
		out = append(out, PageRows{KindLetter, 1, n})
	}
	next := 1 + underLetter
	for next <= perSheet {
		n := min(MaxRows(p), perSheet-next+1)
		out = append(out, PageRows{KindRows, next, n})
		next += n
	}
	return out
}
