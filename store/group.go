package store

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// groupRecord is a local group: this database's own (m:group), made on
// first use, or one known from its bundles (Bg:).
type groupRecord struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Created    time.Time `json:"created,omitempty"`     // own group: when the id was made
	LastImport time.Time `json:"last_import,omitempty"` // others: when its last bundle came in
	LastBundle string    `json:"last_bundle,omitempty"` // others: the newest bundle's id
	LastMade   time.Time `json:"last_made,omitempty"`   // others: when that bundle was made
	Bundles    int       `json:"bundles,omitempty"`     // others: bundles imported
}

// sheetOrigin says where an imported sheet came from: its group, its
// number there, and the struck count the group last reported.
type sheetOrigin struct {
	Group       string `json:"group"`
	Number      int    `json:"number"`
	GroupStruck int    `json:"group_struck"`
}

// heldSnapshot is what this database holds of one group's petition.
type heldSnapshot struct {
	AsOf       time.Time `json:"as_of"`
	CountsOnly bool      `json:"counts_only,omitempty"`
}

// BundleReceipt records an imported bundle.
type BundleReceipt struct {
	ID         string        `json:"id"`
	Group      bundle.Group  `json:"group"`
	Created    time.Time     `json:"created"`
	Imported   time.Time     `json:"imported"`
	CountsOnly bool          `json:"counts_only,omitempty"`
	Counts     bundle.Counts `json:"counts"`
}

// ErrGroupName is returned for an empty or overlong group name.
var ErrGroupName = errors.New("a group name is 2 to 120 characters of plain text")

// OwnGroup returns this database's group, making it (with a new id and a
// provisional name) on first use.
func (s *Store) OwnGroup() (_ bundle.Group, err error) {
	defer wrap(&err, "reading this group")
	var g groupRecord
	err = s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyOwnGroup, &g) })
	if err == nil {
		return bundle.Group{ID: g.ID, Name: g.Name}, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return bundle.Group{}, err
	}
	err = s.update(func(txn *badger.Txn) error {
		if getJSON(txn, keyOwnGroup, &g) == nil {
			return nil // made meanwhile
		}
		id := newID()
		g = groupRecord{ID: id, Name: "Group " + id[len(id)-6:], Created: s.now().UTC()}
		if _, err := newGroupKey(txn); err != nil { // the group's identity: its id and its signing key
			return err
		}
		return setJSON(txn, keyOwnGroup, g)
	})
	return bundle.Group{ID: g.ID, Name: g.Name}, err
}

// SetGroupName names this database's group, as bundles will show it.
func (s *Store) SetGroupName(name string) (_ bundle.Group, err error) {
	defer wrap(&err, "naming this group")
	name = strings.TrimSpace(name)
	if len([]rune(name)) < 2 || petition.ValidateShortText(name) != nil {
		return bundle.Group{}, ErrGroupName
	}
	if _, err := s.OwnGroup(); err != nil {
		return bundle.Group{}, err
	}
	var g groupRecord
	err = s.update(func(txn *badger.Txn) error {
		if err := getJSON(txn, keyOwnGroup, &g); err != nil {
			return err
		}
		g.Name = name
		return setJSON(txn, keyOwnGroup, g)
	})
	return bundle.Group{ID: g.ID, Name: g.Name}, err
}

// ownGroupID returns the own group's id, or "" before it is made.
func ownGroupID(txn *badger.Txn) (string, error) {
	var g groupRecord
	err := getJSON(txn, keyOwnGroup, &g)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return g.ID, err
}

// Groups lists this database's own group (if made) and every group it
// has imported bundles from, own first, then by name.
func (s *Store) Groups() (_ []petition.GroupInfo, err error) {
	defer wrap(&err, "listing the groups")
	var list []petition.GroupInfo
	err = s.db.View(func(txn *badger.Txn) error {
		var own groupRecord
		if err := getJSON(txn, keyOwnGroup, &own); err == nil {
			fp, err := fingerprintIn(txn, own.ID, true)
			if err != nil {
				return err
			}
			list = append(list, petition.GroupInfo{ID: own.ID, Name: own.Name, Own: true, Fingerprint: fp})
		}
		return scan(txn, []byte(pfxGroups), nil, func(_, v []byte) error {
			var g groupRecord
			if err := json.Unmarshal(v, &g); err != nil {
				return err
			}
			fp, err := fingerprintIn(txn, g.ID, false)
			list = append(list, petition.GroupInfo{ID: g.ID, Name: g.Name, Bundles: g.Bundles, LastImport: g.LastImport, LastBundle: g.LastBundle, Fingerprint: fp})
			return err
		})
	})
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Own != list[j].Own {
			return list[i].Own
		}
		return strings.ToLower(list[i].Name) < strings.ToLower(list[j].Name)
	})
	return list, err
}

// Receipts lists the bundles imported so far, newest import first.
func (s *Store) Receipts() (_ []BundleReceipt, err error) {
	defer wrap(&err, "listing the bundle receipts")
	var list []BundleReceipt
	err = s.db.View(func(txn *badger.Txn) (err error) {
		list, err = listJSON[BundleReceipt](txn, []byte(pfxReceipts))
		return err
	})
	sort.SliceStable(list, func(i, j int) bool { return list[i].Imported.After(list[j].Imported) })
	return list, err
}

// TotalsByGroup splits a petition's totals by group of origin (the
// coordinator's view and the Excel "By group" sheet). The lines add up to
// Totals(pid): counts come from the sheets, duplicates from the flags set
// here. It reads the petition's sheets only, never its rows.
func (s *Store) TotalsByGroup(pid string) (_ []petition.GroupTotals, err error) {
	defer wrap(&err, "counting petition %s by group", pid)
	byID := map[string]*petition.GroupTotals{}
	var order []string
	err = s.db.View(func(txn *badger.Txn) error {
		own, err := ownGroupID(txn)
		if err != nil {
			return err
		}
		c, err := getCounters(txn, pid)
		if err != nil {
			return err
		}
		line := func(gid string) *petition.GroupTotals {
			if byID[gid] == nil {
				byID[gid] = &petition.GroupTotals{GroupID: gid, Own: gid == own || gid == "", Totals: petition.Totals{PetitionID: pid}}
				order = append(order, gid)
			}
			return byID[gid]
		}
		err = scan(txn, prefixSheets(pid), nil, func(_, v []byte) error {
			var sh petition.Sheet
			if err := json.Unmarshal(v, &sh); err != nil {
				return err
			}
			gt := line(groupOr(sh.Group, own))
			gt.Sheets++
			if sh.Origin == petition.OriginPaper {
				gt.Paper += sh.Valid()
			} else {
				gt.Digital += sh.Valid()
				gt.Struck += sh.Struck
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.splitDuplicates(txn, pid, own, c.Duplicates, line); err != nil {
			return err
		}
		return nameGroups(txn, byID)
	})
	out := make([]petition.GroupTotals, 0, len(order))
	for _, gid := range order {
		out = append(out, *byID[gid])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Own && !out[j].Own })
	return out, err
}

func groupOr(gid, own string) string {
	if gid == "" {
		return own
	}
	return gid
}

// splitDuplicates gives each group its rows flagged here as duplicates:
// imports count their own flags (Bd:), the rest are this database's.
func (s *Store) splitDuplicates(txn *badger.Txn, pid, own string, total int, line func(string) *petition.GroupTotals) error {
	imported := 0
	prefix := prefixGroupDups(pid)
	err := scan(txn, prefix, nil, func(k, v []byte) error {
		n := readU32(v)
		line(string(k[len(prefix):])).Duplicates += n
		imported += n
		return nil
	})
	if err == nil && total != imported {
		line(own).Duplicates += total - imported
	}
	return err
}

// nameGroups fills in group names from the group records.
func nameGroups(txn *badger.Txn, lines map[string]*petition.GroupTotals) error {
	for gid, gt := range lines {
		var g groupRecord
		key := keyGroup(gid)
		if gt.Own {
			key = keyOwnGroup
		}
		if err := getJSON(txn, key, &g); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		gt.GroupName = g.Name
		if gt.GroupName == "" && gt.Own {
			gt.GroupName = "this database"
		}
	}
	return nil
}
