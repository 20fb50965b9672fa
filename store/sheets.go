package store

import (
	"encoding/json"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Sheets returns a petition's sheets in number order. Sheets are small
// records (a few thousand at most), so they come back as one slice.
func (s *Store) Sheets(pid string) (_ []petition.Sheet, err error) {
	defer wrap(&err, "listing the sheets of petition %s", pid)
	var list []petition.Sheet
	err = s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefixSheets(pid), nil, func(_, v []byte) error {
			var sh petition.Sheet
			if err := json.Unmarshal(v, &sh); err != nil {
				return err
			}
			list = append(list, sh)
			return nil
		})
	})
	return list, err
}

// SheetByNumber returns one sheet.
func (s *Store) SheetByNumber(pid string, n int) (_ *petition.Sheet, err error) {
	defer wrap(&err, "reading sheet %d of petition %s", n, pid)
	var sh petition.Sheet
	err = s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keySheet(pid, n), &sh) })
	if err != nil {
		return nil, err
	}
	return &sh, nil
}

// CreatePaperSheets reserves n new sheet numbers for printed sheets and
// returns them. Numbers are never reused, so a scanned sheet's QR code
// always points at exactly one sheet.
func (s *Store) CreatePaperSheets(pid string, n int, location, collector string) (_ []petition.Sheet, err error) {
	defer wrap(&err, "creating paper sheets for petition %s", pid)
	var made []petition.Sheet
	err = s.update(func(txn *badger.Txn) error {
		if err := getJSON(txn, keyPetition(pid), &petition.Petition{}); err != nil {
			return err
		}
		c, err := getCounters(txn, pid)
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			sh := s.newSheet(&c, pid, petition.OriginPaper, location, collector)
			if err := setJSON(txn, keySheet(pid, sh.Number), sh); err != nil {
				return err
			}
			made = append(made, *sh)
		}
		return setJSON(txn, keyCounters(pid), c)
	})
	return made, err
}

// NextSheetNumber returns the number the petition's next new sheet gets,
// without reserving it: blank sheets are printed with the numbers to
// come and reserved (ReservePaperSheets) only once the file is written.
func (s *Store) NextSheetNumber(pid string) (_ int, err error) {
	defer wrap(&err, "numbering the next sheet of petition %s", pid)
	var c counters
	err = s.db.View(func(txn *badger.Txn) error {
		if err := getJSON(txn, keyPetition(pid), &petition.Petition{}); err != nil {
			return err
		}
		var err error
		c, err = getCounters(txn, pid)
		return err
	})
	return c.NextSheet, err
}

// ReservePaperSheets reserves the n sheet numbers from first on, as
// CreatePaperSheets does, if first is still the next number; otherwise
// nothing is reserved and petition.ErrSheetNumbersTaken is returned.
func (s *Store) ReservePaperSheets(pid string, first, n int) (_ []petition.Sheet, err error) {
	defer wrap(&err, "reserving paper sheets of petition %s", pid)
	var made []petition.Sheet
	err = s.update(func(txn *badger.Txn) error {
		c, err := getCounters(txn, pid)
		if err != nil {
			return err
		}
		if c.NextSheet != first {
			return petition.ErrSheetNumbersTaken
		}
		for i := 0; i < n; i++ {
			sh := s.newSheet(&c, pid, petition.OriginPaper, "", "")
			if err := setJSON(txn, keySheet(pid, sh.Number), sh); err != nil {
				return err
			}
			made = append(made, *sh)
		}
		return setJSON(txn, keyCounters(pid), c)
	})
	return made, err
}

func (s *Store) newSheet(c *counters, pid string, origin petition.Origin, location, collector string) *petition.Sheet {
	sh := &petition.Sheet{
		PetitionID: pid, Number: c.NextSheet, Origin: origin, Location: location,
		Collector: collector, Opened: s.now().UTC(), Status: petition.SheetCollecting,
	}
	c.NextSheet++
	return sh
}

// SetPaperCount records the number of signatures on a paper sheet (from a
// scan or typed in) and updates the petition's totals in the same commit.
func (s *Store) SetPaperCount(pid string, n, count int) (err error) {
	defer wrap(&err, "setting the count of sheet %d of petition %s", n, pid)
	return s.editSheet(pid, n, paperCount(count))
}

// paperCount is the edit behind SetPaperCount, also made by PutScanPage
// in the commit that stores the page.
func paperCount(count int) func(*petition.Petition, *petition.Sheet, *counters) error {
	return func(p *petition.Petition, sh *petition.Sheet, c *counters) error {
		before := sh.Valid()
		if err := sh.SetPaperCount(count, p.RowsPerSheet); err != nil {
			return err
		}
		if sh.Status == petition.SheetCollecting || sh.Status == petition.SheetFull {
			sh.Status = petition.SheetScanned
		}
		c.Paper += sh.Valid() - before
		return nil
	}
}

// MarkSheetPosted records that a sheet went into the post.
func (s *Store) MarkSheetPosted(pid string, n int, on petition.Date, tracking string) (err error) {
	defer wrap(&err, "marking sheet %d of petition %s posted", n, pid)
	return s.editSheet(pid, n, func(_ *petition.Petition, sh *petition.Sheet, c *counters) error {
		if sh.Number == c.OpenSheet {
			c.OpenSheet = 0 // a posted sheet takes no more signatures
		}
		return sh.MarkPosted(on, tracking)
	})
}

// SetSheetStatus moves a sheet to another status (e.g. exported).
func (s *Store) SetSheetStatus(pid string, n int, st petition.SheetStatus) (err error) {
	defer wrap(&err, "setting the status of sheet %d of petition %s", n, pid)
	return s.editSheet(pid, n, func(_ *petition.Petition, sh *petition.Sheet, c *counters) error {
		if sh.Number == c.OpenSheet && st != petition.SheetCollecting {
			c.OpenSheet = 0
		}
		sh.Status = st
		return nil
	})
}

// editSheet runs a read-modify-write of one sheet and its counters.
func (s *Store) editSheet(pid string, n int, fn func(*petition.Petition, *petition.Sheet, *counters) error) error {
	return s.update(func(txn *badger.Txn) error { return editSheetTxn(txn, pid, n, fn) })
}

func editSheetTxn(txn *badger.Txn, pid string, n int, fn func(*petition.Petition, *petition.Sheet, *counters) error) error {
	var p petition.Petition
	var sh petition.Sheet
	if err := getJSON(txn, keyPetition(pid), &p); err != nil {
		return err
	}
	if err := getJSON(txn, keySheet(pid, n), &sh); err != nil {
		return err
	}
	c, err := getCounters(txn, pid)
	if err != nil {
		return err
	}
	if err := fn(&p, &sh, &c); err != nil {
		return err
	}
	if err := setJSON(txn, keySheet(pid, n), &sh); err != nil {
		return err
	}
	return setJSON(txn, keyCounters(pid), c)
}
