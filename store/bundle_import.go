package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// ImportReport says what an import changed.
type ImportReport struct {
	Bundle            string       `json:"bundle"`
	Group             bundle.Group `json:"group"`
	Created           time.Time    `json:"created"`
	AlreadyImported   bool         `json:"already_imported"` // this very bundle came before: nothing changed
	PetitionsAdded    int          `json:"petitions_added"`
	SheetsAdded       int          `json:"sheets_added"`
	SheetsUpdated     int          `json:"sheets_updated"`
	SignaturesAdded   int          `json:"signatures_added"`
	SignaturesUpdated int          `json:"signatures_updated"`
	PagesAdded        int          `json:"pages_added"`        // scanned pages stored (new or replaced)
	Duplicates        int          `json:"duplicates_flagged"` // new rows matching a person already here
	OlderSnapshots    int          `json:"older_snapshots"`    // group data older than held: only gaps filled
	OwnSkipped        int          `json:"own_skipped"`        // records of this database's own group
	Conflicts         int          `json:"conflicts"`          // rows whose place holds another signature: left alone
	Changes           int          `json:"changes"`            // keys written
	// Fingerprint is the bundle's signing key's; KeyPinned says this
	// import pinned it (the group's first bundle here): the coordinator
	// compares it with the group by phone.
	Fingerprint string `json:"fingerprint"`
	KeyPinned   bool   `json:"key_pinned,omitempty"`
	// ErasedHere counts incoming rows whose signer was erased here: they
	// stay erased. PagesErasedHere counts scanned pages whose image was
	// erased here: they stay erased too.
	ErasedHere      int `json:"erased_here,omitempty"`
	PagesErasedHere int `json:"pages_erased_here,omitempty"`
}

// ImportBundle merges a bundle into the database. It first verifies the
// whole bundle (hashes, format, every record) and writes nothing if
// anything is wrong; then it applies it all or nothing (see
// bundle_apply.go). Importing the same bundle again changes nothing; a
// newer bundle from the same group replaces what that group sent before;
// an older one only fills gaps. progress (may be nil) gets (done, total)
// over both passes, for a progress bar; ctx cancels (and rolls back).
func (s *Store) ImportBundle(ctx context.Context, r *bundle.Reader, progress func(done, total int)) (_ *ImportReport, err error) {
	defer wrap(&err, "importing a bundle")
	defer trimWhile()() // Badger's flushes and compactions map tables: see rsstrim.go
	if err := s.RecoverImport(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	c := r.Manifest().Counts
	n := c.Petitions + c.Sheets + c.Signatures + c.Pages
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.db.NewTransaction(false)
	defer snap.Discard()
	sp, err := newStage(s.dir)
	if err != nil {
		return nil, err
	}
	defer sp.close()
	rep, err := planImport(ctx, s, r, snap, sp, func(done int) { progress(done, 2*n) })
	if err != nil {
		return nil, err
	}
	// The plan is made: the snapshot is no longer needed, nor is what the
	// planning kept, which planImport let go (at a million signatures 47 MB
	// of first signers and sheets, which would make the collector work
	// harder all through the writes, under the soft memory limit).
	snap.Discard()
	// Only now, the bundle being valid, does anything reach the database,
	// if the disk has room for it: each staged write puts its value and
	// its undo record (see diskroom.go).
	if err := s.CheckRoom(2 * sp.bytes()); err != nil {
		return nil, err
	}
	ap := newApplier(s, r.Manifest().ID)
	// The rows go in key order after what is held: their tables can move
	// down the levels unchanged instead of being rewritten at each (see
	// bundle_stage.go and third_party/badger/PATCHES.md).
	s.db.SetMoveTables(true)
	defer s.db.SetMoveTables(false)
	err = sp.replay(ap, func(done int) { progress(n+done*n/max(sp.steps(), 1), 2*n) })
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		if rerr := ap.rollback(); rerr != nil {
			return nil, errors.Join(err, rerr)
		}
		return nil, err
	}
	if err := ap.commit(); err != nil {
		return nil, err
	}
	rep.Changes = ap.writes
	progress(2*n, 2*n)
	return rep, nil
}

// planImport verifies every record of the bundle and plans its change
// into the stage; it returns the report of what the plan changes.
func planImport(ctx context.Context, s *Store, r *bundle.Reader, snap *badger.Txn, sp *stage, progress func(done int)) (*ImportReport, error) {
	imp, err := newImporter(s, r, snap, sp)
	if err != nil {
		return nil, err
	}
	imp.ctx = ctx
	err = r.VerifyVisit(ctx, func(done, _ int) { progress(done) }, imp)
	if err == nil {
		err = imp.finish()
	}
	return imp.rep, err
}

// sheetKey names an imported sheet: petition, group of origin, number there.
type sheetKey struct {
	pid, group string
	number     int
}

// sheetPlan is what the import does to one sheet.
type sheetPlan struct {
	local   int  // our number for it
	isNew   bool // not held yet
	replace bool // a newer snapshot: the group's copy replaces ours
	in      petition.Sheet
	old     petition.Sheet
	oldRaw  []byte
	origin  sheetOrigin
	extra   int // rows struck here that the group has not struck (kept)
}

// importer is one import's state; it reads the database at the snapshot
// taken when the import began (the store's write lock is held).
type importer struct {
	s    *Store
	r    *bundle.Reader
	man  *bundle.Manifest
	snap *badger.Txn
	w    *stage // the planned writes
	own  string
	rep  *ImportReport
	ctx  context.Context
	done int

	snapshots  map[[2]string]*bundle.Snapshot
	newer      map[[2]string]bool
	counters   map[string]*counters
	oldCount   map[string][]byte
	sheets     map[sheetKey]*sheetPlan
	dupSeen    *dupFirsts        // duplicate bucket -> first signature id, for rows added by this import
	groupDups  map[[2]string]int // (petition, group) -> rows flagged now
	dupIndexed map[string]bool   // "d:<petition>:" -> the snapshot holds entries under it
	tombstones int               // 0 not looked yet, 1 none held, 2 some held (anyTombstones)
}

func newImporter(s *Store, r *bundle.Reader, snap *badger.Txn, w *stage) (*importer, error) {
	man := r.Manifest()
	own, err := ownGroupID(snap)
	if err != nil {
		return nil, err
	}
	im := &importer{
		s: s, r: r, man: man, snap: snap, own: own, w: w,
		rep:       &ImportReport{Bundle: man.ID, Group: man.Group, Created: man.Created},
		snapshots: map[[2]string]*bundle.Snapshot{}, newer: map[[2]string]bool{},
		counters: map[string]*counters{}, oldCount: map[string][]byte{},
		sheets: map[sheetKey]*sheetPlan{}, dupSeen: newDupFirsts(),
		groupDups: map[[2]string]int{}, dupIndexed: map[string]bool{},
	}
	for _, step := range []func() error{im.checkDates, im.checkKey, im.decideSnapshots} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return im, nil
}

// The importer is the bundle's Visitor: Verify hands it each record once
// checked, and it plans the change against the snapshot.

// Petition implements bundle.Visitor.
func (im *importer) Petition(p *petition.Petition) error { return im.petition(p) }

// Sheet implements bundle.Visitor.
func (im *importer) Sheet(sh *petition.Sheet) error { return im.sheet(sh) }

// Signature implements bundle.Visitor.
func (im *importer) Signature(sig *bundle.RawSignature) error { return im.signature(sig) }

// Page implements bundle.Visitor.
func (im *importer) Page(p bundle.Page, image []byte) error { return im.page(p, image) }

// finish plans what follows from all the records: sheets, counts, groups.
func (im *importer) finish() error {
	for _, step := range []func() error{im.finishSheets, im.finishCounters, im.finishGroups} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) tick() error {
	im.done++
	if im.done%1000 == 0 {
		return im.ctx.Err()
	}
	return nil
}

// raw reads a key's value at the snapshot (nil, false when absent).
func (im *importer) raw(key []byte) ([]byte, bool, error) {
	item, err := im.snap.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	v, err := item.ValueCopy(nil)
	return v, err == nil, err
}

// petition adds a petition not held yet. One already held is ours (or came
// first): its text is not replaced by a group's copy.
func (im *importer) petition(p *petition.Petition) error {
	old, ok, err := im.raw(keyPetition(p.ID))
	if err != nil {
		return err
	}
	c := &counters{Totals: petition.Totals{PetitionID: p.ID}, NextSheet: 1}
	if ok {
		if err := json.Unmarshal(old, &petition.Petition{}); err != nil {
			return err
		}
		oc, present, err := im.raw(keyCounters(p.ID))
		if err != nil {
			return err
		}
		if present {
			if err := json.Unmarshal(oc, c); err != nil {
				return err
			}
			im.oldCount[p.ID] = oc
		}
	} else {
		b, _ := json.Marshal(p)
		if err := im.w.put(keyPetition(p.ID), b, nil, false); err != nil {
			return err
		}
		im.rep.PetitionsAdded++
	}
	im.counters[p.ID] = c
	return im.tick()
}

// decideSnapshots compares each of the bundle's snapshots with the one
// held from the same group: only a newer one replaces.
func (im *importer) decideSnapshots() error {
	for i := range im.man.Snapshots {
		sn := &im.man.Snapshots[i]
		k := [2]string{sn.Group, sn.Petition}
		im.snapshots[k] = sn
		if sn.Group == im.own {
			continue
		}
		var held heldSnapshot
		if err := getJSON(im.snap, keyHeld(sn.Group, sn.Petition), &held); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		im.newer[k] = sn.AsOf.After(held.AsOf)
		if !im.newer[k] && !held.AsOf.IsZero() {
			im.rep.OlderSnapshots++
		}
	}
	return nil
}

// sheet maps the group's sheet to ours, giving a new one the next number.
func (im *importer) sheet(sh *petition.Sheet) error {
	if sh.Group == im.own {
		im.rep.OwnSkipped++
		return im.tick()
	}
	k := sheetKey{sh.PetitionID, sh.Group, sh.Number}
	pl := &sheetPlan{in: *sh, replace: im.newer[[2]string{sh.Group, sh.PetitionID}]}
	m, ok, err := im.raw(keySheetMap(sh.PetitionID, sh.Group, sh.Number))
	if err != nil {
		return err
	}
	if !ok {
		c := im.counters[sh.PetitionID]
		pl.local, pl.isNew = c.NextSheet, true
		c.NextSheet++
	} else {
		pl.local = readU32(m)
		if pl.oldRaw, _, err = im.raw(keySheet(sh.PetitionID, pl.local)); err != nil {
			return err
		}
		if err := json.Unmarshal(pl.oldRaw, &pl.old); err != nil {
			return err
		}
		if err := getJSON(im.snap, keySheetOrigin(sh.PetitionID, pl.local), &pl.origin); err != nil {
			return err
		}
	}
	im.sheets[k] = pl
	return im.tick()
}
