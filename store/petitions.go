package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/petitiondesk/petitiondesk/petition"
)

// counters are a petition's running totals and sheet bookkeeping, kept in
// one small record updated in the same transaction as the rows they count.
type counters struct {
	petition.Totals
	NextSheet int `json:"next_sheet"` // the number the next new sheet gets
	OpenSheet int `json:"open_sheet"` // the digital sheet now collecting, 0 if none
}

func getCounters(txn *badger.Txn, pid string) (counters, error) {
	var c counters
	err := getJSON(txn, keyCounters(pid), &c)
	if errors.Is(err, ErrNotFound) {
		return counters{Totals: petition.Totals{PetitionID: pid}, NextSheet: 1}, nil
	}
	return c, err
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// CreatePetition validates p, gives it an id and stores it.
func (s *Store) CreatePetition(p *petition.Petition) (err error) {
	defer wrap(&err, "creating a petition")
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(func(txn *badger.Txn) error { return s.createIn(txn, p) })
}

// createIn gives a valid p an id and stores it in txn.
func (s *Store) createIn(txn *badger.Txn, p *petition.Petition) error {
	p.ID = newID()
	p.Created = s.now().UTC()
	p.Updated = p.Created
	if err := setJSON(txn, keyPetition(p.ID), p); err != nil {
		return err
	}
	c, _ := getCounters(txn, p.ID)
	return setJSON(txn, keyCounters(p.ID), c)
}

// UpdatePetition validates p and replaces the stored petition.
func (s *Store) UpdatePetition(p *petition.Petition) (err error) {
	defer wrap(&err, "saving a petition")
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(func(txn *badger.Txn) error {
		var old petition.Petition
		if err := getJSON(txn, keyPetition(p.ID), &old); err != nil {
			return err
		}
		p.Created = old.Created
		p.Updated = s.now().UTC()
		return setJSON(txn, keyPetition(p.ID), p)
	})
}

// PetitionByID returns one petition.
func (s *Store) PetitionByID(id string) (_ *petition.Petition, err error) {
	defer wrap(&err, "reading petition %s", id)
	var p petition.Petition
	err = s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyPetition(id), &p) })
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Petitions returns every petition, newest first. A database holds a
// handful of cases, so a list in memory is fine here (signatures never are).
func (s *Store) Petitions() (_ []petition.Petition, err error) {
	defer wrap(&err, "listing the petitions")
	var list []petition.Petition
	err = s.db.View(func(txn *badger.Txn) (err error) {
		list, err = listJSON[petition.Petition](txn, []byte(pfxPetition))
		return err
	})
	sort.SliceStable(list, func(i, j int) bool { return list[i].Created.After(list[j].Created) })
	return list, err
}

// FindPetition resolves what a user typed on the command line: a full id,
// a unique prefix of one, or a reference such as "UA 147/20".
func (s *Store) FindPetition(ref string) (_ *petition.Petition, err error) {
	defer wrap(&err, "finding petition %q", ref)
	list, err := s.Petitions()
	if err != nil {
		return nil, err
	}
	var found []petition.Petition
	for _, p := range list {
		if p.ID == ref {
			return &p, nil
		}
		if strings.HasPrefix(p.ID, ref) || strings.EqualFold(p.Reference, ref) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no petition matches %q (see `petitiondesk petitions`)", ref)
	case 1:
		return &found[0], nil
	}
	return nil, fmt.Errorf("%q matches %d petitions: give more of the id", ref, len(found))
}

// Totals returns a petition's counts in one read.
func (s *Store) Totals(pid string) (_ petition.Totals, err error) {
	defer wrap(&err, "counting petition %s", pid)
	var c counters
	err = s.db.View(func(txn *badger.Txn) error {
		var p petition.Petition
		if err := getJSON(txn, keyPetition(pid), &p); err != nil {
			return err
		}
		var err error
		if c, err = getCounters(txn, pid); err != nil {
			return err
		}
		c.Goal = p.Goal
		c.ToReview, err = toReviewTxn(txn, pid)
		return err
	})
	return c.Totals, err
}
