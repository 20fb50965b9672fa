package store

import (
	"bytes"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// DuplicateGroups returns, for up to limit people, every row of a
// petition that shares that person's folded name and postcode, across all
// groups: the coordinator's list of possible duplicates. Each group holds
// two or more rows, the first filed first; rows keep their Group. It reads
// the duplicate index's keys (no values) and then only the rows listed, so
// it stays quick with 100,000 rows. limit <= 0 means no limit. Rows come
// without their strokes: both reviews show names and places, and before
// a pack of a million rows (thousands of possible duplicates) the strokes
// were most of what the list held.
func (s *Store) DuplicateGroups(pid string, limit int) (_ [][]petition.Signature, err error) {
	defer wrap(&err, "finding duplicates in petition %s", pid)
	var out [][]petition.Signature
	var trim rssTrim
	err = s.db.View(func(txn *badger.Txn) error {
		buckets, err := duplicateBuckets(txn, pid, limit, &trim)
		if err != nil {
			return err
		}
		for _, ids := range buckets {
			var rows []petition.Signature
			for _, id := range ids {
				_, sig, err := getSignature(txn, id)
				if err != nil {
					return err
				}
				sig.Strokes = nil
				trim.add(randomReadCost)
				rows = append(rows, sig)
			}
			out = append(out, rows)
		}
		return nil
	})
	return out, err
}

// duplicateBuckets lists the signature ids of each duplicate-index bucket
// holding more than one row. Every key read counts towards trim.
func duplicateBuckets(txn *badger.Txn, pid string, limit int, trim *rssTrim) ([][]string, error) {
	prefix := prefixDups(pid)
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues, opts.Prefix = false, prefix
	it := txn.NewIterator(opts)
	defer it.Close()
	var out [][]string
	var bucket []byte
	var ids []string
	flush := func() {
		if len(ids) > 1 {
			out = append(out, ids)
		}
		ids = nil
	}
	const hashLen = 12 + 1 // see prefixDup: 12 bytes of hash and a colon
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().Key()
		trim.add(len(k))
		if len(k) < len(prefix)+hashLen {
			continue
		}
		b := k[:len(prefix)+hashLen]
		if !bytes.Equal(b, bucket) {
			flush()
			if limit > 0 && len(out) >= limit {
				return out, nil
			}
			bucket = append(bucket[:0], b...)
		}
		ids = append(ids, string(k[len(b):]))
	}
	flush()
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
