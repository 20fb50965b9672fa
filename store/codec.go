package store

import (
	"encoding/json"
	"errors"

	badger "github.com/dgraph-io/badger/v4"
)

// getJSON reads one record; ErrNotFound when it is missing.
func getJSON(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error { return json.Unmarshal(b, v) })
}

func setJSON(txn *badger.Txn, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return txn.Set(key, b)
}

// scan calls fn with each value under prefix, in key order, starting at
// from (or at the prefix when from is nil), until fn returns errStop.
func scan(txn *badger.Txn, prefix, from []byte, fn func(key, val []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	opts.PrefetchSize = 64
	it := txn.NewIterator(opts)
	defer it.Close()
	if from == nil {
		from = prefix
	}
	var trim rssTrim
	for it.Seek(from); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		err := item.Value(func(v []byte) error {
			trim.add(len(v))
			return fn(item.Key(), v)
		})
		if errors.Is(err, errStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

var errStop = errors.New("stop")

// listJSON decodes every record under prefix, in key order.
func listJSON[T any](txn *badger.Txn, prefix []byte) ([]T, error) {
	var list []T
	err := scan(txn, prefix, nil, func(_, v []byte) error {
		var r T
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		list = append(list, r)
		return nil
	})
	return list, err
}

// keysUnder returns copies of the keys under prefix, in key order, at
// most limit of them (0: all), without reading their values.
func keysUnder(txn *badger.Txn, prefix []byte, limit int) [][]byte {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues, opts.Prefix = false, prefix
	it := txn.NewIterator(opts)
	defer it.Close()
	var keys [][]byte
	for it.Seek(prefix); it.ValidForPrefix(prefix) && (limit == 0 || len(keys) < limit); it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys
}

// firstKey returns the first key under prefix, or nil when there is none.
func firstKey(txn *badger.Txn, prefix []byte) []byte {
	if keys := keysUnder(txn, prefix, 1); len(keys) > 0 {
		return keys[0]
	}
	return nil
}
