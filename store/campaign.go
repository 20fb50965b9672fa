package store

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// Campaign files (docs/PETITION-FORMAT.md) are petitions a national
// office sends its groups, signed with the office's database key. A
// group pins the key of each campaign at its first file (trust on first
// use, keyCampaign) and takes later files of the campaign signed by that
// key as updates of the same petition.

// campaignPin is what this database knows of one campaign.
type campaignPin struct {
	Key      string    `json:"key"` // base64 public key; "" once forgotten
	Pinned   time.Time `json:"pinned"`
	Petition string    `json:"petition"` // the petition here
	Issued   time.Time `json:"issued"`   // the file last applied
	From     string    `json:"from"`     // the sender's group name, as in that file
}

// CampaignReport says what importing a campaign file did.
type CampaignReport struct {
	Petition    *petition.Petition // the petition here, as it now is
	Fingerprint string             // of the key that signed the file
	From        string             // the sender's group name, as the file says
	KeyPinned   bool               // the first file of the campaign (or the first after forget-key)
	Created     bool               // a new petition was made
	Changed     []string           // the file's fields a later file changed
	KeptLayout  bool               // the rows per sheet changed, but sheets are printed: kept
	Older       bool               // the file is older than the one applied: nothing changed
	Same        bool               // this version was applied before: nothing changed
}

// ErrCampaignKey is the error of a campaign file signed by another key
// than the one pinned for its campaign (see CampaignKeyError).
var ErrCampaignKey = errors.New("campaign file signed by another key")

// ErrOwnCampaign is the error of a campaign file this database sent.
var ErrOwnCampaign = errors.New("this campaign file was sent from this database: its petition is here already")

// CampaignKeyError names both keys of a refused campaign file.
type CampaignKeyError struct {
	Petition   string // the petition's reference here
	PetitionID string // and its id
	Pinned     string // the fingerprint pinned
	Got        string // the fingerprint of the file's key
}

func (e *CampaignKeyError) Error() string {
	return fmt.Sprintf("campaign file for %s signed by another key (%s) than its first file (%s): not imported", e.Petition, e.Got, e.Pinned)
}

// Is makes errors.Is(err, ErrCampaignKey) true.
func (e *CampaignKeyError) Is(target error) bool { return target == ErrCampaignKey }

// ImportCampaign applies a signed campaign file: the first file of a
// campaign creates a draft petition and pins the key; a later one signed
// by the same key updates that petition's fields (TakeCampaign: never its
// sheets or signatures) if it is newer than the last one applied. The
// caller audits it (desk.ImportCampaign).
func (s *Store) ImportCampaign(c *petition.Campaign) (_ *CampaignReport, err error) {
	defer wrap(&err, "importing a campaign file")
	if !c.Signed() {
		return nil, errors.New("the campaign file is not signed")
	}
	var rep *CampaignReport
	err = s.update(func(txn *badger.Txn) error {
		rep = &CampaignReport{Fingerprint: bundle.Fingerprint(c.Key), From: c.From}
		var pin campaignPin
		err := getJSON(txn, keyCampaign(c.ID), &pin)
		switch {
		case errors.Is(err, ErrNotFound):
			if err := getJSON(txn, keyPetition(c.ID), &petition.Petition{}); err == nil {
				return ErrOwnCampaign
			}
			return s.firstCampaignFile(txn, c, rep)
		case err != nil:
			return err
		}
		return s.laterCampaignFile(txn, c, pin, rep)
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// firstCampaignFile creates the petition and pins the key.
func (s *Store) firstCampaignFile(txn *badger.Txn, c *petition.Campaign, rep *CampaignReport) error {
	p := *c.Petition
	if err := s.createIn(txn, &p); err != nil {
		return err
	}
	rep.Petition, rep.Created, rep.KeyPinned = &p, true, true
	return setJSON(txn, keyCampaign(c.ID), campaignPin{Key: bundle.EncodeKey(c.Key), Pinned: s.now().UTC(),
		Petition: p.ID, Issued: c.Issued, From: c.From})
}

// laterCampaignFile checks the key and applies a newer file.
func (s *Store) laterCampaignFile(txn *badger.Txn, c *petition.Campaign, pin campaignPin, rep *CampaignReport) error {
	var p petition.Petition
	if err := getJSON(txn, keyPetition(pin.Petition), &p); err != nil {
		return err
	}
	rep.Petition = &p
	if pin.Key == "" { // forgotten: this file's key is pinned
		pin.Key, pin.Pinned, rep.KeyPinned = bundle.EncodeKey(c.Key), s.now().UTC(), true
	} else if want, _ := bundle.DecodeKey(pin.Key); !want.Equal(c.Key) {
		return &CampaignKeyError{Petition: p.Reference, PetitionID: p.ID, Pinned: bundle.Fingerprint(want), Got: rep.Fingerprint}
	}
	switch {
	case c.Issued.Equal(pin.Issued):
		rep.Same = true
	case c.Issued.Before(pin.Issued):
		rep.Older = true
	default:
		cn, err := getCounters(txn, p.ID)
		if err != nil {
			return err
		}
		printed := cn.NextSheet > 1
		rep.Changed = p.TakeCampaign(c.Petition, printed)
		rep.KeptLayout = printed && (c.Petition.RowsPerSheet != p.RowsPerSheet || c.Petition.RowsFirstPage != p.RowsFirstPage)
		if err := p.Validate(); err != nil {
			return err
		}
		p.Updated = s.now().UTC()
		if err := setJSON(txn, keyPetition(p.ID), &p); err != nil {
			return err
		}
		pin.Issued, pin.From = c.Issued, c.From
	}
	return setJSON(txn, keyCampaign(c.ID), pin)
}

// CampaignSource is where a petition here came from, if from a signed
// campaign file.
type CampaignSource struct {
	Fingerprint string    // "" while the key is forgotten
	From        string    // the sender's group name, as its last file said
	Issued      time.Time // the last file applied
}

// CampaignOf says which campaign a petition came from; ok false for a
// petition not made from a signed campaign file.
func (s *Store) CampaignOf(pid string) (src CampaignSource, ok bool, err error) {
	defer wrap(&err, "reading the campaign of petition %s", pid)
	err = s.db.View(func(txn *badger.Txn) error {
		_, pin, found, err := findCampaign(txn, pid)
		if found {
			pub, _ := bundle.DecodeKey(pin.Key)
			src, ok = CampaignSource{Fingerprint: bundle.Fingerprint(pub), From: pin.From, Issued: pin.Issued}, true
		}
		return err
	})
	return src, ok, err
}

// findCampaign finds the campaign whose petition here is pid.
func findCampaign(txn *badger.Txn, pid string) (key []byte, pin campaignPin, ok bool, err error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(pfxCampaigns), PrefetchValues: true})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		var p campaignPin
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &p) }); err != nil {
			return nil, pin, false, err
		}
		if p.Petition == pid {
			return it.Item().KeyCopy(nil), p, true, nil
		}
	}
	return nil, pin, false, nil
}

// ErrNoCampaign is returned for a petition not made from a campaign file.
var ErrNoCampaign = errors.New("this petition was not made from a signed campaign file")

// ForgetCampaignKey unpins the key of the campaign petition pid came
// from, so the campaign's next file pins the key it carries and updates
// the petition: for an office that moved to a new computer, once the
// group has compared the new fingerprint with it by phone. It is audited.
func (s *Store) ForgetCampaignKey(pid string) (err error) {
	defer wrap(&err, "forgetting the campaign key of petition %s", pid)
	return s.update(func(txn *badger.Txn) error {
		key, pin, ok, err := findCampaign(txn, pid)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNoCampaign
		}
		pin.Key = ""
		if err := setJSON(txn, key, pin); err != nil {
			return err
		}
		return s.auditInTxn(txn, ActionForgetCampaign, map[string]any{"petition": pid})
	})
}

// SignCampaign signs a campaign file's message with this database's key
// (made on first use, as for bundles), for petition.WriteCampaign.
func (s *Store) SignCampaign(msg []byte) (_ ed25519.PublicKey, _ []byte, err error) {
	defer wrap(&err, "signing a campaign file")
	key, err := s.ownKey()
	if err != nil {
		return nil, nil, err
	}
	return key.Public().(ed25519.PublicKey), ed25519.Sign(key, msg), nil
}
