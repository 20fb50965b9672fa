package scan

import (
	"fmt"
	"sync"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// Catalog is what the scanner asks the database: which petitions exist
// and which sheets were printed. *store.Store satisfies it, so the scanner
// needs no import of the store and tests can pass a fake.
type Catalog interface {
	Petitions() ([]petition.Petition, error)
	SheetByNumber(pid string, n int) (*petition.Sheet, error)
}

// Problems a page can have once its image was read. Each is one line for
// the user; none of them ever produces a count.
var (
	ProblemNoQR         = "no Petition Desk QR code could be read: for a sheet of this app with both codes damaged, pass the number printed large at its foot with --sheet N; for a sheet printed elsewhere, --sheet N|new --count K"
	ProblemForeignQR    = "the QR code on this page is not a Petition Desk sheet code"
	ProblemNoMarks      = "the alignment marks could not be found: scan the whole page, flat"
	ProblemNoGrid       = "the rows could not be lined up with the printed grid: scan the page flat"
	ProblemBlackWhite   = "this looks like a black-and-white scan, which lost the page's grey lines: scan in greyscale (or colour)"
	ProblemOtherDB      = "this sheet's petition is not in this database"
	ProblemNotPrinted   = "sheet %d of %s was not printed from this database"
	ProblemDigitalSheet = "sheet %d of %s is a sheet signed on the laptop, not a printed one"
	ProblemRowsMismatch = "the rows on this page do not match the petition's sheets (%d rows per sheet)"
)

// catalog caches the answers of a Catalog for one batch.
type catalog struct {
	src     Catalog
	once    sync.Once
	byShort map[string]*petition.Petition
	err     error
	mu      sync.Mutex
	sheets  map[string]*petition.Sheet
}

func newCatalog(c Catalog) *catalog {
	return &catalog{src: c, sheets: map[string]*petition.Sheet{}}
}

// identify finds the petition and sheet a payload names, or says why not.
func (c *catalog) identify(pl layout.Payload) (*petition.Petition, *petition.Sheet, string, error) {
	if c == nil || c.src == nil {
		return nil, nil, ProblemOtherDB, nil
	}
	c.load()
	if c.err != nil {
		return nil, nil, "", c.err
	}
	p := c.byShort[pl.Petition]
	if p == nil {
		return nil, nil, ProblemOtherDB, nil
	}
	sh, err := c.sheet(p.ID, pl.Sheet)
	switch {
	case err != nil || sh == nil:
		return p, nil, fmt.Sprintf(ProblemNotPrinted, pl.Sheet, p.Reference), nil
	case sh.Origin != petition.OriginPaper:
		return p, nil, fmt.Sprintf(ProblemDigitalSheet, pl.Sheet, p.Reference), nil
	case pl.First+pl.N-1 > p.RowsPerSheet:
		return p, nil, fmt.Sprintf(ProblemRowsMismatch, p.RowsPerSheet), nil
	}
	return p, sh, "", nil
}

// load reads the petitions once per batch.
func (c *catalog) load() {
	c.once.Do(func() {
		list, err := c.src.Petitions()
		c.err = err
		c.byShort = map[string]*petition.Petition{}
		for i := range list {
			c.byShort[layout.ShortID(list[i].ID)] = &list[i]
		}
	})
}

// petition returns the petition with the given id, or nil.
func (c *catalog) petition(id string) *petition.Petition {
	if c == nil || c.src == nil {
		return nil
	}
	c.load()
	if p := c.byShort[layout.ShortID(id)]; p != nil && p.ID == id {
		return p
	}
	return nil
}

func (c *catalog) sheet(pid string, n int) (*petition.Sheet, error) {
	key := fmt.Sprintf("%s:%d", pid, n)
	c.mu.Lock()
	defer c.mu.Unlock()
	if sh, ok := c.sheets[key]; ok {
		return sh, nil
	}
	sh, err := c.src.SheetByNumber(pid, n)
	if err != nil {
		return nil, err
	}
	c.sheets[key] = sh
	return sh, nil
}
