package petition

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Petition files carry a petition from one desk to another: what a
// national office sends its groups (docs/PETITION-FORMAT.md). They hold
// the petition's text and settings, never a signature or a signer.
const (
	// FileFormat names the format in every file.
	FileFormat = "petitiondesk-petition"
	// FileVersion is the format version this code writes: version 2 is
	// a signed campaign file (campaign.go). Version 1 files are still read.
	FileVersion = 2
	// fileVersion1 is the unsigned format of the first release.
	fileVersion1 = 1
)

// File is a petition file as JSON.
type File struct {
	Format   string       `json:"format"`
	Version  int          `json:"format_version"`
	Petition FilePetition `json:"petition"`
	// Signature was reserved in version 1 for campaign files (version
	// 2, campaign.go); a version 1 file's is ignored.
	Signature json.RawMessage `json:"signature,omitempty"`
}

// FilePetition is what a petition file carries of a petition: everything
// the editor sets, without the id, status, dates of this desk's record,
// or anything about signatures.
type FilePetition struct {
	Reference     string      `json:"reference"`
	Title         string      `json:"title"`
	Organisation  string      `json:"organisation"`
	SenderAddress []string    `json:"sender_address,omitempty"`
	Targets       []Target    `json:"targets"`
	Letter        string      `json:"letter"`
	Demands       []string    `json:"demands,omitempty"`
	Languages     []string    `json:"languages"`
	Deadline      string      `json:"deadline"` // YYYY-MM-DD
	PostLeadDays  int         `json:"post_lead_days"`
	RowsPerSheet  int         `json:"rows_per_sheet"`
	RowsFirstPage int         `json:"rows_first_page"`
	Goal          int         `json:"goal"`
	PrivacyNotice string      `json:"privacy_notice,omitempty"`
	RetentionDays int         `json:"retention_days"`
	RecipientSees AddressMode `json:"recipient_sees,omitempty"`
}

// FileError says what is wrong with a petition file, naming the field.
type FileError struct {
	Field string // e.g. "petition.deadline"; "" for the file as a whole
	Err   error
}

func (e *FileError) Error() string {
	if e.Field == "" {
		return "petition file: " + e.Err.Error()
	}
	return fmt.Sprintf("petition file, field %q: %v", e.Field, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// WriteFile writes p as an unsigned petition file of version 1 (indented
// JSON, ending in a newline): what a desk without a signing key can
// still send. The app writes signed campaign files (WriteCampaign).
func WriteFile(w io.Writer, p *Petition) error {
	f := File{Format: FileFormat, Version: fileVersion1, Petition: toFile(p)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}

// maxFile is the largest petition file read: a letter of 20,000
// characters and ten targets fit many times over.
const maxFile = 1 << 20

// toFile is what a petition file carries of p.
func toFile(p *Petition) FilePetition {
	return FilePetition{
		Reference: p.Reference, Title: p.Title, Organisation: p.Organisation,
		SenderAddress: p.SenderAddress, Targets: p.Targets, Letter: p.Letter, Demands: p.Demands,
		Languages: p.Languages, Deadline: p.Deadline.String(), PostLeadDays: p.PostLeadDays,
		RowsPerSheet: p.RowsPerSheet, RowsFirstPage: p.RowsFirstPage, Goal: p.Goal,
		PrivacyNotice: p.PrivacyNotice, RetentionDays: p.RetentionDays, RecipientSees: p.RecipientSees,
	}
}

// ReadFile reads a petition file of either version into a new draft
// petition (no id yet), as ReadCampaign does, and returns the petition.
func ReadFile(r io.Reader) (*Petition, error) {
	c, err := ReadCampaign(r)
	if err != nil {
		return nil, err
	}
	return c.Petition, nil
}

// ReadCampaign reads a petition file: a signed campaign file (version 2),
// whose signature it checks, or an unsigned file of version 1 (Key nil).
// The petition is a new draft (no id yet), validated as the editor does.
// Every error is a *FileError naming the field: the first problem found,
// so a command line shows one line.
func ReadCampaign(r io.Reader) (*Campaign, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, &FileError{Err: err}
	}
	if len(b) > maxFile {
		return nil, &FileError{Err: errors.New("larger than 1 MB: this is not a petition file")}
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"format_version"`
	}
	if err := json.Unmarshal(b, &head); err != nil || head.Format != FileFormat {
		return nil, &FileError{Field: "format", Err: fmt.Errorf("not a petition file (want %q)", FileFormat)}
	}
	switch head.Version {
	case fileVersion1:
		f := File{Petition: newFilePetition()}
		if err := strictDecode(b, &f, ""); err != nil {
			return nil, err
		}
		p, err := f.Petition.checked()
		return &Campaign{Petition: p}, err
	case FileVersion:
		return readSigned(b)
	}
	return nil, &FileError{Field: "format_version", Err: fmt.Errorf("version %d; this app reads versions 1 and %d", head.Version, FileVersion)}
}

// strictDecode decodes b into v, refusing fields the format does not
// have; field names the part of the file b is (e.g. "petition.").
func strictDecode(b []byte, v any, field string) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		err := decodeError(err)
		var fe *FileError
		if errors.As(err, &fe) && fe.Field != "" {
			fe.Field = field + fe.Field
		}
		return err
	}
	return nil
}

// checked turns the file's petition into a draft and validates it.
func (fp FilePetition) checked() (*Petition, error) {
	var err error
	p := fp.petition()
	if fp.Deadline != "" {
		if p.Deadline, err = ParseDate(fp.Deadline); err != nil {
			return nil, &FileError{Field: "petition.deadline", Err: errors.New("write the day as YYYY-MM-DD")}
		}
	}
	if err := p.Validate(); err != nil {
		var v ValidationError
		if errors.As(err, &v) && len(v) > 0 {
			return nil, &FileError{Field: "petition." + v[0].Field, Err: v[0]}
		}
		return nil, &FileError{Err: err}
	}
	return p, nil
}

// decodeError names the field a JSON error is about.
func decodeError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return &FileError{Field: typ.Field, Err: fmt.Errorf("holds a %s, want a %s", typ.Value, typ.Type)}
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return &FileError{Err: fmt.Errorf("not valid JSON at byte %d: %v", syn.Offset, err)}
	}
	if field, ok := unknownField(err); ok {
		return &FileError{Field: field, Err: errors.New("is not a field of petition files")}
	}
	return &FileError{Err: err}
}

// unknownField reads the name out of encoding/json's "json: unknown field
// \"x\"" error, which has no type of its own.
func unknownField(err error) (string, bool) {
	var name string
	if _, scanErr := fmt.Sscanf(err.Error(), "json: unknown field %q", &name); scanErr != nil {
		return "", false
	}
	return name, true
}

// newFilePetition holds a new petition's defaults, for the fields a file
// leaves out.
func newFilePetition() FilePetition {
	p := New()
	return FilePetition{Languages: p.Languages, PostLeadDays: p.PostLeadDays, RowsPerSheet: p.RowsPerSheet,
		RowsFirstPage: p.RowsFirstPage, RetentionDays: p.RetentionDays, RecipientSees: p.RecipientSees}
}

// petition turns the file's petition into a new draft.
func (fp FilePetition) petition() *Petition {
	p := New()
	fp.apply(p)
	return p
}

// apply sets p's fields to the file's, but for the deadline (parsed
// apart, as it may be wrong).
func (fp FilePetition) apply(p *Petition) {
	p.Reference, p.Title, p.Organisation = fp.Reference, fp.Title, fp.Organisation
	p.SenderAddress, p.Targets, p.Letter, p.Demands = fp.SenderAddress, fp.Targets, fp.Letter, fp.Demands
	p.Languages, p.PostLeadDays = fp.Languages, fp.PostLeadDays
	p.RowsPerSheet, p.RowsFirstPage, p.Goal = fp.RowsPerSheet, fp.RowsFirstPage, fp.Goal
	p.PrivacyNotice, p.RetentionDays, p.RecipientSees = fp.PrivacyNotice, fp.RetentionDays, fp.RecipientSees
}
