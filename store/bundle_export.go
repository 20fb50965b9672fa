package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// ExportOptions choose what a bundle holds.
type ExportOptions struct {
	Petitions  []string // petition ids; none means every petition
	CountsOnly bool     // petitions and sheets with their counts: no names, no signatures, no scans
	AppVersion string
}

// ExportBundle writes a bundle of this database to w (wrap w with
// bundle.EncryptTo or bundle.EncryptWithPassphrase to encrypt it), signed
// with the group's key. It holds this database's own records under its
// own group (made on first use) and nothing imported from other groups:
// a bundle may hold only its own group's records, as only the group
// itself can vouch for them (a region passes on the groups' own bundle
// files instead). Signatures leave without email address and contact
// consent: the coordinator has no use for them. It reads one consistent
// snapshot. progress (may be nil) gets (done, total) records.
func (s *Store) ExportBundle(ctx context.Context, w io.Writer, o ExportOptions, progress func(done, total int)) (_ *bundle.Manifest, err error) {
	defer wrap(&err, "writing a bundle")
	defer trimWhile()() // the snapshot read maps every table: see rsstrim.go
	if err := s.RecoverImport(); err != nil {
		return nil, err
	}
	own, err := s.OwnGroup()
	if err != nil {
		return nil, err
	}
	key, err := s.ownKey()
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	bw := bundle.NewWriter(w, bundle.Header{ID: newID(), Group: own, Created: now, CountsOnly: o.CountsOnly, AppVersion: o.AppVersion, Key: key})
	ex := &exporter{s: s, bw: bw, own: own, o: o, Ticker: bundle.Ticker{Ctx: ctx, Progress: progress}}
	err = s.db.View(func(txn *badger.Txn) error {
		ex.txn = txn
		return ex.run()
	})
	if err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(ex.Total, ex.Total)
	}
	m := bw.Manifest()
	return &m, nil
}

// exporter is one export's state.
type exporter struct {
	s   *Store
	bw  *bundle.Writer
	txn *badger.Txn
	own bundle.Group
	o   ExportOptions
	bundle.Ticker

	petitions []petition.Petition
	imported  map[string]map[int]bool // petition -> our sheet numbers imported from other groups
	paper     map[string][]int        // petition -> our own paper sheets
}

func (ex *exporter) run() error {
	if err := ex.choosePetitions(); err != nil {
		return err
	}
	for i := range ex.petitions {
		c, err := getCounters(ex.txn, ex.petitions[i].ID)
		if err != nil {
			return err
		}
		ex.Total += 1 + c.NextSheet
		if !ex.o.CountsOnly {
			ex.Total += c.Digital + c.Struck
		}
		if err := ex.bw.AddPetition(&ex.petitions[i]); err != nil {
			return err
		}
	}
	if err := ex.snapshots(); err != nil {
		return err
	}
	for _, p := range ex.petitions {
		if err := ex.sheets(p.ID); err != nil {
			return err
		}
	}
	if ex.o.CountsOnly {
		return nil
	}
	for _, p := range ex.petitions {
		if err := ex.signatures(p.ID); err != nil {
			return err
		}
	}
	for _, p := range ex.petitions {
		if err := ex.pages(p.ID); err != nil {
			return err
		}
	}
	return nil
}

func (ex *exporter) choosePetitions() error {
	want := map[string]bool{}
	for _, id := range ex.o.Petitions {
		want[id] = true
	}
	err := scan(ex.txn, []byte(pfxPetition), nil, func(_, v []byte) error {
		var p petition.Petition
		if err := json.Unmarshal(v, &p); err != nil {
			return err
		}
		if len(want) == 0 || want[p.ID] {
			ex.petitions = append(ex.petitions, p)
			delete(want, p.ID)
		}
		return nil
	})
	for id := range want {
		return fmt.Errorf("no petition %s in this database", id)
	}
	if err == nil && len(ex.petitions) == 0 {
		err = errors.New("there is no petition to export")
	}
	return err
}

// snapshots declares our own records as of now: the only ones a bundle
// holds.
func (ex *exporter) snapshots() error {
	for _, p := range ex.petitions {
		ex.bw.AddSnapshot(bundle.Snapshot{Group: ex.own.ID, GroupName: ex.own.Name, Petition: p.ID,
			AsOf: ex.bw.Manifest().Created, CountsOnly: ex.o.CountsOnly})
	}
	return nil
}

// sheets writes a petition's own sheets under the own group; sheets
// imported from other groups stay here.
func (ex *exporter) sheets(pid string) error {
	if ex.imported == nil {
		ex.imported, ex.paper = map[string]map[int]bool{}, map[string][]int{}
	}
	imported := map[int]bool{}
	ex.imported[pid] = imported
	return scan(ex.txn, prefixSheets(pid), nil, func(_, v []byte) error {
		var sh petition.Sheet
		if err := json.Unmarshal(v, &sh); err != nil {
			return err
		}
		if sh.Group != "" && sh.Group != ex.own.ID {
			imported[sh.Number] = true
			return nil
		}
		if sh.Origin == petition.OriginPaper {
			ex.paper[pid] = append(ex.paper[pid], sh.Number)
		}
		sh.Group = ex.own.ID
		if err := ex.bw.AddSheet(&sh); err != nil {
			return err
		}
		return ex.Tick()
	})
}

// signatures writes a petition's own rows, without email address and
// contact consent.
func (ex *exporter) signatures(pid string) error {
	imported := ex.imported[pid]
	var sig petition.Signature
	return scan(ex.txn, prefixSigs(pid), nil, func(_, v []byte) error {
		sig = petition.Signature{}
		if err := json.Unmarshal(v, &sig); err != nil {
			return fmt.Errorf("a stored signature is damaged: %w", err)
		}
		if imported[sig.Sheet] {
			return nil
		}
		sig.Group, sig.Email, sig.Consent = ex.own.ID, "", false
		if err := ex.bw.AddSignature(&sig); err != nil {
			return err
		}
		return ex.Tick()
	})
}
