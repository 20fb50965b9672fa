package store

import (
	"cmp"
	"context"
	"errors"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// RetentionInfo is where a petition stands with "delete personal data N
// days after delivery", for the retention screen and `petitiondesk
// erase --due`.
type RetentionInfo struct {
	PetitionID  string        `json:"petition_id"`
	Reference   string        `json:"reference"`
	Days        int           `json:"retention_days"`
	Delivered   bool          `json:"delivered"`
	DeliveredOn petition.Date `json:"delivered_on,omitempty"` // the day counted from (see RetentionOf)
	DueOn       petition.Date `json:"due_on,omitempty"`       // the first day personal data is erased
	Due         bool          `json:"due"`
	DaysLeft    int           `json:"days_left"`           // days until DueOn (0 or less when due)
	ErasedAt    time.Time     `json:"erased_at,omitempty"` // the last erasure of this petition's personal data
	ErasedBy    string        `json:"erased_by,omitempty"` // ActionRetention or ActionEraseNow
}

// RetentionOf works out a petition's retention on a given day. The clock
// only starts once the petition is delivered; a delivered petition without
// a delivery date counts from the day it was last changed (when it was
// marked delivered, or later), which errs on the side of keeping data a
// little longer rather than erasing it early.
func RetentionOf(p *petition.Petition, today petition.Date) RetentionInfo {
	r := RetentionInfo{PetitionID: p.ID, Reference: p.Reference, Days: p.RetentionDays, Delivered: p.Status == petition.StatusDelivered}
	if !r.Delivered {
		return r
	}
	r.DeliveredOn = p.DeliveredOn
	if r.DeliveredOn.IsZero() {
		r.DeliveredOn = petition.DateOf(p.Updated.Local())
	}
	r.DueOn = r.DeliveredOn.AddDays(p.RetentionDays)
	r.DaysLeft = today.DaysUntil(r.DueOn)
	r.Due = r.DaysLeft <= 0
	return r
}

// Retention lists every petition's retention state on the store's clock
// (the laptop's calendar day).
func (s *Store) Retention() (_ []RetentionInfo, err error) {
	defer wrap(&err, "reading the retention times")
	list, err := s.Petitions()
	if err != nil {
		return nil, err
	}
	today := petition.DateOf(s.now())
	out := make([]RetentionInfo, 0, len(list))
	for i := range list {
		r := RetentionOf(&list[i], today)
		var m erasedMark
		err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyErasedAt(r.PetitionID), &m) })
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		r.ErasedAt, r.ErasedBy = m.At, m.Action
		out = append(out, r)
	}
	return out, nil
}

// ApplyRetention erases the personal data of every petition whose
// retention time has run out and returns what it erased (only petitions
// where something was left to erase). The app calls it at start and
// every hour while it runs (RunRetention); `petitiondesk erase --due`
// calls it by hand. It also erases again what a restored backup brought
// back (see privacy_ledger.go) and finishes purges left for this start
// (page images deleted in an earlier session, and a purge that failed,
// see Purge). A purge that fails again does not stop the erasures: they
// go on, and the error returned then wraps ErrNotPurged.
func (s *Store) ApplyRetention() (_ []ErasureReport, err error) {
	defer wrap(&err, "erasing data whose retention time ran out")
	infos, err := s.Retention()
	if err != nil {
		return nil, err
	}
	notPurged := s.purgePending()
	if notPurged != nil && !errors.Is(notPurged, ErrNotPurged) {
		return nil, notPurged
	}
	reports, err := s.reapplyErasures()
	if err != nil && !errors.Is(err, ErrNotPurged) {
		return reports, err
	}
	notPurged = cmp.Or(err, notPurged)
	for _, r := range infos {
		if !r.Due {
			continue
		}
		rep, err := s.ErasePetitionData(r.PetitionID, ActionRetention)
		if err != nil && !errors.Is(err, ErrNotPurged) {
			return reports, err
		}
		notPurged = cmp.Or(err, notPurged)
		if rep.Signatures > 0 || rep.Images > 0 {
			reports = append(reports, rep)
		}
	}
	if s.dir != "" {
		s.gcValueLog()
	}
	return reports, notPurged
}

// RetentionInterval is how often a running app checks for due erasures.
const RetentionInterval = time.Hour

// RunRetention applies retention now and then at every interval until
// ctx ends; report is called after each run that erased something or
// failed (from this goroutine: a window must hand it to its UI thread).
// Run it in its own goroutine.
func (s *Store) RunRetention(ctx context.Context, interval time.Duration, report func([]ErasureReport, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	s.retentionLoop(ctx, t.C, report)
}

// retentionLoop is RunRetention with the ticks given, so tests drive it
// with an injected clock and no waiting.
func (s *Store) retentionLoop(ctx context.Context, ticks <-chan time.Time, report func([]ErasureReport, error)) {
	for {
		reps, err := s.ApplyRetention()
		if err != nil || len(reps) > 0 {
			report(reps, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
	}
}
