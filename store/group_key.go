package store

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// Each group signs its bundles with its own Ed25519 key (keyGroupKey),
// made with its group id; a coordinator pins a group's public key at its
// first import (trust on first use) and refuses that group's bundles
// signed by any other key. See docs/BUNDLE-FORMAT.md, "Signatures".

// pinnedKey is the public key a group's first imported bundle carried.
type pinnedKey struct {
	Key    string    `json:"key"` // base64, as in the manifest
	Pinned time.Time `json:"pinned"`
	Bundle string    `json:"bundle"` // the bundle that brought it
}

// ErrUnknownGroup is returned for a group id this database does not know.
var ErrUnknownGroup = errors.New("no such group here")

// newGroupKey makes a signing key and stores it in txn.
func newGroupKey(txn *badger.Txn) (ed25519.PrivateKey, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	return ed25519.NewKeyFromSeed(seed), txn.Set(keyGroupKey, seed)
}

// readGroupKey reads the signing key; ErrNotFound before it is made.
func readGroupKey(txn *badger.Txn) (ed25519.PrivateKey, error) {
	item, err := txn.Get(keyGroupKey)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	seed, err := item.ValueCopy(nil)
	if err == nil && len(seed) != ed25519.SeedSize {
		err = errors.New("the group's signing key is damaged")
	}
	if err != nil {
		return nil, err
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// ownKey returns this database's signing key, making it (with the group,
// if need be) on first use: databases made before bundles were signed
// get theirs at their first export.
func (s *Store) ownKey() (ed25519.PrivateKey, error) {
	if _, err := s.OwnGroup(); err != nil {
		return nil, err
	}
	var key ed25519.PrivateKey
	err := s.db.View(func(txn *badger.Txn) (err error) { key, err = readGroupKey(txn); return err })
	if !errors.Is(err, ErrNotFound) {
		return key, err
	}
	err = s.update(func(txn *badger.Txn) (err error) {
		if key, err = readGroupKey(txn); errors.Is(err, ErrNotFound) {
			key, err = newGroupKey(txn)
		}
		return err
	})
	return key, err
}

// OwnFingerprint is the fingerprint of this database's signing key, for
// the group to read out to its coordinator (made on first use).
func (s *Store) OwnFingerprint() (_ string, err error) {
	defer wrap(&err, "reading this group's key")
	key, err := s.ownKey()
	if err != nil {
		return "", err
	}
	return bundle.Fingerprint(key.Public().(ed25519.PublicKey)), nil
}

// fingerprintIn returns the fingerprint known for a group in txn: its
// pinned key, or this database's own key for its own group ("" if none).
func fingerprintIn(txn *badger.Txn, gid string, own bool) (string, error) {
	if own {
		key, err := readGroupKey(txn)
		if errors.Is(err, ErrNotFound) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		return bundle.Fingerprint(key.Public().(ed25519.PublicKey)), nil
	}
	var pin pinnedKey
	if err := getJSON(txn, keyPin(gid), &pin); errors.Is(err, ErrNotFound) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	pub, _ := bundle.DecodeKey(pin.Key)
	return bundle.Fingerprint(pub), nil
}

// ForgetGroupKey unpins a group's key, so its next bundle pins the key it
// carries: for a group that reinstalled its app, once the coordinator has
// compared the new fingerprint with the group by phone. It is audited.
func (s *Store) ForgetGroupKey(gid string) (err error) {
	defer wrap(&err, "forgetting the key of group %s", gid)
	return s.update(func(txn *badger.Txn) error {
		var g groupRecord
		if err := getJSON(txn, keyGroup(gid), &g); errors.Is(err, ErrNotFound) {
			return fmt.Errorf("group %s: %w", gid, ErrUnknownGroup)
		} else if err != nil {
			return err
		}
		if err := txn.Delete(keyPin(gid)); err != nil {
			return err
		}
		return s.auditInTxn(txn, ActionForgetKey, map[string]any{"group": gid})
	})
}

// checkKey compares the bundle's signing key with the one known for its
// group: this database's own key for its own group, the pinned key for
// any other. A group seen for the first time gets its key pinned (in the
// import's plan, so a refused bundle pins nothing).
func (im *importer) checkKey() error {
	got := im.r.SigningKey()
	im.rep.Fingerprint = bundle.Fingerprint(got)
	var want ed25519.PublicKey
	if im.man.Group.ID == im.own {
		key, err := readGroupKey(im.snap)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if key != nil {
			want = key.Public().(ed25519.PublicKey)
		}
	} else {
		var pin pinnedKey
		err := getJSON(im.snap, keyPin(im.man.Group.ID), &pin)
		if errors.Is(err, ErrNotFound) {
			return im.pin(got)
		} else if err != nil {
			return err
		}
		want, _ = bundle.DecodeKey(pin.Key)
	}
	if !want.Equal(got) {
		return &bundle.ForeignKeyError{Group: im.man.Group, Pinned: bundle.Fingerprint(want), Got: im.rep.Fingerprint}
	}
	return nil
}

// pin plans the pinning of a group's key at its first import.
func (im *importer) pin(key ed25519.PublicKey) error {
	im.rep.KeyPinned = true
	return im.putJSON(keyPin(im.man.Group.ID), pinnedKey{Key: bundle.EncodeKey(key), Pinned: im.s.now().UTC(), Bundle: im.man.ID})
}

// maxClockSkew is how far ahead of this computer's clock a bundle may be
// dated: more would let a forged date outrank every real bundle.
const maxClockSkew = 24 * time.Hour

// checkDates refuses a bundle dated (or holding a snapshot) too far ahead.
func (im *importer) checkDates() error {
	limit := im.s.now().Add(maxClockSkew)
	if im.man.Created.After(limit) {
		return &bundle.FutureError{AsOf: im.man.Created}
	}
	for _, sn := range im.man.Snapshots {
		if sn.AsOf.After(limit) {
			return &bundle.FutureError{AsOf: sn.AsOf}
		}
	}
	return nil
}
