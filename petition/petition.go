package petition

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Status is where a petition stands in its life.
type Status string

// The statuses of a petition, in the order they usually follow.
const (
	StatusDraft      Status = "draft"
	StatusCollecting Status = "collecting"
	StatusClosed     Status = "closed"
	StatusDelivered  Status = "delivered"
)

// Statuses lists every status, for choosers.
var Statuses = []Status{StatusDraft, StatusCollecting, StatusClosed, StatusDelivered}

// Languages the sheet labels can be printed in.
var Languages = []string{"en", "de", "fr"}

// Defaults for a new petition, as on the paper sheets groups use today.
const (
	DefaultRowsPerSheet  = 30
	DefaultRowsFirstPage = 3
	DefaultPostLeadDays  = 7
	// DefaultReturnMarginDays: a week to gather, scan and count the sheets.
	DefaultReturnMarginDays = 7
	// DefaultRetentionDays: personal data is deleted a month after delivery,
	// as the EU citizens' initiative rules do one month after submission.
	DefaultRetentionDays = 30
)

// Target is a person a petition is addressed to, e.g. a minister.
type Target struct {
	Name       string   `json:"name"`
	Title      string   `json:"title,omitempty"`
	Address    []string `json:"address,omitempty"` // postal address lines, in order
	Email      string   `json:"email,omitempty"`
	Salutation string   `json:"salutation,omitempty"` // e.g. "Dear Minister,"
	Language   string   `json:"language,omitempty"`   // preferred language of letters, e.g. "en", "ru"
}

// Petition is one case: a letter with demands to one or more targets, and
// the signatures collected for it.
type Petition struct {
	ID            string   `json:"id"`
	Reference     string   `json:"reference"` // e.g. "UA 147/20"
	Title         string   `json:"title"`
	Organisation  string   `json:"organisation"`
	SenderAddress []string `json:"sender_address,omitempty"` // return address printed on sheets
	// SenderName and SenderRole sign the cover letter, under a signature line.
	SenderName   string   `json:"sender_name,omitempty"`
	SenderRole   string   `json:"sender_role,omitempty"` // e.g. "Coordinator, local group Bern"
	Targets      []Target `json:"targets"`
	Letter       string   `json:"letter"`
	Demands      []string `json:"demands,omitempty"`
	Languages    []string `json:"languages"` // sheet label languages, e.g. ["de","fr"]
	Deadline     Date     `json:"deadline"`
	PostLeadDays int      `json:"post_lead_days"`
	// ReturnMarginDays is how long before the post-by date a blank sheet
	// asks to be returned, so the group can count it and post the pack.
	ReturnMarginDays int    `json:"return_margin_days"`
	RowsPerSheet     int    `json:"rows_per_sheet"`
	RowsFirstPage    int    `json:"rows_first_page"`
	Goal             int    `json:"goal"`
	PrivacyNotice    string `json:"privacy_notice,omitempty"`
	Status           Status `json:"status"`
	DeliveredOn      Date   `json:"delivered_on,omitempty"`
	RetentionDays    int    `json:"retention_days"` // signers' personal data is erased this many days after delivery
	Archived         bool   `json:"archived,omitempty"`
	// RecipientSees is what the pack shows the recipient of each signer.
	RecipientSees AddressMode `json:"recipient_sees,omitempty"`
	Created       time.Time   `json:"created"`
	Updated       time.Time   `json:"updated"`
}

// New returns a draft petition with the usual defaults filled in.
func New() *Petition {
	return &Petition{
		Languages:        []string{"en"},
		PostLeadDays:     DefaultPostLeadDays,
		ReturnMarginDays: DefaultReturnMarginDays,
		RowsPerSheet:     DefaultRowsPerSheet,
		RowsFirstPage:    DefaultRowsFirstPage,
		RetentionDays:    DefaultRetentionDays,
		RecipientSees:    DefaultAddressMode,
		Status:           StatusDraft,
	}
}

// UnmarshalJSON reads a petition. One written before petitions had a
// retention period (or by an older app, in a bundle) keeps personal data
// the default 30 days after delivery, rather than 0; one written before
// petitions said what the recipient sees shows the recipient the least;
// one without a return margin asks for sheets the default week early.
func (p *Petition) UnmarshalJSON(b []byte) error {
	type plain Petition // without this method
	v := plain{RetentionDays: DefaultRetentionDays, RecipientSees: DefaultAddressMode, ReturnMarginDays: DefaultReturnMarginDays}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Petition(v)
	return nil
}

// Petition field rules, exported as validators for the editor's entries.
var (
	ruleReference = textRule{field: "reference", label: "The reference", min: 1, max: 40}
	ruleTitle     = textRule{field: "title", label: "The title", min: 3, max: 200}
	ruleOrg       = textRule{field: "organisation", label: "The organisation", min: 2, max: 200}
	ruleLetter    = textRule{field: "letter", label: "The letter", min: 10, max: 20000, multiline: true}
	ruleDemand    = textRule{field: "demands", label: "A demand", min: 3, max: 600}
	rulePrivacy   = textRule{field: "privacy_notice", label: "The privacy notice", min: 0, max: 2000, multiline: true}
	ruleLine      = textRule{field: "address", label: "An address line", min: 1, max: 120}
	ruleTarget    = textRule{field: "target", label: "The target's name", min: 2, max: 120}
	ruleSalut     = textRule{field: "salutation", label: "The salutation", min: 0, max: 200}
	ruleSigner    = textRule{field: "sender_name", label: "The name under the letter", min: 0, max: 120}
	ruleRole      = textRule{field: "sender_role", label: "The role under the letter", min: 0, max: 120}
)

// ValidateReference checks a case reference such as "UA 147/20".
func ValidateReference(s string) error { return ruleReference.Func()(s) }

// ValidateTitle checks a petition title.
func ValidateTitle(s string) error { return ruleTitle.Func()(s) }

// ValidateOrganisation checks the organisation's name.
func ValidateOrganisation(s string) error { return ruleOrg.Func()(s) }

// ValidateLetter checks the letter text.
func ValidateLetter(s string) error { return ruleLetter.Func()(s) }

// ValidatePrivacyNotice checks the privacy notice printed on every sheet.
func ValidatePrivacyNotice(s string) error { return rulePrivacy.Func()(s) }

// ValidateSenderName checks the name that signs the cover letter (optional).
func ValidateSenderName(s string) error { return ruleSigner.Func()(s) }

// ValidateSenderRole checks the signer's role, e.g. "Coordinator" (optional).
func ValidateSenderRole(s string) error { return ruleRole.Func()(s) }

// ValidateTargetName checks a target's name.
func ValidateTargetName(s string) error { return ruleTarget.Func()(s) }

// ValidateIntRange returns a validator for a whole number between lo and hi.
func ValidateIntRange(field, label string, lo, hi int) func(string) error {
	return func(s string) error {
		var n int
		if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d", &n); err != nil || fmt.Sprint(n) != strings.TrimSpace(s) {
			return &FieldError{field, label + " must be a whole number."}
		}
		if n < lo || n > hi {
			return &FieldError{field, fmt.Sprintf("%s must be between %d and %d.", label, lo, hi)}
		}
		return nil
	}
}

// ValidateDeadline checks a deadline typed as YYYY-MM-DD or DD.MM.YYYY.
func ValidateDeadline(s string) error {
	if _, err := ParseDate(strings.TrimSpace(s)); err != nil {
		return &FieldError{"deadline", "Please enter the deadline as YYYY-MM-DD or DD.MM.YYYY."}
	}
	return nil
}

// Validate checks every field of the petition and returns a
// ValidationError listing all problems, or nil.
func (p *Petition) Validate() error {
	errs := []error{
		ruleReference.Func()(p.Reference), ruleTitle.Func()(p.Title),
		ruleOrg.Func()(p.Organisation), ruleLetter.Func()(p.Letter),
		rulePrivacy.Func()(p.PrivacyNotice), p.validateNumbers(),
		ruleSigner.Func()(p.SenderName), ruleRole.Func()(p.SenderRole),
		p.validateLanguages(), p.validateStatus(), p.validateRecipientSees(),
	}
	if p.Deadline.IsZero() {
		errs = append(errs, &FieldError{"deadline", "Please enter the deadline."})
	}
	if len(p.SenderAddress) > 8 {
		errs = append(errs, &FieldError{"sender_address", "The return address has more than 8 lines."})
	}
	for _, l := range p.SenderAddress {
		errs = append(errs, named("sender_address", ruleLine.Func()(l)))
	}
	errs = append(errs, p.validateDemands()...)
	errs = append(errs, p.validateTargets()...)
	return collect(errs...)
}

func (p *Petition) validateNumbers() error {
	checks := []struct {
		v       int
		f       func(string) error
		allowed bool
	}{
		{p.PostLeadDays, ValidateIntRange("post_lead_days", "Days for the post", 0, 90), true},
		{p.ReturnMarginDays, ValidateIntRange("return_margin_days", "Days to return sheets before the post", 0, 60), true},
		{p.RowsPerSheet, ValidateIntRange("rows_per_sheet", "Rows per sheet", 5, 60), true},
		{p.RowsFirstPage, ValidateIntRange("rows_first_page", "Rows under the letter", 0, 10), true},
		{p.Goal, ValidateIntRange("goal", "The goal", 0, 10_000_000), true},
		{p.RetentionDays, ValidateIntRange("retention_days", "Days to keep personal data after delivery", 0, 3650), true},
	}
	for _, c := range checks {
		if err := c.f(fmt.Sprint(c.v)); err != nil {
			return err
		}
	}
	if p.RowsFirstPage >= p.RowsPerSheet {
		return &FieldError{"rows_first_page", "Rows under the letter must be fewer than the rows per sheet."}
	}
	return nil
}

func (p *Petition) validateLanguages() error {
	if len(p.Languages) == 0 {
		return &FieldError{"languages", "Choose at least one language for the sheet labels."}
	}
	for _, l := range p.Languages {
		if !slices.Contains(Languages, l) {
			return &FieldError{"languages", fmt.Sprintf("Sheet labels can be printed in %s, not %q.", strings.Join(Languages, ", "), l)}
		}
	}
	return nil
}

func (p *Petition) validateRecipientSees() error {
	if _, err := ParseAddressMode(string(p.RecipientSees)); err != nil {
		return err
	}
	return nil
}

func (p *Petition) validateStatus() error {
	if !slices.Contains(Statuses, p.Status) {
		return &FieldError{"status", fmt.Sprintf("Unknown status %q.", p.Status)}
	}
	return nil
}

func (p *Petition) validateDemands() []error {
	if len(p.Demands) > 20 {
		return []error{&FieldError{"demands", "A petition may list at most 20 demands."}}
	}
	var errs []error
	for _, d := range p.Demands {
		errs = append(errs, ruleDemand.Func()(d))
	}
	return errs
}

func (p *Petition) validateTargets() []error {
	if len(p.Targets) == 0 {
		return []error{&FieldError{"targets", "Add at least one target: who is the petition addressed to?"}}
	}
	if len(p.Targets) > 10 {
		return []error{&FieldError{"targets", "A petition may have at most 10 targets."}}
	}
	var errs []error
	for _, t := range p.Targets {
		errs = append(errs, t.Validate())
	}
	return errs
}

// Validate checks a target's fields.
func (t Target) Validate() error {
	errs := []error{
		ruleTarget.Func()(t.Name), named("target_title", ValidateShortText(t.Title)),
		ValidateEmail(t.Email), ruleSalut.Func()(t.Salutation),
	}
	if len(t.Address) > 8 {
		errs = append(errs, &FieldError{"address", "A postal address has at most 8 lines."})
	}
	for _, l := range t.Address {
		errs = append(errs, ruleLine.Func()(l))
	}
	if t.Language != "" && (len(t.Language) < 2 || len(t.Language) > 8) {
		errs = append(errs, &FieldError{"language", "Write the language as a code such as en, de, fr or ru."})
	}
	if err := collect(errs...); err != nil {
		return err.(ValidationError)[0]
	}
	return nil
}
