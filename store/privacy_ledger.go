package store

import (
	"bufio"
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/petitiondesk/petitiondesk/petition"
)

// The erasure ledger lists, outside the database, what was erased by
// request: "signature <id>" and "petition <id>" lines in a small file
// beside it. Restoring a backup made before an erasure brings the erased
// rows back into the database; the ledger survives the restore (it is not
// part of the database), and ApplyRetention, which runs at every start,
// erases them again. The ids are random and name no one.
const ledgerName = "erased.txt"

// recordErasure appends one line to the ledger and syncs it.
func (s *Store) recordErasure(kind, id string) error {
	if s.dir == "" {
		return nil
	}
	return appendSynced(filepath.Join(s.dir, ledgerName), kind+" "+id+"\n")
}

// reapplyErasures erases again whatever the ledger lists and the
// database holds once more (after a restore). It returns what it did.
func (s *Store) reapplyErasures() ([]ErasureReport, error) {
	if s.dir == "" {
		return nil, nil
	}
	f, err := os.Open(filepath.Join(s.dir, ledgerName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	var reps []ErasureReport
	var notPurged error // the erasures go on; the failed purge is said at the end
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, id, _ := strings.Cut(sc.Text(), " ")
		rep, err := s.reapply(kind, id)
		if err != nil && !errors.Is(err, ErrNotPurged) {
			return reps, err
		}
		notPurged = cmp.Or(notPurged, err)
		if rep.Signatures > 0 || rep.Images > 0 {
			reps = append(reps, rep)
		}
	}
	return reps, cmp.Or(sc.Err(), notPurged)
}

func (s *Store) reapply(kind, id string) (ErasureReport, error) {
	switch kind {
	case "signature":
		sig, err := s.SignatureByID(id)
		if errors.Is(err, ErrNotFound) || (err == nil && sig.ErasedPerson && sig.Struck == petition.StrikeWithdrawn) {
			return ErasureReport{}, nil
		}
		if err != nil {
			return ErasureReport{}, err
		}
		return s.eraseSignature(id, false)
	case "petition":
		if _, err := s.PetitionByID(id); errors.Is(err, ErrNotFound) {
			return ErasureReport{}, nil
		}
		return s.erasePetitionData(id, ActionEraseNow, false)
	}
	return ErasureReport{}, nil
}
