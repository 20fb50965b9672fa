package store

import (
	"encoding/json"
	"testing"
)

// TestJournalReplay simulates a power cut that kept the journal but lost
// Badger's unsynced tail: signatures only in the journal come back, in
// order, with their ids, rows and counts; a torn last record is ignored.
func TestJournalReplay(t *testing.T) {
	for _, pass := range []string{"", "journal passphrase"} {
		t.Run("passphrase="+pass, func(t *testing.T) {
			dir := t.TempDir()
			s := diskStore(t, dir, pass)
			p := newPetition(t, s, 5)
			if err := s.AddSignature(p.ID, person("Anna Schmid", "3011")); err != nil {
				t.Fatal(err)
			}
			key := s.journalKeyForTest(pass)
			s.Close()

			j, err := openJournal(dir, key)
			if err != nil {
				t.Fatal(err)
			}
			lost := []string{newID(), newID(), newID(), newID(), newID()}
			for i, id := range lost {
				sig := *person("Lost Signer "+string(rune('A'+i)), "3011")
				sig.ID, sig.Signed = id, testNow
				if err := j.append(journalRecord{PetitionID: p.ID, Signature: sig}); err != nil {
					t.Fatal(err)
				}
			}
			j.f.WriteAt([]byte{0, 0, 1, 0, 9, 9}, j.size) // torn: a crash mid-append
			j.close()

			s = diskStore(t, dir, pass)
			defer s.Close()
			for i, id := range lost {
				sig, err := s.SignatureByID(id)
				if err != nil {
					t.Fatalf("journaled signature %d not recovered: %v", i, err)
				}
				if want := [2]int{(i+1)/5 + 1, (i+1)%5 + 1}; [2]int{sig.Sheet, sig.Row} != want {
					t.Errorf("signature %d at %d/%d, want %v", i, sig.Sheet, sig.Row, want)
				}
			}
			if tot, _ := s.Totals(p.ID); tot.Digital != 6 {
				t.Fatalf("totals %+v", tot)
			}
			j, _ = openJournal(dir, key)
			if recs, _ := j.records(); len(recs) != 0 {
				t.Errorf("journal not emptied after recovery: %d records", len(recs))
			}
			j.close()
		})
	}
}

// journalKeyForTest re-derives the encryption key the journal uses.
func (s *Store) journalKeyForTest(pass string) []byte {
	if pass == "" {
		return nil
	}
	k, _, _ := readKDFParams(s.dir)
	return k.key(pass)
}

// append journals a whole record, as AddSignature does with its encoding.
func (j *journal) append(rec journalRecord) error {
	raw, err := json.Marshal(rec.Signature)
	if err != nil {
		return err
	}
	return j.appendRaw(rec.PetitionID, raw)
}
