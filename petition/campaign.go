package petition

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"time"
)

// Campaign files (petition files of version 2) are petition files signed
// by the desk that sends them, a national office's, with its Ed25519 key:
// a group can check that a campaign really comes from its office, and
// that later files updating the petition come from the same one
// (docs/PETITION-FORMAT.md, "Campaign files").

// CampaignHeader says which campaign a file belongs to and when it was
// sent: a later file of the same campaign updates the petition.
type CampaignHeader struct {
	ID     string    `json:"id"`     // the sender's petition id: the same for every file of the campaign
	Issued time.Time `json:"issued"` // when the file was written; a later file wins
	From   string    `json:"from"`   // the sending desk's group name, as it chose it (may be "")
}

// Campaign is what a petition file holds: the petition and, for a signed
// file, its campaign and the key that signed it. An unsigned file of
// version 1 has a zero header and a nil Key.
type Campaign struct {
	CampaignHeader
	Petition *Petition
	Key      ed25519.PublicKey
}

// Signed says whether the file was signed (and the signature checked).
func (c *Campaign) Signed() bool { return c.Key != nil }

// ErrBadSignature is the error of a campaign file whose signature does
// not match its content: changed after it was signed, or forged.
var ErrBadSignature = errors.New("the signature does not match the file: it was changed after it was signed, or forged")

// signedFile is a version 2 file as read: the signed parts kept as the
// exact bytes the signature covers.
type signedFile struct {
	Format    string          `json:"format"`
	Version   int             `json:"format_version"`
	Campaign  json.RawMessage `json:"campaign"`
	Petition  json.RawMessage `json:"petition"`
	Signature *fileSignature  `json:"signature"`
}

// fileSignature is the signature block: the public key and the
// signature, both base64.
type fileSignature struct {
	Key     string `json:"key"`
	Ed25519 string `json:"ed25519"`
}

// campaignMessage is what the sender signs: the exact bytes of the
// campaign and petition blocks, prefixed so the signature means nothing
// in another context.
func campaignMessage(campaign, pet []byte) []byte {
	msg := []byte(FileFormat + " signature v2\n")
	msg = append(append(msg, campaign...), '\n')
	return append(msg, pet...)
}

// Signer signs a message with the sending desk's key.
type Signer func(msg []byte) (pub ed25519.PublicKey, sig []byte, err error)

// WriteCampaign writes p as a signed campaign file (version 2).
func WriteCampaign(w io.Writer, p *Petition, h CampaignHeader, sign Signer) error {
	h.Issued = h.Issued.UTC()
	campaign, err := indented(h)
	if err != nil {
		return err
	}
	pet, err := indented(toFile(p))
	if err != nil {
		return err
	}
	pub, sig, err := sign(campaignMessage(campaign, pet))
	if err != nil {
		return err
	}
	block, err := indented(fileSignature{Key: base64.StdEncoding.EncodeToString(pub), Ed25519: base64.StdEncoding.EncodeToString(sig)})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("{\n  \"format\": \"" + FileFormat + "\",\n  \"format_version\": 2,\n")
	b.WriteString("  \"campaign\": ")
	b.Write(campaign)
	b.WriteString(",\n  \"petition\": ")
	b.Write(pet)
	b.WriteString(",\n  \"signature\": ")
	b.Write(block)
	b.WriteString("\n}\n")
	_, err = w.Write(b.Bytes())
	return err
}

// indented is v as JSON indented to sit one level down in the file.
func indented(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// readSigned reads a version 2 file: it checks the signature first, over
// the blocks as they are in the file, then reads them.
func readSigned(b []byte) (*Campaign, error) {
	var f signedFile
	if err := strictDecode(b, &f, ""); err != nil {
		return nil, err
	}
	if f.Signature == nil {
		return nil, &FileError{Field: "signature", Err: errors.New("missing: a campaign file must be signed by its sender")}
	}
	if len(f.Campaign) == 0 || len(f.Petition) == 0 {
		return nil, &FileError{Err: errors.New("a campaign file needs a campaign and a petition block")}
	}
	pub, err := base64.StdEncoding.DecodeString(f.Signature.Key)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, &FileError{Field: "signature.key", Err: errors.New("is not an Ed25519 public key")}
	}
	sig, err := base64.StdEncoding.DecodeString(f.Signature.Ed25519)
	if err != nil || !ed25519.Verify(pub, campaignMessage(f.Campaign, f.Petition), sig) {
		return nil, &FileError{Field: "signature", Err: ErrBadSignature}
	}
	c := &Campaign{Key: pub}
	if err := strictDecode(f.Campaign, &c.CampaignHeader, "campaign."); err != nil {
		return nil, err
	}
	if strings.TrimSpace(c.ID) == "" || c.Issued.IsZero() {
		return nil, &FileError{Field: "campaign", Err: errors.New("needs an id and the time it was issued")}
	}
	fp := newFilePetition()
	if err := strictDecode(f.Petition, &fp, "petition."); err != nil {
		return nil, err
	}
	c.Petition, err = fp.checked()
	return c, err
}

// TakeCampaign sets p's fields to those a later campaign file brings
// (from, as ReadCampaign returns it), and returns the file's names of the
// fields that changed. p keeps its id, status, dates and everything
// about signatures. With keepLayout, the rows per sheet stay as they
// are: sheets are already printed with them.
func (p *Petition) TakeCampaign(from *Petition, keepLayout bool) (changed []string) {
	old, nw := toFile(p), toFile(from)
	if keepLayout {
		nw.RowsPerSheet, nw.RowsFirstPage = old.RowsPerSheet, old.RowsFirstPage
	}
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(nw)
	for i := 0; i < ov.NumField(); i++ {
		if !sameJSON(ov.Field(i).Interface(), nv.Field(i).Interface()) {
			name, _, _ := strings.Cut(ov.Type().Field(i).Tag.Get("json"), ",")
			changed = append(changed, name)
		}
	}
	nw.apply(p)
	p.Deadline = from.Deadline
	return changed
}

// sameJSON compares two field values as the file writes them, so an
// empty list and none are the same.
func sameJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	norm := func(j []byte) string {
		if s := string(j); s != "null" {
			return s
		}
		return "[]"
	}
	return norm(ja) == norm(jb)
}
