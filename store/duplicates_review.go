package store

import (
	"errors"
	"sort"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// ActionKeepDuplicates is audited when possible duplicates are reviewed
// and both rows of each pair are kept (striking is audited as a strike).
const ActionKeepDuplicates = "keep-duplicates"

// DuplicatePair is a possible duplicate still counted twice: two valid
// rows with the same folded name and postcode. Later was filed after
// Earlier and is the one struck when the user decides so.
type DuplicatePair struct {
	Earlier, Later petition.Signature
}

// UnreviewedDuplicates lists the possible duplicates among a petition's
// valid rows that nobody has reviewed yet: before a pack states its
// count, each must be struck or kept. A pair kept before is not listed
// again, nor is one whose later row is struck.
func (s *Store) UnreviewedDuplicates(pid string) (_ []DuplicatePair, err error) {
	defer wrap(&err, "reading the possible duplicates of petition %s", pid)
	groups, err := s.DuplicateGroups(pid, 0)
	if err != nil {
		return nil, err
	}
	var out []DuplicatePair
	var trim rssTrim
	err = s.db.View(func(txn *badger.Txn) error {
		for _, g := range groups {
			rows := validRows(g)
			for _, later := range rows[min(1, len(rows)):] {
				trim.add(randomReadCost)
				kept, err := has(txn, keyKeptPair(pid, later.ID, rows[0].ID))
				if err != nil {
					return err
				}
				if !kept {
					out = append(out, DuplicatePair{Earlier: rows[0], Later: later})
				}
			}
		}
		return nil
	})
	return out, err
}

// validRows returns a duplicate group's rows that still count, the
// earliest signed first.
func validRows(g []petition.Signature) []petition.Signature {
	var rows []petition.Signature
	for _, r := range g {
		if !r.IsStruck() {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Signed.Before(rows[j].Signed) })
	return rows
}

func has(txn *badger.Txn, key []byte) (bool, error) {
	_, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// KeepDuplicates records that the user looked at these pairs and they
// are two people (or both count): neither row is struck, and they are not
// listed again. The record holds the two ids only; the audit log counts
// the pairs.
func (s *Store) KeepDuplicates(pid string, pairs []DuplicatePair) (err error) {
	defer wrap(&err, "keeping reviewed duplicates of petition %s", pid)
	if len(pairs) == 0 {
		return nil
	}
	err = s.update(func(txn *badger.Txn) error {
		for _, pr := range pairs {
			if err := txn.Set(keyKeptPair(pid, pr.Later.ID, pr.Earlier.ID), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.Audit(ActionKeepDuplicates, map[string]any{"petition": pid, "count": len(pairs)})
}

// StrikeDuplicates strikes the later row of each pair as a duplicate,
// through StrikeSignature (as the Sheets screen does), so each strike is
// audited like any other.
func (s *Store) StrikeDuplicates(pairs []DuplicatePair) (err error) {
	defer wrap(&err, "striking duplicates")
	for _, pr := range pairs {
		if err := s.StrikeSignature(pr.Later.ID, petition.StrikeDuplicate); err != nil {
			return err
		}
	}
	return nil
}
