package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Erasing a person keeps the row (its sheet and number, when and where it
// was signed, who collected it, whether it counts) and removes what names
// the person: name, address, email, consent and the drawn signature. The
// time of signing is cut to the day. The duplicate index entry (a hash of
// name and postcode) goes too. Then the journal, which holds every
// signature as it was saved, is emptied, and Purge rewrites the database
// files so the old versions of the rows are gone from the disk.

// Key prefixes erasure touches beyond the signature rows.
const (
	prefixImages   = "img:" // scanned page images: img:<petition id>:… (see scans.go)
	prefixErasedAt = "r:"   // r:<petition id> → when its personal data was last erased (JSON)
)

var keyPurge = []byte("m:purge")

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
func (s *Store) EraseSignature(id string) (ErasureReport, error) {
	sig, err := s.SignatureByID(id)
	if err != nil {
		return ErasureReport{}, err
	}
	if sig.ErasedPerson && sig.Struck == petition.StrikeWithdrawn {
		return ErasureReport{}, ErrAlreadyErased
	}
	if err := s.recordErasure("signature", id); err != nil {
		return ErasureReport{}, err
	}
	return s.eraseSignature(id, true)
}

// eraseSignature does EraseSignature's work; first is false when the
// ledger re-applies an erasure after a restore.
func (s *Store) eraseSignature(id string, first bool) (ErasureReport, error) {
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
		for _, err := range []error{setJSON(txn, key, &sig), setJSON(txn, keySheet(sig.PetitionID, sig.Sheet), &sh), setJSON(txn, keyCounters(sig.PetitionID), c)} {
			if err != nil {
				return err
			}
		}
		return s.auditInTxn(txn, ActionErase, map[string]any{"petition": p.ID, "count": 1, "struck": "withdrawn", "again": !first})
	})
	if err != nil {
		return rep, err
	}
	return rep, s.purge(key)
}

// ErasePetitionData erases the personal data of every signer of a
// petition and its scanned page images, keeping the counts, the rows (as
// anonymous rows) and the sheet records. action is ActionRetention when
// the retention time ran out, ActionEraseNow when a user asked. It works
// in batches, so 100,000 rows never sit in one transaction; if it is cut
// short, running it again finishes the job.
func (s *Store) ErasePetitionData(pid, action string) (ErasureReport, error) {
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
	if rep.Signatures, err = s.scrubRows(pid); err != nil {
		return rep, err
	}
	if _, err = s.deletePrefix([]byte("d:"+pid+":"), 0); err != nil {
		return rep, err
	}
	// An image may be stored in several chunks: count pages, i.e. the keys
	// of first chunks, <sheet u32><page u32> after the prefix (see scans.go).
	imgs := prefixImages + pid + ":"
	if rep.Images, err = s.deletePrefix([]byte(imgs), len(imgs)+8); err != nil {
		return rep, err
	}
	if rep.Signatures == 0 && rep.Images == 0 && (action == ActionRetention || !first) {
		return rep, nil // nothing (left) to erase: no entry, no purge
	}
	err = s.update(func(txn *badger.Txn) error {
		if err := setJSON(txn, []byte(prefixErasedAt+pid), erasedMark{s.now().UTC(), action}); err != nil {
			return err
		}
		return s.auditInTxn(txn, action, map[string]any{"petition": pid, "count": rep.Signatures, "images": rep.Images, "again": !first})
	})
	if err != nil {
		return rep, err
	}
	return rep, s.purge(prefixSigs(pid))
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
			opts := badger.DefaultIteratorOptions
			opts.PrefetchValues, opts.Prefix = false, prefix
			it := txn.NewIterator(opts)
			defer it.Close()
			for it.Seek(prefix); it.ValidForPrefix(prefix) && len(keys) < eraseBatch; it.Next() {
				keys = append(keys, it.Item().KeyCopy(nil))
			}
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

// Purge makes erasures final on disk. Badger keeps old versions of a row
// until compaction drops them, in its memtable log (*.mem), in its sorted
// tables (*.sst) and, for large values such as page images, in its value
// log (*.vlog); and the signature journal holds every signature as saved.
// Purge
//
//  1. syncs and empties the journal;
//  2. writes and deletes two marker keys, one below and one above every
//     other key, and flushes every memtable to a table (Badger has no call
//     for that, but DropPrefix of a third marker does it, and the old
//     *.mem files are deleted);
//  3. compacts all tables into one level (Flatten): the new table spans
//     every key, so every table is rewritten, a key's old versions meet
//     its newest one and are dropped, and the old files are deleted;
//  4. rewrites value-log files that hold deleted values (value-log GC).
//     Badger never rewrites the file it is writing to, and each start
//     begins a new one, so page images deleted in this session leave the
//     disk at the next start (ApplyRetention, run at every start, does it).
//
// Saves wait only while the memtables are flushed; the compaction, which
// rewrites the whole database (about a second per 100,000 signatures),
// runs beside them.
func (s *Store) Purge() error {
	return s.purge(nil)
}

// purgeMarks are the marker keys of step 2.
var purgeMarks = [][]byte{[]byte("\x00purge"), []byte("\xffpurge")}

// purge runs Purge and, when check is given, makes sure no old version
// under that prefix is left. Badger only drops versions older than every
// open read (a long export, say), so it waits for those and tries again.
func (s *Store) purge(check []byte) error {
	if s.dir == "" {
		return nil // in memory: nothing is on a disk
	}
	purgeMu.Lock()
	defer purgeMu.Unlock()
	for attempt := 1; ; attempt++ {
		if err := s.purgeOnce(); err != nil {
			return fmt.Errorf("purging erased data: %w", err)
		}
		if check == nil || !s.hasOldVersions(check) || attempt == 4 {
			return nil
		}
		time.Sleep(time.Duration(attempt) * 300 * time.Millisecond)
	}
}

// purgeMu lets one purge run at a time (Flatten stops Badger's own
// compactions while it runs).
var purgeMu sync.Mutex

// purgeOnce holds the write lock only while the memtables are flushed
// (DropPrefix refuses concurrent writes); saves may go on during the
// compaction, which only adds new data.
func (s *Store) purgeOnce() error {
	if err := s.flushForPurge(); err != nil {
		return err
	}
	if err := s.db.Flatten(1); err != nil {
		return err
	}
	s.gcValueLog()
	return s.db.Sync()
}

func (s *Store) flushForPurge() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.db.Sync(); err != nil {
		return err
	}
	if s.journal != nil {
		if err := s.journal.reset(); err != nil {
			return err
		}
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, k := range append(purgeMarks, keyPurge) {
			if err := txn.Set(k, []byte{1}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.db.Update(func(txn *badger.Txn) error {
			for _, k := range purgeMarks {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	return s.db.DropPrefix(keyPurge)
}

// hasOldVersions reports whether any key under prefix still has an older
// version (or a deleted one) in the database.
func (s *Store) hasOldVersions(prefix []byte) bool {
	found := false
	s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.AllVersions, opts.PrefetchValues, opts.Prefix = true, false, prefix
		it := txn.NewIterator(opts)
		defer it.Close()
		var last []byte
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().Key()
			if it.Item().IsDeletedOrExpired() || bytes.Equal(k, last) {
				found = true
				return nil
			}
			last = append(last[:0], k...)
		}
		return nil
	})
	return found
}

// gcValueLog rewrites value-log files while any holds enough deleted data.
func (s *Store) gcValueLog() {
	for i := 0; i < 100; i++ {
		if err := s.db.RunValueLogGC(0.01); err != nil {
			return // badger.ErrNoRewrite: nothing (more) to do
		}
	}
}
