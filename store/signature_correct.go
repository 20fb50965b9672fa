package store

import (
	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// CorrectSignature lets a signer fix their own entry moments after
// signing ("Correct my entry"): fix edits a copy, of which only the
// fields petition.Signature.CorrectFrom names are kept; the result is
// validated like a new signature and the duplicate flag is worked out
// again for the corrected name and postcode. A row whose personal data was erased (the signer withdrew, or the
// retention time ran out) is refused with ErrAlreadyErased: a correction
// would bring personal data back into a row that must stay empty. Like
// AddSignature it returns once the commit is on disk.
func (s *Store) CorrectSignature(id string, fix func(sig *petition.Signature)) (err error) {
	defer wrap(&err, "correcting signature %s", id)
	return s.update(func(txn *badger.Txn) error {
		key, old, err := getSignature(txn, id)
		if err != nil {
			return err
		}
		if old.ErasedPerson {
			return ErrAlreadyErased
		}
		fixed := old
		fix(&fixed)
		sig := old
		sig.CorrectFrom(&fixed)
		sig.Trim()
		if err := sig.Validate(); err != nil {
			return err
		}
		oldDup := prefixDup(old.PetitionID, petition.DuplicateKey(old.Name, old.Address.Postcode))
		newDup := prefixDup(sig.PetitionID, petition.DuplicateKey(sig.Name, sig.Address.Postcode))
		if string(oldDup) != string(newDup) {
			if err := s.refileDuplicate(txn, &sig, oldDup, newDup); err != nil {
				return err
			}
		}
		return setJSON(txn, key, &sig)
	})
}

// refileDuplicate moves a signature from one duplicate-index bucket to
// another and sets its flag (and the petition's count of flags) anew.
func (s *Store) refileDuplicate(txn *badger.Txn, sig *petition.Signature, oldDup, newDup []byte) error {
	c, err := getCounters(txn, sig.PetitionID)
	if err != nil {
		return err
	}
	if err := txn.Delete(append(append([]byte{}, oldDup...), sig.ID...)); err != nil {
		return err
	}
	if sig.DuplicateOf != "" {
		c.Duplicates--
		sig.DuplicateOf = ""
	}
	first, ok, err := firstKeySuffix(txn, newDup)
	if err != nil {
		return err
	}
	if ok && first != sig.ID {
		sig.DuplicateOf = first
		c.Duplicates++
	}
	if err := txn.Set(append(append([]byte{}, newDup...), sig.ID...), nil); err != nil {
		return err
	}
	return setJSON(txn, keyCounters(sig.PetitionID), c)
}
