package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Erasing a person keeps the row (its sheet and number, when and where it
// was signed, who collected it, whether it counts) and removes what names
// the person: name, address, email, consent and the drawn signature. The
// time of signing is cut to the day. The duplicate index entry (a hash of
// name and postcode) goes too; a tombstone of the signature id (no
// personal data) stays, so a group's next bundle cannot bring the person
// back (bundle_merge.go). Then the journal, which holds every
// signature as it was saved, is emptied, and Purge rewrites the database
// files so the old versions of the rows are gone from the disk.

// ErrWithdrawn refuses to make a row count again whose signer withdrew
// and had their data erased.
var ErrWithdrawn = errors.New("this signer withdrew and their data was erased: the row cannot count again")

// ErrAlreadyErased says a row's personal data is gone already.
var ErrAlreadyErased = errors.New("this signature's personal data was already erased")

// ErasureReport says what an erasure removed, in numbers only.
type ErasureReport struct {
	PetitionID string `json:"petition_id"`
	Reference  string `json:"reference"`
	Action     string `json:"action"`          // ActionErase, ActionRetention or ActionEraseNow
	Signatures int    `json:"signatures"`      // rows whose personal data was removed
	Images     int    `json:"images"`          // scanned page images deleted
	Again      bool   `json:"again,omitempty"` // erased once more: a restored backup had brought it back
}

// String is the sentence the app shows after an erasure.
func (r ErasureReport) String() string {
	if r.Again {
		return fmt.Sprintf("%s: erased again the personal data of %d signatures and %d scanned pages erased before, which a restored backup had brought back", r.Reference, r.Signatures, r.Images)
	}
	switch r.Action {
	case ActionErase:
		return fmt.Sprintf("%s: the signer's name, address, email and drawn signature were erased; the row is struck as withdrawn and no longer counts", r.Reference)
	case ActionRetention:
		return fmt.Sprintf("%s: the retention time after delivery ran out: erased the personal data of %d signatures and %d scanned pages; the counts and sheet records remain", r.Reference, r.Signatures, r.Images)
	}
	return fmt.Sprintf("%s: erased the personal data of %d signatures and %d scanned pages; the counts and sheet records remain", r.Reference, r.Signatures, r.Images)
}

// scrubPerson removes from a row everything that names its signer.
func scrubPerson(sig *petition.Signature) {
	sig.Name, sig.Address, sig.Email, sig.Consent, sig.Strokes = "", petition.Address{}, "", false, nil
	y, m, d := sig.Signed.UTC().Date()
	sig.Signed = time.Date(y, m, d, 12, 0, 0, 0, time.UTC) // noon: the same calendar day in every time zone near Europe
	sig.ErasedPerson = true
}

// dupEntry is a row's key in the duplicate index.
func dupEntry(sig *petition.Signature) []byte {
	return append(prefixDup(sig.PetitionID, petition.DuplicateKey(sig.Name, sig.Address.Postcode)), sig.ID...)
}

// EraseSignature erases one person's signature on request: the row is
// struck as withdrawn (the totals drop by one), its personal fields are
// removed, its duplicate flag and index entry go, an audit entry is
// written in the same commit, and the database files are purged of the
// old row. A signer who signed several petitions has several rows: find
// them with FindPerson and erase each.
func (s *Store) EraseSignature(id string) (_ ErasureReport, err error) {
	defer wrap(&err, "erasing signature %s", id)
	reps, err := s.eraseSignatures([]string{id})
	if len(reps) == 0 {
		return ErasureReport{}, err
	}
	return reps[0], err
}

// EraseSignatures erases several signatures as EraseSignature does (one
// signer's rows in several petitions, say) with one purge at the end.
// Every id is checked before anything is erased.
func (s *Store) EraseSignatures(ids []string) (_ []ErasureReport, err error) {
	defer wrap(&err, "erasing signatures")
	return s.eraseSignatures(ids)
}

func (s *Store) eraseSignatures(ids []string) ([]ErasureReport, error) {
	for _, id := range ids {
		sig, err := s.signatureByID(id)
		if err != nil {
			return nil, fmt.Errorf("signature %s: %w", id, err)
		}
		if sig.ErasedPerson && sig.Struck == petition.StrikeWithdrawn {
			return nil, fmt.Errorf("signature %s: %w", id, ErrAlreadyErased)
		}
	}
	var reps []ErasureReport
	var keys [][]byte
	for _, id := range ids {
		if err := s.recordErasure("signature", id); err != nil {
			return reps, err
		}
		rep, key, err := s.eraseRow(id, true)
		if err != nil {
			return reps, err
		}
		reps, keys = append(reps, rep), append(keys, key)
	}
	return reps, s.purge(keys...)
}

// eraseSignature erases one row and purges; first is false when the
// ledger re-applies an erasure after a restore.
func (s *Store) eraseSignature(id string, first bool) (ErasureReport, error) {
	rep, key, err := s.eraseRow(id, first)
	if err != nil {
		return rep, err
	}
	return rep, s.purge(key)
}

// eraseRow does the work of an erasure in one commit, without the purge,
// and returns the row's key.
func (s *Store) eraseRow(id string, first bool) (ErasureReport, []byte, error) {
	rep := ErasureReport{Action: ActionErase, Signatures: 1, Again: !first}
	var key []byte
	err := s.update(func(txn *badger.Txn) error {
		var err error
		if key, err = sigKey(txn, id); err != nil {
			return err
		}
		var sig petition.Signature
		var sh petition.Sheet
		if err := getJSON(txn, key, &sig); err != nil {
			return err
		}
		if sig.ErasedPerson && sig.Struck == petition.StrikeWithdrawn {
			return ErrAlreadyErased
		}
		p, err := s.cachedPetition(txn, sig.PetitionID)
		if err != nil {
			return err
		}
		rep.PetitionID, rep.Reference = p.ID, p.Reference
		if err := getJSON(txn, keySheet(sig.PetitionID, sig.Sheet), &sh); err != nil {
			return err
		}
		c, err := getCounters(txn, sig.PetitionID)
		if err != nil {
			return err
		}
		if !sig.ErasedPerson {
			if err := txn.Delete(dupEntry(&sig)); err != nil {
				return err
			}
		}
		if sig.DuplicateOf != "" {
			sig.DuplicateOf = ""
			c.Duplicates--
		}
		adjustStrike(&c, &sh, sig.IsStruck(), true)
		sig.Struck = petition.StrikeWithdrawn
		scrubPerson(&sig)
		for _, err := range []error{setJSON(txn, key, &sig), setJSON(txn, keySheet(sig.PetitionID, sig.Sheet), &sh), setJSON(txn, keyCounters(sig.PetitionID), c), txn.Set(keyTombstone(sig.ID), nil)} {
			if err != nil {
				return err
			}
		}
		return s.auditInTxn(txn, ActionErase, map[string]any{"petition": p.ID, "count": 1, "struck": "withdrawn", "again": !first})
	})
	return rep, key, err
}

// ErasePetitionData erases the personal data of every signer of a
// petition and its scanned page images, keeping the counts, the rows (as
// anonymous rows) and the sheet records. action is ActionRetention when
// the retention time ran out, ActionEraseNow when a user asked. It works
// in batches, so 100,000 rows never sit in one transaction; if it is cut
// short, running it again finishes the job.
func (s *Store) ErasePetitionData(pid, action string) (_ ErasureReport, err error) {
	defer wrap(&err, "erasing the personal data of petition %s", pid)
	defer trimWhile()() // rewriting every row maps every table: see rsstrim.go
	if action != ActionRetention {
		if _, err := s.PetitionByID(pid); err != nil {
			return ErasureReport{}, err
		}
		if err := s.recordErasure("petition", pid); err != nil {
			return ErasureReport{}, err
		}
	}
	return s.erasePetitionData(pid, action, true)
}

// erasePetitionData does ErasePetitionData's work; first is false when
// the ledger re-applies an erasure after a restore.
func (s *Store) erasePetitionData(pid, action string, first bool) (ErasureReport, error) {
	p, err := s.PetitionByID(pid)
	if err != nil {
		return ErasureReport{}, err
	}
	rep := ErasureReport{PetitionID: pid, Reference: p.Reference, Action: action, Again: !first}
	if err := s.eraseByTable(pid, &rep); err != nil {
		return rep, err
	}
	if rep.Signatures == 0 && rep.Images == 0 && (action == ActionRetention || !first) {
		return rep, nil // nothing (left) to erase: no entry, no purge
	}
	err = s.update(func(txn *badger.Txn) error {
		if err := setJSON(txn, keyErasedAt(pid), erasedMark{s.now().UTC(), action}); err != nil {
			return err
		}
		return s.auditInTxn(txn, action, map[string]any{"petition": pid, "count": rep.Signatures, "images": rep.Images, "again": !first})
	})
	if err != nil {
		return rep, err
	}
	return rep, s.purge(purgeChecks(pid)...)
}

// eraseByTable erases the petition's keys under every prefix the key
// table (keys.go) says holds personal data, and counts what it erased.
func (s *Store) eraseByTable(pid string, rep *ErasureReport) error {
	for _, k := range prefixes {
		var n int
		var err error
		switch k.data {
		case personalScrub: // the signature rows: keys_test.go checks no other prefix is scrubbed
			n, err = s.scrubRows(pid)
			rep.Signatures += n
		case personalDelete:
			n, err = s.deletePrefix(petitionPrefix(k.prefix, pid), pageKeyLen(k.prefix, pid))
			if k.prefix == pfxImages {
				rep.Images += n
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// pageKeyLen is the length of the keys deletePrefix counts under a
// petition's prefix: for images, the first chunk of each page,
// <sheet u32><page u32> after the prefix (see scans.go); 0 (every key)
// for the others.
func pageKeyLen(prefix, pid string) int {
	if prefix != pfxImages {
		return 0
	}
	return len(petitionPrefix(prefix, pid)) + 8
}

// erasedMark records a petition's last erasure, for the retention screen.
type erasedMark struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"`
}

// eraseBatch is how many rows one erasure transaction rewrites: well
// inside Badger's transaction limit with 8 MiB memtables.
const eraseBatch = 500

// scrubRows removes the personal fields of every row of a petition that
// still has them and returns how many it changed.
func (s *Store) scrubRows(pid string) (int, error) {
	total := 0
	var from []byte
	for {
		n, next, err := s.scrubBatch(pid, from)
		total += n
		if err != nil || next == nil {
			return total, err
		}
		from = next
	}
}

// scrubBatch scrubs up to eraseBatch rows from the key from on and returns
// the key to go on from (nil at the end).
func (s *Store) scrubBatch(pid string, from []byte) (int, []byte, error) {
	n := 0
	var next []byte
	err := s.update(func(txn *badger.Txn) error {
		seen := 0
		var rows []petition.Signature
		var keys [][]byte
		err := scan(txn, prefixSigs(pid), from, func(k, v []byte) error {
			if seen == eraseBatch {
				next = append([]byte{}, k...)
				return errStop
			}
			seen++
			var sig petition.Signature
			if err := json.Unmarshal(v, &sig); err != nil {
				return err
			}
			if !sig.ErasedPerson {
				rows, keys = append(rows, sig), append(keys, append([]byte{}, k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range rows {
			if err := txn.Delete(dupEntry(&rows[i])); err != nil {
				return err
			}
			scrubPerson(&rows[i])
			if err := setJSON(txn, keys[i], &rows[i]); err != nil {
				return err
			}
			if err := txn.Set(keyTombstone(rows[i].ID), nil); err != nil {
				return err
			}
		}
		n = len(rows)
		return nil
	})
	return n, next, err
}

// deletePrefix deletes every key under prefix, in batches, and returns
// how many there were (only those keyLen long, unless keyLen is 0).
func (s *Store) deletePrefix(prefix []byte, keyLen int) (int, error) {
	total := 0
	for {
		var keys [][]byte
		err := s.db.View(func(txn *badger.Txn) error {
			keys = keysUnder(txn, prefix, eraseBatch)
			return nil
		})
		if err != nil || len(keys) == 0 {
			return total, err
		}
		err = s.update(func(txn *badger.Txn) error {
			for _, k := range keys {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		for _, k := range keys {
			if keyLen == 0 || len(k) == keyLen {
				total++
			}
		}
	}
}
