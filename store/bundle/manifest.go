package bundle

import (
	"errors"
	"fmt"
	"time"
)

// Format identifies a Petition Desk bundle; FormatVersion is the version
// this code writes and the only one it reads: version 1 bundles were not
// signed by their group, so anyone could write one in any group's name.
const (
	FormatName    = "petitiondesk-bundle"
	FormatVersion = 2
)

// Member names inside the zip.
const (
	ManifestName   = "manifest.json"
	PetitionsName  = "petitions.jsonl"
	SheetsName     = "sheets.jsonl"
	SignaturesName = "signatures.jsonl"
	PagesName      = "pages.jsonl"
	pagesDir       = "pages/"
)

// Limits that keep a hostile file from exhausting memory or disk.
const (
	MaxPageBytes  = 32 << 20 // one scanned page image
	maxLineBytes  = 4 << 20  // one JSON line (a petition letter is at most ~80 KB)
	maxManifest   = 64 << 20 // the manifest lists every page, so it may be long
	maxMembers    = 1_000_000
	maxSheetNo    = 10_000_000
	maxPagesSheet = 1000
)

// Group names a local group: its id (a UUID made once per database) and
// the name it gave itself.
type Group struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Snapshot says that the bundle holds everything group Group had for
// petition Petition as of AsOf. The importer compares AsOf with what it
// already holds from that group for that petition: newer replaces, older
// or equal only fills gaps. A coordinator passing other groups' records on
// keeps their original snapshot time.
type Snapshot struct {
	Group     string    `json:"group"`
	GroupName string    `json:"group_name,omitempty"`
	Petition  string    `json:"petition"`
	AsOf      time.Time `json:"as_of"`
	// CountsOnly: the group's sheets (with their counts) but none of its
	// rows; a counts-only bundle marks every snapshot so.
	CountsOnly bool `json:"counts_only,omitempty"`
}

// Member is one file inside the bundle, with its size and SHA-256 (hex)
// as written.
type Member struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Counts are the number of records of each kind.
type Counts struct {
	Petitions  int `json:"petitions"`
	Sheets     int `json:"sheets"`
	Signatures int `json:"signatures"`
	Pages      int `json:"pages"`
}

// Manifest describes a bundle.
type Manifest struct {
	Format        string     `json:"format"`
	FormatVersion int        `json:"format_version"`
	AppVersion    string     `json:"app_version,omitempty"`
	ID            string     `json:"bundle_id"`
	Group         Group      `json:"group"` // the database that wrote the bundle
	Created       time.Time  `json:"created"`
	CountsOnly    bool       `json:"counts_only,omitempty"` // no signatures, no pages: no personal data
	Snapshots     []Snapshot `json:"snapshots"`
	Counts        Counts     `json:"counts"`
	Members       []Member   `json:"members"`
	// SigningKey is the writing group's Ed25519 public key (base64); the
	// signature in the zip comment is checked against it (see sign.go).
	SigningKey string `json:"signing_key"`
}

// Errors a caller can explain in plain words.
var (
	ErrNotBundle     = errors.New("this file is not a Petition Desk bundle")
	ErrDamaged       = errors.New("the bundle is damaged or incomplete (a byte differs from what was written): nothing was imported")
	ErrNeedKey       = errors.New("this bundle is encrypted to a coordinator's key: it opens only with that key file")
	ErrNeedPass      = errors.New("this bundle is protected by a passphrase: give the passphrase")
	ErrWrongKey      = errors.New("this bundle was encrypted for another key: it cannot be opened with the key given")
	ErrWrongPass     = errors.New("the passphrase does not open this bundle")
	ErrWorkFactor    = errors.New("this bundle's passphrase protection asks for far more memory and time than Petition Desk ever uses, so it was not made by Petition Desk: nothing was imported")
	ErrCountsOnlyRow = errors.New("a counts-only bundle must not hold signatures or pages")
	// ErrBadSignature: the group's signature does not match the bundle.
	ErrBadSignature = errors.New("the bundle's signature does not match its content (it was changed after its group wrote it): nothing was imported")
	// ErrOldVersion is matched by an OldFormatError.
	ErrOldVersion = errors.New("this bundle was written by an older Petition Desk")
	// ErrOtherGroup is matched by an OtherGroupError.
	ErrOtherGroup = errors.New("the bundle holds records of another group")
	// ErrForeignKey is matched by a ForeignKeyError.
	ErrForeignKey = errors.New("the bundle is signed by another key than the one known for its group")
	// ErrFromFuture is matched by a FutureError.
	ErrFromFuture = errors.New("the bundle is dated in the future")
)

// OldFormatError says the bundle was written by an older Petition Desk,
// whose bundles are not signed and so cannot be trusted.
type OldFormatError struct{ Version int }

func (e *OldFormatError) Error() string {
	return fmt.Sprintf("this bundle was written by an older Petition Desk (bundle format %d, not signed by its group): the group must update its app and export again; nothing was imported", e.Version)
}

// Is makes errors.Is(err, ErrOldVersion) true.
func (e *OldFormatError) Is(target error) bool { return target == ErrOldVersion }

// OtherGroupError says a record of the bundle belongs to another group
// than the one that wrote and signed it: a group writes only its own.
type OtherGroupError struct {
	Member string
	Line   int
}

func (e *OtherGroupError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("the bundle holds records of another group (%s): a group's bundle may hold only its own records; nothing was imported", e.Member)
	}
	return fmt.Sprintf("the bundle holds records of another group (%s line %d): a group's bundle may hold only its own records; nothing was imported", e.Member, e.Line)
}

// Is makes errors.Is(err, ErrOtherGroup) true.
func (e *OtherGroupError) Is(target error) bool { return target == ErrOtherGroup }

// ForeignKeyError says the bundle names a group whose key is known here
// (pinned at its first import) but is signed by another key: someone else
// wrote it, or the group reinstalled its app (then the coordinator checks
// the new fingerprint with the group and forgets the old key).
type ForeignKeyError struct {
	Group       Group
	Pinned, Got string // fingerprints
}

func (e *ForeignKeyError) Error() string {
	return fmt.Sprintf("the bundle says it is from %q but is signed by another key (%s, known key %s): nothing was imported", e.Group.Name, e.Got, e.Pinned)
}

// Is makes errors.Is(err, ErrForeignKey) true.
func (e *ForeignKeyError) Is(target error) bool { return target == ErrForeignKey }

// FutureError says a bundle is dated later than the importer's clock
// allows (a day of skew): a forged date would make it "newer" than every
// real bundle of its group.
type FutureError struct{ AsOf time.Time }

func (e *FutureError) Error() string {
	return fmt.Sprintf("the bundle is dated %s, more than a day ahead of this computer's clock: nothing was imported", e.AsOf.UTC().Format("2006-01-02 15:04 UTC"))
}

// Is makes errors.Is(err, ErrFromFuture) true.
func (e *FutureError) Is(target error) bool { return target == ErrFromFuture }

// NewerFormatError says the bundle was written by a newer Petition Desk.
type NewerFormatError struct{ Version int }

func (e *NewerFormatError) Error() string {
	return fmt.Sprintf("this bundle was written by a newer Petition Desk (bundle format %d; this app reads up to %d): please update the app, nothing was imported", e.Version, FormatVersion)
}

// InvalidError says which record of the bundle is wrong and why.
type InvalidError struct {
	Member string // e.g. "signatures.jsonl"
	Line   int    // 1-based; 0 when the problem is not one line
	Reason string
}

func (e *InvalidError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("the bundle is invalid (%s line %d): %s; nothing was imported", e.Member, e.Line, e.Reason)
	}
	return fmt.Sprintf("the bundle is invalid (%s): %s; nothing was imported", e.Member, e.Reason)
}
