package store

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// storedSignature is the row as stored: the record without its strokes,
// then the strokes' text from the bundle, already decoded and checked by
// Verify. (json.Marshal of a RawMessage would re-scan the strokes: a third
// of the import's own CPU time.)
func storedSignature(raw *bundle.RawSignature) ([]byte, error) {
	sig := raw.Signature
	sig.Strokes = nil
	b, err := json.Marshal(&sig)
	if err != nil || len(raw.Strokes) == 0 || string(raw.Strokes) == "null" {
		return b, err
	}
	b = append(b[:len(b)-1], `,"strokes":`...)
	b = append(b, raw.Strokes...)
	return append(b, '}'), nil
}

// sameSignature compares two stored rows by content: the stored form of
// an imported row keeps its strokes' text last, a row edited here has them
// in place, so bytes alone could differ for the same record.
func sameSignature(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y petition.Signature
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return bytes.Equal(ja, jb)
}

// signature adds a row not held yet, or updates one from a newer snapshot
// of its group. Two things stay ours: the duplicate flag, worked out here
// across all groups, and a strike made here (strikes are sticky, so a
// coordinator's "duplicate" is not undone by the group's next bundle).
func (im *importer) signature(raw *bundle.RawSignature) error {
	sig := &raw.Signature
	if sig.Group == im.own {
		im.rep.OwnSkipped++
		return im.tick()
	}
	pl := im.sheets[sheetKey{sig.PetitionID, sig.Group, sig.Sheet}]
	key := keySig(sig.PetitionID, pl.local, sig.Row)
	at, held, err := im.raw(keySigIndex(sig.ID))
	if err != nil {
		return err
	}
	if err := im.keepErased(raw); err != nil {
		return err
	}
	// A coordinator keeps no email address (bundles carry none; an old or
	// hostile one might): contact consent means nothing without it.
	sig.Sheet, sig.Email, sig.Consent = pl.local, "", false
	if held && !bytes.Equal(at, key) {
		err = im.movedSignature(sig, at)
	} else if held {
		err = im.updateSignature(raw, pl, key, at)
	} else {
		err = im.addSignature(raw, pl, key)
	}
	if err != nil {
		return err
	}
	return im.tick()
}

func (im *importer) addSignature(raw *bundle.RawSignature, pl *sheetPlan, key []byte) error {
	sig := &raw.Signature
	if !pl.isNew {
		if _, taken, err := im.raw(key); err != nil || taken {
			im.rep.Conflicts++
			return err
		}
	}
	sig.DuplicateOf = ""
	var dupKey []byte
	if !sig.ErasedPerson {
		person := raw.DuplicateKey // worked out while checking
		if person == "" {
			person = petition.DuplicateKey(sig.Name, sig.Address.Postcode)
		}
		dupKey = prefixDup(sig.PetitionID, person)
		first, err := im.firstDuplicate(sig.PetitionID, dupKey)
		if err != nil {
			return err
		}
		if first != "" {
			sig.DuplicateOf = first
			im.counters[sig.PetitionID].Duplicates++
			im.groupDups[[2]string{sig.PetitionID, sig.Group}]++
			im.rep.Duplicates++
		} else {
			im.dupSeen.put(dupKey, sig.ID)
		}
	}
	b, err := storedSignature(raw)
	if err != nil {
		return err
	}
	if err := im.w.put(key, b, nil, false); err != nil {
		return err
	}
	if err := im.w.put(keySigIndex(sig.ID), key, nil, false); err != nil {
		return err
	}
	if dupKey != nil {
		if err := im.w.put(append(dupKey, sig.ID...), nil, nil, false); err != nil {
			return err
		}
	}
	im.rep.SignaturesAdded++
	return nil
}

// firstDuplicate returns the first signature already filed under the
// duplicate bucket (held before the import or added by it), or "".
func (im *importer) firstDuplicate(pid string, bucket []byte) (string, error) {
	if id, ok := im.dupSeen.get(bucket); ok {
		return id, nil
	}
	if !im.anyDuplicates(string(prefixDups(pid))) {
		return "", nil // a petition with no rows held yet: nothing to look up
	}
	// An iterator bounded to the bucket: one over the whole petition would
	// walk past every entry this import has written since the snapshot
	// (invisible to it, but still in the memtable), quadratic in rows.
	first := firstKey(im.snap, bucket)
	if first == nil {
		return "", nil
	}
	id := string(first[len(bucket):])
	im.dupSeen.put(bucket, id)
	return id, nil
}

// anyDuplicates reports whether the snapshot holds any duplicate-index
// entry under prefix ("d:<petition>:"), once per petition.
func (im *importer) anyDuplicates(prefix string) bool {
	if v, ok := im.dupIndexed[prefix]; ok {
		return v
	}
	found := firstKey(im.snap, []byte(prefix)) != nil
	im.dupIndexed[prefix] = found
	return found
}

func (im *importer) updateSignature(raw *bundle.RawSignature, pl *sheetPlan, key, at []byte) error {
	sig := &raw.Signature
	if !im.newer[[2]string{sig.Group, sig.PetitionID}] {
		return nil // we hold this row from a snapshot at least as new
	}
	oldRaw, _, err := im.raw(key)
	if err != nil {
		return err
	}
	var old petition.Signature
	if err := json.Unmarshal(oldRaw, &old); err != nil {
		return err
	}
	sig.DuplicateOf = old.DuplicateOf
	if old.IsStruck() && !sig.IsStruck() {
		sig.Struck = old.Struck
		pl.extra++
	}
	b, err := storedSignature(raw)
	if err != nil {
		return err
	}
	if sameSignature(b, oldRaw) {
		return nil
	}
	if err := im.refile(&old, sig); err != nil {
		return err
	}
	im.rep.SignaturesUpdated++
	return im.w.put(key, b, oldRaw, true)
}

// refile moves a row's duplicate-index entry when its name or postcode
// changed (a correction, or erasure, which leaves it out of the index).
func (im *importer) refile(old, sig *petition.Signature) error {
	bucket := func(s *petition.Signature) []byte {
		if s.ErasedPerson {
			return nil
		}
		return prefixDup(s.PetitionID, petition.DuplicateKey(s.Name, s.Address.Postcode))
	}
	was, now := bucket(old), bucket(sig)
	if bytes.Equal(was, now) {
		return nil
	}
	if was != nil {
		if err := im.w.del(append(was, sig.ID...), nil); err != nil {
			return err
		}
	}
	if now != nil {
		return im.w.put(append(now, sig.ID...), nil, nil, false)
	}
	return nil
}

// finishSheets writes new and replaced sheets, their mapping, and the
// change in the petition's counts. Counts come from the group's sheet
// (equal to its rows, which Verify checked), plus the strikes made here.
func (im *importer) finishSheets() error {
	for k, pl := range im.sheets {
		if !pl.isNew && !pl.replace {
			continue
		}
		final := pl.in
		final.Number, final.Group = pl.local, k.group
		if !pl.isNew {
			extra := pl.extra
			if im.snapshots[[2]string{k.group, k.pid}].CountsOnly {
				extra = max(0, pl.old.Struck-pl.origin.GroupStruck) // rows not in the bundle: keep our own strikes
			}
			final.Struck = min(final.Filled, final.Struck+extra)
		}
		if err := im.writeSheet(k, pl, &final); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) writeSheet(k sheetKey, pl *sheetPlan, final *petition.Sheet) error {
	b, err := json.Marshal(final)
	if err != nil {
		return err
	}
	origin := sheetOrigin{Group: k.group, Number: k.number, GroupStruck: pl.in.Struck}
	ob, _ := json.Marshal(origin)
	if pl.isNew {
		im.rep.SheetsAdded++
		for _, kv := range [][2][]byte{{keySheet(k.pid, pl.local), b}, {keySheetMap(k.pid, k.group, k.number), u32(pl.local)}, {keySheetOrigin(k.pid, pl.local), ob}} {
			if err := im.w.put(kv[0], kv[1], nil, false); err != nil {
				return err
			}
		}
	} else {
		if !bytes.Equal(b, pl.oldRaw) {
			im.rep.SheetsUpdated++
			if err := im.w.put(keySheet(k.pid, pl.local), b, pl.oldRaw, true); err != nil {
				return err
			}
		}
		if origin != pl.origin {
			oldOB, _ := json.Marshal(pl.origin)
			if err := im.w.put(keySheetOrigin(k.pid, pl.local), ob, oldOB, true); err != nil {
				return err
			}
		}
	}
	c := im.counters[k.pid]
	if final.Origin == petition.OriginPaper {
		c.Paper += final.Valid() - pl.old.Valid()
	} else {
		c.Digital += final.Valid() - pl.old.Valid()
		c.Struck += final.Struck - pl.old.Struck
	}
	return nil
}

// finishCounters writes each petition's counters that changed.
func (im *importer) finishCounters() error {
	for pid, c := range im.counters {
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		old, existed := im.oldCount[pid]
		if existed && bytes.Equal(b, old) {
			continue
		}
		if err := im.w.put(keyCounters(pid), b, old, existed); err != nil {
			return err
		}
	}
	return nil
}

// putJSON writes v at key unless it already holds exactly that.
func (im *importer) putJSON(key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	old, existed, err := im.raw(key)
	if err != nil || (existed && bytes.Equal(old, b)) {
		return err
	}
	return im.w.put(key, b, old, existed)
}

// finishGroups records the snapshots now held, the groups' duplicate
// counts, the groups and the receipt. When the data changed nothing and
// the receipt exists, nothing is written at all: importing a bundle twice
// leaves the database byte for byte as it was.
func (im *importer) finishGroups() error {
	_, seen, err := im.raw(keyReceipt(im.man.ID))
	if err != nil {
		return err
	}
	im.rep.AlreadyImported = seen
	if seen && im.w.n == 0 {
		return nil
	}
	for k, sn := range im.snapshots {
		if im.newer[k] {
			if err := im.putJSON(keyHeld(k[0], k[1]), heldSnapshot{AsOf: sn.AsOf.UTC(), CountsOnly: sn.CountsOnly}); err != nil {
				return err
			}
		}
	}
	for k, n := range im.groupDups {
		old, existed, err := im.raw(keyGroupDups(k[0], k[1]))
		if err != nil {
			return err
		}
		if err := im.w.put(keyGroupDups(k[0], k[1]), u32(readU32(old)+n), old, existed); err != nil {
			return err
		}
	}
	if err := im.recordGroups(); err != nil {
		return err
	}
	now := im.s.now().UTC()
	return im.putJSON(keyReceipt(im.man.ID), BundleReceipt{ID: im.man.ID, Group: im.man.Group,
		Created: im.man.Created, Imported: now, CountsOnly: im.man.CountsOnly, Counts: im.man.Counts})
}

// recordGroups notes the sending group's latest bundle, and names the
// other groups whose records it passed on.
func (im *importer) recordGroups() error {
	names := map[string]string{}
	for _, sn := range im.man.Snapshots {
		if sn.Group != im.own && sn.GroupName != "" {
			names[sn.Group] = sn.GroupName
		}
	}
	if im.man.Group.ID != im.own {
		names[im.man.Group.ID] = im.man.Group.Name
	}
	for gid, name := range names {
		var g groupRecord
		if err := getJSON(im.snap, keyGroup(gid), &g); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		g.ID = gid
		if gid == im.man.Group.ID {
			if !im.man.Created.Before(g.LastMade) { // an older bundle arriving late keeps the newer as "last"
				g.Name, g.LastBundle, g.LastMade = name, im.man.ID, im.man.Created.UTC()
			}
			g.LastImport = im.s.now().UTC()
			g.Bundles++
		} else if g.Name == "" {
			g.Name = name
		}
		if err := im.putJSON(keyGroup(gid), g); err != nil {
			return err
		}
	}
	return nil
}
