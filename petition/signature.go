package petition

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// StrikeReason says why a row no longer counts.
type StrikeReason string

// Reasons to strike a row.
const (
	StrikeNone      StrikeReason = ""
	StrikeDuplicate StrikeReason = "duplicate"
	StrikeIllegible StrikeReason = "illegible"
	StrikeWithdrawn StrikeReason = "withdrawn"
	StrikeInvalid   StrikeReason = "invalid"
)

// StrikeReasons lists the reasons a user can pick.
var StrikeReasons = []StrikeReason{StrikeDuplicate, StrikeIllegible, StrikeWithdrawn, StrikeInvalid}

// ParseStrikeReason checks a reason typed by a user.
func ParseStrikeReason(s string) (StrikeReason, error) {
	r := StrikeReason(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(StrikeReasons, r) {
		return "", fmt.Errorf("the reason must be one of duplicate, illegible, withdrawn or invalid, not %q", s)
	}
	return r, nil
}

// Address is a signer's postal address.
type Address struct {
	Street   string `json:"street"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Country  string `json:"country"`
}

// Place returns "postcode city", leaving out what is empty, as an
// address's second line is printed.
func (a Address) Place() string { return joinNonEmpty(" ", a.Postcode, a.City) }

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// Point is one sample of a drawn signature: position in the pad's own units
// (0..1000 across, height in proportion) and milliseconds since the first
// touch. Keeping time lets renderers vary the line width with speed.
type Point struct {
	X, Y float32
	T    uint32
}

// MarshalJSON writes a point as [x,y,t] (strokes themselves use a
// packed form, see Stroke.MarshalJSON).
func (p Point) MarshalJSON() ([]byte, error) {
	return json.Marshal([3]any{p.X, p.Y, p.T})
}

// UnmarshalJSON reads the [x,y,t] form, refusing what CheckPoint refuses
// and a time that is not a count of milliseconds.
func (p *Point) UnmarshalJSON(b []byte) error {
	var a [3]float64
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if !(a[2] >= 0 && a[2] <= math.MaxUint32) {
		return ErrStrokeOutOfRange
	}
	// Converted first: 1e300 is a float64 but an infinite float32.
	p.X, p.Y, p.T = float32(a[0]), float32(a[1]), uint32(a[2])
	return CheckPoint(p.X, p.Y)
}

// MaxCoordinate bounds a point's distance from the pad's corner, in pad
// units: ten pad widths, far beyond a stroke that strays off the pad, and
// small enough that every renderer draws it with ordinary numbers.
const MaxCoordinate = 10000

// ErrStrokeOutOfRange is the error for a point that is not a number
// (NaN), infinite or far off the pad: a PDF reader rejects a page whose
// drawing holds such a number, so it never enters the store.
var ErrStrokeOutOfRange = &FieldError{"signature", "The drawn signature holds a point that is not on the pad."}

// CheckPoint refuses coordinates that are NaN, infinite or farther than
// MaxCoordinate from the pad.
func CheckPoint(x, y float32) error {
	// Written so that NaN fails too: every comparison with NaN is false.
	if !(x >= -MaxCoordinate && x <= MaxCoordinate && y >= -MaxCoordinate && y <= MaxCoordinate) {
		return ErrStrokeOutOfRange
	}
	return nil
}

// Stroke is one continuous line, from touch down to lift.
type Stroke []Point

// Signature is one row on a sheet: a person who signed the petition.
type Signature struct {
	ID           string       `json:"id"`
	PetitionID   string       `json:"petition_id"`
	Sheet        int          `json:"sheet"`
	Row          int          `json:"row"`
	Name         string       `json:"name"`
	Address      Address      `json:"address"`
	Email        string       `json:"email,omitempty"`
	Consent      bool         `json:"consent"` // agreed to be contacted
	Strokes      []Stroke     `json:"strokes,omitempty"`
	Signed       time.Time    `json:"signed"`
	Collector    string       `json:"collector,omitempty"`
	Location     string       `json:"location,omitempty"`
	Struck       StrikeReason `json:"struck,omitempty"`
	DuplicateOf  string       `json:"duplicate_of,omitempty"` // an earlier signature with the same DuplicateKey
	Group        string       `json:"group,omitempty"`        // local group of origin, set by bundles
	ErasedPerson bool         `json:"erased,omitempty"`       // personal fields removed (retention, erasure)
	// PrintFullName: a signer living in the target's country asked to be
	// printed by full name for the recipient (else initials and country).
	PrintFullName bool `json:"print_full_name,omitempty"`
}

// Limits on drawn signatures, so one row cannot fill the disk.
const (
	MaxStrokes      = 200
	MaxStrokePoints = 20000 // over all strokes
)

// CorrectFrom takes from other the fields a signer may correct on their
// own entry moments after signing ("Correct my entry"): name, address,
// email, consent, the drawn signature and the wish to be printed by full
// name. Everything the desk recorded (petition, sheet and row, time,
// collector and place, strike, duplicate flag, group, erasure) stays as
// it was, so a correction cannot move, revive or uncount a row.
func (s *Signature) CorrectFrom(other *Signature) {
	s.Name, s.Address, s.Email, s.Consent = other.Name, other.Address, other.Email, other.Consent
	s.Strokes, s.PrintFullName = other.Strokes, other.PrintFullName
}

// IsStruck reports whether the row no longer counts.
func (s *Signature) IsStruck() bool { return s.Struck != StrikeNone }

// Trim removes surrounding spaces from every text field, as forms do before saving.
func (s *Signature) Trim() {
	for _, f := range []*string{&s.Name, &s.Address.Street, &s.Address.Postcode, &s.Address.City, &s.Address.Country, &s.Email, &s.Collector, &s.Location} {
		*f = strings.TrimSpace(*f)
	}
}

// Validate checks the signer's entries; every problem is listed.
func (s *Signature) Validate() error {
	errs := []error{
		ValidateName(s.Name), ValidateStreet(s.Address.Street),
		ValidatePostcode(s.Address.Postcode), ValidateCity(s.Address.City),
		ValidateCountry(s.Address.Country), ValidateEmail(s.Email),
		named("collector", ValidateShortText(s.Collector)),
		named("location", ValidateShortText(s.Location)),
		ValidateStrokes(s.Strokes),
	}
	if s.Email != "" && !s.Consent {
		errs = append(errs, &FieldError{"email", "An email address is kept only if you agree to be contacted."})
	}
	if s.Struck != StrikeNone && !slices.Contains(StrikeReasons, s.Struck) {
		errs = append(errs, &FieldError{"struck", fmt.Sprintf("Unknown reason %q.", s.Struck)})
	}
	return collect(errs...)
}

// ValidateStrokes checks a drawn signature's size and that every point is
// a finite number on or near the pad. An empty signature is
// allowed here (scripted and imported entries may have none); the signing
// form demands one with HasInk.
func ValidateStrokes(strokes []Stroke) error {
	if len(strokes) > MaxStrokes {
		return &FieldError{"signature", fmt.Sprintf("The signature has too many strokes (at most %d).", MaxStrokes)}
	}
	n := 0
	for _, st := range strokes {
		n += len(st)
	}
	if n > MaxStrokePoints {
		return &FieldError{"signature", "The signature is too long: please sign once more, a little simpler."}
	}
	for _, st := range strokes {
		for _, p := range st {
			if err := CheckPoint(p.X, p.Y); err != nil {
				return err
			}
		}
	}
	return nil
}

// ErrNoSignature is the signing form's message for an empty pad or a lone dot.
var ErrNoSignature = &FieldError{"signature", "Please sign in the box."}

// HasInk reports whether strokes look like a signature rather than an
// empty pad or a stray dot: some line must travel a minimum distance.
func HasInk(strokes []Stroke) bool {
	var travelled float64
	for _, st := range strokes {
		for i := 1; i < len(st); i++ {
			dx, dy := float64(st[i].X-st[i-1].X), float64(st[i].Y-st[i-1].Y)
			travelled += math.Abs(dx) + math.Abs(dy)
		}
	}
	return travelled >= 30 // pad units: 3% of its width
}
