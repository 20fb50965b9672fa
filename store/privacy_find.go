package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// PersonMatch is one signature whose signer's name matches a search: what
// the signer-rights screen lists, with the ids to erase or export.
type PersonMatch struct {
	SignatureID string           `json:"signature_id"`
	PetitionID  string           `json:"petition_id"`
	Reference   string           `json:"reference"`
	Sheet       int              `json:"sheet"`
	Row         int              `json:"row"`
	Name        string           `json:"name"`
	Address     petition.Address `json:"address"`
	Email       string           `json:"email,omitempty"`
	Signed      time.Time        `json:"signed"`
	Struck      string           `json:"struck,omitempty"`
}

// personRow is the part of a stored signature a search reads: decoding
// into it skips the strokes, the bulk of each row.
type personRow struct {
	ID      string           `json:"id"`
	Sheet   int              `json:"sheet"`
	Row     int              `json:"row"`
	Name    string           `json:"name"`
	Address petition.Address `json:"address"`
	Email   string           `json:"email"`
	Signed  time.Time        `json:"signed"`
	Struck  string           `json:"struck"`
	Erased  bool             `json:"erased"`
}

// NameQuery is a folded search: every word of it must occur in the
// signer's folded name, in any order, so "kalesnikava" finds "Maryia
// Kalesnikava" and "КАЛЕСНІКАВА МАРЫЯ" finds "Марыя Калеснікава". A name
// written in the other alphabet matches too ("Kalesnikava" finds
// "Калеснікава"): see skeleton.
type NameQuery struct {
	words, skel []string
}

// ParseNameQuery folds what a user typed (accents and case, Latin and
// Cyrillic: see petition.Fold). An empty query is refused, so a search
// never lists everyone by accident.
func ParseNameQuery(q string) (NameQuery, error) {
	words := strings.Fields(petition.Fold(q))
	if len(words) == 0 || len([]rune(strings.Join(words, ""))) < 2 {
		return NameQuery{}, fmt.Errorf("type at least two letters of the name to search for")
	}
	nq := NameQuery{words: words}
	for _, w := range words {
		nq.skel = append(nq.skel, skeleton(w))
	}
	return nq, nil
}

// Match reports whether a signer's name matches.
func (q NameQuery) Match(name string) bool {
	f := petition.Fold(name) // quick for plain ASCII names, the common case
	return containsAll(f, q.words) || containsAll(skeleton(f), q.skel)
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// FindPerson streams every signature, across all petitions, whose
// signer's name matches q, petition by petition in sheet and row order.
// Rows whose personal data is already erased never match. Only one row is
// in memory at a time, so a search over 100,000 signatures stays small.
// fn may return ErrStopSearch to end the search early without an error.
func (s *Store) FindPerson(q NameQuery, fn func(m PersonMatch) error) (err error) {
	defer wrap(&err, "searching for a person")
	list, err := s.Petitions()
	if err != nil {
		return err
	}
	stopped := false
	for _, p := range list {
		err := s.db.View(func(txn *badger.Txn) error {
			return scan(txn, prefixSigs(p.ID), nil, func(_, v []byte) error {
				if name, ok := rawName(v); ok && !q.Match(name) {
					return nil // the common case: decode one string, not the row
				}
				var r personRow
				if err := json.Unmarshal(v, &r); err != nil {
					return fmt.Errorf("a stored signature is damaged: %w", err)
				}
				if r.Erased || !q.Match(r.Name) {
					return nil
				}
				err := fn(PersonMatch{r.ID, p.ID, p.Reference, r.Sheet, r.Row, r.Name, r.Address, r.Email, r.Signed, r.Struck})
				stopped = err == errStop
				return err
			})
		})
		if err != nil || stopped {
			return err
		}
	}
	return nil
}

// ErrStopSearch, returned by FindPerson's fn, ends the search quietly.
var ErrStopSearch = errStop

// FindPersonList collects up to limit matches (limit <= 0: all), for a
// screen that shows them in a list.
func (s *Store) FindPersonList(q NameQuery, limit int) (_ []PersonMatch, err error) {
	defer wrap(&err, "searching for a person")
	var out []PersonMatch
	err = s.FindPerson(q, func(m PersonMatch) error {
		if out = append(out, m); limit > 0 && len(out) == limit {
			return errStop
		}
		return nil
	})
	return out, err
}

var nameField = []byte(`"name":"`)

// rawName reads the "name" string of a stored signature without decoding
// the rest (the strokes make up most of a row). ok=false when it cannot
// tell, and the caller decodes the row in full.
func rawName(v []byte) (string, bool) {
	i := bytes.Index(v, nameField)
	if i < 0 {
		return "", false
	}
	start := i + len(nameField) - 1
	for j := start + 1; j < len(v); j++ {
		switch v[j] {
		case '\\':
			j++
		case '"':
			var name string
			if json.Unmarshal(v[start:j+1], &name) != nil {
				return "", false
			}
			return name, true
		}
	}
	return "", false
}
