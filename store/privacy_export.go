package store

import (
	"encoding/json"
	"io"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// PersonExport is the file a signer receives when they ask what the
// campaign holds about them (the right of access): every row found for
// them, with the petition it belongs to, in JSON.
type PersonExport struct {
	About      string           `json:"about"`
	Exported   time.Time        `json:"exported"`
	Signatures []PersonalRecord `json:"signatures"`
}

// PersonalRecord is one signature as the signer gave it, with its petition.
type PersonalRecord struct {
	Petition     string `json:"petition"` // reference and title
	Organisation string `json:"organisation"`
	petition.Signature
}

const personExportAbout = "The personal data Petition Desk holds about one signer: each signature " +
	"with its petition, sheet and row, as typed and drawn (strokes are the drawn signature)."

// ExportPerson writes the signatures with the given ids to w as one JSON
// document. It writes only: desk.ExportPerson records the export (their
// number, not who) once the file is complete.
func (s *Store) ExportPerson(w io.Writer, ids []string) (err error) {
	defer wrap(&err, "exporting a person's data")
	out := PersonExport{About: personExportAbout, Exported: s.now().UTC(), Signatures: []PersonalRecord{}}
	for _, id := range ids {
		sig, err := s.SignatureByID(id)
		if err != nil {
			return err
		}
		p, err := s.PetitionByID(sig.PetitionID)
		if err != nil {
			return err
		}
		out.Signatures = append(out.Signatures, PersonalRecord{p.Reference + " " + p.Title, p.Organisation, *sig})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
