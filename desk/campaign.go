package desk

import (
	"context"
	"io"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// Campaign files: the national office sends a petition to its groups as
// a file signed with its database's key; a group's desk reads it, pins
// the key and takes later files of the campaign as updates
// (docs/PETITION-FORMAT.md). The Petitions screen, the coordinator's
// "Send campaign to groups…" and `petition export` / `petition import`
// all go through the two functions here.

// ExportCampaign writes p as a signed campaign file at path and records
// the export. It returns the fingerprint of the key that signed it, for
// the office to read out to its groups. The file holds no signature rows
// and no signer: it may be mailed openly.
func ExportCampaign(ctx context.Context, s *store.Store, path string, p *petition.Petition) (fingerprint string, err error) {
	g, err := s.OwnGroup()
	if err != nil {
		return "", err
	}
	if fingerprint, err = s.OwnFingerprint(); err != nil {
		return "", err
	}
	h := petition.CampaignHeader{ID: p.ID, Issued: s.Now(), From: g.Name}
	e := fileExport{kind: "campaign", room: 1 << 20, pids: []string{p.ID}}
	err = writeAudited(ctx, s, path, e, func(w io.Writer) (int, error) {
		return 0, petition.WriteCampaign(w, p, h, s.SignCampaign)
	})
	return fingerprint, err
}

// CampaignResult is what importing a petition file did. For a signed
// campaign file it is the store's report; an unsigned file (version 1)
// always makes a new petition and says so (Unsigned), as nobody can tell
// who wrote it.
type CampaignResult struct {
	store.CampaignReport
	Unsigned bool
}

// ImportCampaign reads a petition file from r and applies it: a signed
// campaign file through the store (first file: a new petition and the
// key pinned; later: an update), an unsigned one as a new petition. A
// tampered file, or one signed by another key than its campaign's, is
// refused and changes nothing. Every import that changed something is
// audited.
func ImportCampaign(s *store.Store, r io.Reader) (*CampaignResult, error) {
	c, err := petition.ReadCampaign(r)
	if err != nil {
		return nil, err
	}
	res := &CampaignResult{}
	if !c.Signed() {
		if err := s.CreatePetition(c.Petition); err != nil {
			return nil, err
		}
		res.Unsigned, res.Created, res.Petition = true, true, c.Petition
	} else {
		rep, err := s.ImportCampaign(c)
		if err != nil {
			return nil, err
		}
		res.CampaignReport = *rep
	}
	if !res.Created && len(res.CampaignReport.Changed) == 0 {
		return res, nil // a repeat that changed nothing leaves no trace, as bundles
	}
	kind := "campaign"
	if res.Unsigned {
		kind = "petition-file"
	}
	return res, s.AuditImport(kind, false, 0, res.Petition.ID)
}
