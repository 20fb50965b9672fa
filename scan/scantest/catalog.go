package scantest

import (
	"errors"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Catalog is an in-memory stand-in for the database: petitions and their
// printed sheets. It satisfies scan.Catalog.
type Catalog struct {
	List   []petition.Petition
	Sheets map[string][]petition.Sheet // by petition id
}

// ErrNotFound is what SheetByNumber returns for a sheet it does not hold.
var ErrNotFound = errors.New("not found")

// NewCatalog holds one petition with paper sheets 1..n.
func NewCatalog(id string, n int) *Catalog {
	p := petition.New()
	p.ID, p.Reference, p.Title = id, "UA 1/26", "Test petition"
	c := &Catalog{List: []petition.Petition{*p}, Sheets: map[string][]petition.Sheet{}}
	for i := 1; i <= n; i++ {
		c.Sheets[id] = append(c.Sheets[id], petition.Sheet{PetitionID: id, Number: i, Origin: petition.OriginPaper, Status: petition.SheetCollecting})
	}
	return c
}

// Petitions lists the petitions.
func (c *Catalog) Petitions() ([]petition.Petition, error) { return c.List, nil }

// SheetByNumber returns one sheet.
func (c *Catalog) SheetByNumber(pid string, n int) (*petition.Sheet, error) {
	for _, sh := range c.Sheets[pid] {
		if sh.Number == n {
			return &sh, nil
		}
	}
	return nil, ErrNotFound
}

// Payload is the QR payload of page `page` of sheet `sheet` of petition
// id with the default 30 rows per sheet: page 1 a letter page with 3 rows
// under the letter, page 2 a rows page with rows 4 to 30 (A4).
func Payload(id string, sheet, page int) layout.Payload {
	pages := layout.SplitSheet(layout.A4, 1, petition.DefaultRowsFirstPage, petition.DefaultRowsPerSheet)
	pr := pages[min(page, len(pages))-1]
	return layout.Payload{Petition: layout.ShortID(id), Sheet: sheet, Page: page, Paper: layout.A4, Kind: pr.Kind, First: pr.First, N: pr.N}
}
