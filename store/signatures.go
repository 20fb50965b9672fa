package store

import (
	"encoding/json"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// AddSignature validates sig, places it on the petition's open digital
// sheet (opening the next sheet when that one is full), flags a possible
// duplicate, updates the totals and commits. When it returns nil the
// signature is on disk: it was fsynced to the journal before the commit.
func (s *Store) AddSignature(pid string, sig *petition.Signature) (err error) {
	defer wrap(&err, "saving a signature")
	sig.Trim()
	if err := sig.Validate(); err != nil {
		return err
	}
	sig.ID = ""
	if err := s.CheckRoom(0); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db.Update(func(txn *badger.Txn) error {
		raw, err := s.placeSignature(txn, pid, sig)
		if err != nil || s.journal == nil {
			return err
		}
		return s.journal.appendRaw(pid, raw)
	})
}

// placeSignature does the work of AddSignature inside txn. A signature
// that already has an id (replayed from the journal) keeps it.
// It returns the stored JSON of the row, which the journal reuses.
func (s *Store) placeSignature(txn *badger.Txn, pid string, sig *petition.Signature) ([]byte, error) {
	p, err := s.cachedPetition(txn, pid)
	if err != nil {
		return nil, err
	}
	if p.Status != petition.StatusCollecting && p.Status != petition.StatusDraft {
		return nil, ErrPetitionNotActive
	}
	c, err := getCounters(txn, pid)
	if err != nil {
		return nil, err
	}
	sh, err := s.openSheet(txn, &c, p, sig)
	if err != nil {
		return nil, err
	}
	row, _ := sh.NextRow(p.RowsPerSheet)
	sh.Fill(p.RowsPerSheet)
	if sh.Status == petition.SheetFull {
		c.OpenSheet = 0
	}
	if sig.ID == "" {
		sig.ID = newID()
	}
	sig.PetitionID, sig.Sheet, sig.Row, sig.DuplicateOf = pid, sh.Number, row, ""
	if sig.Signed.IsZero() {
		sig.Signed = s.now().UTC()
	}
	return s.putNewSignature(txn, &c, sh, sig)
}

// cachedPetition reads a petition, decoding it only when its stored
// version changed: the letter makes it the largest record a save reads.
func (s *Store) cachedPetition(txn *badger.Txn, pid string) (*petition.Petition, error) {
	item, err := txn.Get(keyPetition(pid))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if c, ok := s.petCache[pid]; ok && c.version == item.Version() {
		return c.p, nil
	}
	p := new(petition.Petition)
	if err := item.Value(func(b []byte) error { return json.Unmarshal(b, p) }); err != nil {
		return nil, err
	}
	if s.petCache == nil {
		s.petCache = map[string]cachedPetition{}
	}
	s.petCache[pid] = cachedPetition{item.Version(), p}
	return p, nil
}

type cachedPetition struct {
	version uint64
	p       *petition.Petition
}

// openSheet returns the digital sheet now collecting, or starts a new one.
func (s *Store) openSheet(txn *badger.Txn, c *counters, p *petition.Petition, sig *petition.Signature) (*petition.Sheet, error) {
	if c.OpenSheet != 0 {
		var sh petition.Sheet
		if err := getJSON(txn, keySheet(p.ID, c.OpenSheet), &sh); err != nil {
			return nil, err
		}
		if _, ok := sh.NextRow(p.RowsPerSheet); ok {
			return &sh, nil
		}
	}
	sh := s.newSheet(c, p.ID, petition.OriginDigital, sig.Location, sig.Collector)
	c.OpenSheet = sh.Number
	return sh, nil
}

// putNewSignature writes the row, its indexes, its sheet and the
// counters, and returns the row's stored JSON.
func (s *Store) putNewSignature(txn *badger.Txn, c *counters, sh *petition.Sheet, sig *petition.Signature) ([]byte, error) {
	dupPrefix := prefixDup(sig.PetitionID, petition.DuplicateKey(sig.Name, sig.Address.Postcode))
	if first, ok, err := firstKeySuffix(txn, dupPrefix); err != nil {
		return nil, err
	} else if ok {
		sig.DuplicateOf = first
		c.Duplicates++
	}
	key := keySig(sig.PetitionID, sig.Sheet, sig.Row)
	if sig.IsStruck() {
		c.Struck++
		sh.Struck++
	} else {
		c.Digital++
	}
	raw, err := json.Marshal(sig)
	if err != nil {
		return nil, err
	}
	for _, err := range []error{
		txn.Set(key, raw), txn.Set(keySigIndex(sig.ID), key),
		txn.Set(append(dupPrefix, sig.ID...), nil),
		setJSON(txn, keySheet(sig.PetitionID, sh.Number), sh),
		setJSON(txn, keyCounters(sig.PetitionID), c),
	} {
		if err != nil {
			return nil, err
		}
	}
	return raw, nil
}

// firstKeySuffix returns what follows prefix in the first key under it.
func firstKeySuffix(txn *badger.Txn, prefix []byte) (string, bool, error) {
	k := firstKey(txn, prefix)
	if k == nil {
		return "", false, nil
	}
	return string(k[len(prefix):]), true, nil
}

// SignatureByID returns one signature.
func (s *Store) SignatureByID(id string) (_ *petition.Signature, err error) {
	defer wrap(&err, "reading signature %s", id)
	return s.signatureByID(id)
}

// signatureByID is SignatureByID for callers that give the context.
func (s *Store) signatureByID(id string) (*petition.Signature, error) {
	var sig petition.Signature
	err := s.db.View(func(txn *badger.Txn) (err error) {
		_, sig, err = getSignature(txn, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &sig, nil
}

// getSignature reads the signature with this id and the key it is stored
// under; ErrNotFound if there is none.
func getSignature(txn *badger.Txn, id string) (key []byte, sig petition.Signature, err error) {
	if key, err = sigKey(txn, id); err != nil {
		return nil, sig, err
	}
	err = getJSON(txn, key, &sig)
	return key, sig, err
}

func sigKey(txn *badger.Txn, id string) ([]byte, error) {
	item, err := txn.Get(keySigIndex(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

// SignaturesBySheet returns the rows of one sheet in row order.
func (s *Store) SignaturesBySheet(pid string, sheet int) (_ []petition.Signature, err error) {
	defer wrap(&err, "reading the signatures of sheet %d of petition %s", sheet, pid)
	var list []petition.Signature
	err = s.forEach(prefixSheetSigs(pid, sheet), nil, func(sig *petition.Signature) error {
		list = append(list, *sig)
		return nil
	})
	return list, err
}

// Cursor marks a position in a petition's signatures for paging.
type Cursor struct{ Sheet, Row int }

// SignaturesPage returns up to limit signatures of a petition after the
// cursor (the zero Cursor starts at the beginning) and the cursor to pass
// for the next page. Lists page through 100,000 rows this way without
// ever holding them all.
func (s *Store) SignaturesPage(pid string, after Cursor, limit int) (_ []petition.Signature, _ Cursor, err error) {
	defer wrap(&err, "reading the signatures of petition %s", pid)
	var page []petition.Signature
	from := keySig(pid, after.Sheet, after.Row+1)
	err = s.forEach(prefixSigs(pid), from, func(sig *petition.Signature) error {
		if len(page) == limit {
			return errStop
		}
		page = append(page, *sig)
		after = Cursor{sig.Sheet, sig.Row}
		return nil
	})
	return page, after, err
}

// ForEachSignature streams a petition's signatures in sheet and row order,
// for exports. fn must not keep sig past the call.
func (s *Store) ForEachSignature(pid string, fn func(sig *petition.Signature) error) (err error) {
	defer wrap(&err, "reading the signatures of petition %s", pid)
	return s.forEach(prefixSigs(pid), nil, fn)
}

func (s *Store) forEach(prefix, from []byte, fn func(*petition.Signature) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		var sig petition.Signature
		return scan(txn, prefix, from, func(_, v []byte) error {
			sig = petition.Signature{}
			if err := json.Unmarshal(v, &sig); err != nil {
				return fmt.Errorf("a stored signature is damaged: %w", err)
			}
			return fn(&sig)
		})
	})
}

// StrikeSignature strikes a row out with a reason; it stops counting.
func (s *Store) StrikeSignature(id string, reason petition.StrikeReason) (err error) {
	defer wrap(&err, "striking signature %s", id)
	if _, err := petition.ParseStrikeReason(string(reason)); err != nil {
		return err
	}
	var pid string
	err = s.editSignature(id, func(sig *petition.Signature) error {
		sig.Struck, pid = reason, sig.PetitionID
		return nil
	})
	return s.auditRow(err, ActionStrike, pid, string(reason)) // see audit.go
}

// UnstrikeSignature makes a struck row count again.
func (s *Store) UnstrikeSignature(id string) (err error) {
	defer wrap(&err, "restoring struck signature %s", id)
	var pid string
	err = s.editSignature(id, func(sig *petition.Signature) error {
		if sig.ErasedPerson && sig.Struck == petition.StrikeWithdrawn {
			return ErrWithdrawn // the signer asked to be erased
		}
		sig.Struck, pid = petition.StrikeNone, sig.PetitionID
		return nil
	})
	return s.auditRow(err, ActionUnstrike, pid, "")
}

// editSignature changes one row and keeps its sheet's and petition's counts true.
func (s *Store) editSignature(id string, fn func(*petition.Signature) error) error {
	return s.update(func(txn *badger.Txn) error {
		key, err := sigKey(txn, id)
		if err != nil {
			return err
		}
		var sig petition.Signature
		var sh petition.Sheet
		if err := getJSON(txn, key, &sig); err != nil {
			return err
		}
		if err := getJSON(txn, keySheet(sig.PetitionID, sig.Sheet), &sh); err != nil {
			return err
		}
		c, err := getCounters(txn, sig.PetitionID)
		if err != nil {
			return err
		}
		wasStruck := sig.IsStruck()
		if err := fn(&sig); err != nil {
			return err
		}
		adjustStrike(&c, &sh, wasStruck, sig.IsStruck())
		for _, err := range []error{setJSON(txn, key, &sig), setJSON(txn, keySheet(sig.PetitionID, sig.Sheet), &sh), setJSON(txn, keyCounters(sig.PetitionID), c)} {
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func adjustStrike(c *counters, sh *petition.Sheet, was, now bool) {
	switch {
	case !was && now:
		c.Digital--
		c.Struck++
		sh.Struck++
	case was && !now:
		c.Digital++
		c.Struck--
		sh.Struck--
	}
}
