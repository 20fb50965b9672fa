package store

import (
	"bytes"
	"errors"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// What an import refuses or keeps so that a bundle writes only its own
// group's records and cannot bring back what was erased here. The key
// and date checks are in group_key.go.

// keepErased scrubs an incoming row whose signer was erased here (a
// tombstone holds its id) before it is merged: what the group changed
// besides the person (a strike, say) still arrives, the person never
// does. The withdrawal made here stays, as any strike made here does.
func (im *importer) keepErased(raw *bundle.RawSignature) error {
	if !im.anyTombstones() {
		return nil // nothing was ever erased here: no read per row
	}
	_, erased, err := im.raw(keyTombstone(raw.ID))
	if err != nil || !erased {
		return err
	}
	if !raw.ErasedPerson {
		im.rep.ErasedHere++
	}
	scrubPerson(&raw.Signature)
	raw.Strokes, raw.DuplicateKey = nil, ""
	return nil
}

// anyTombstones reports whether the snapshot holds any tombstone, once.
func (im *importer) anyTombstones() bool {
	if im.tombstones == 0 {
		im.tombstones = 1
		if firstKey(im.snap, keyTombstone("")) != nil {
			im.tombstones = 2
		}
	}
	return im.tombstones == 2
}

// movedSignature handles a row whose id is held at another place: on
// another group's sheet (or one of this database's own), it is an attempt
// to write a row the bundle's group does not own, and the bundle is
// refused; on another sheet of the same group, it is left alone (not
// something a group's database does).
func (im *importer) movedSignature(sig *petition.Signature, at []byte) error {
	prefix := prefixSigs(sig.PetitionID)
	if len(at) != len(prefix)+8 || !bytes.HasPrefix(at, prefix) {
		return &bundle.OtherGroupError{Member: bundle.SignaturesName}
	}
	var o sheetOrigin
	err := getJSON(im.snap, keySheetOrigin(sig.PetitionID, readU32(at[len(prefix):len(prefix)+4])), &o)
	if errors.Is(err, ErrNotFound) || (err == nil && o.Group != sig.Group) {
		return &bundle.OtherGroupError{Member: bundle.SignaturesName}
	}
	if err != nil {
		return err
	}
	im.rep.Conflicts++
	return nil
}
