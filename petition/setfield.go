package petition

import (
	"fmt"
	"strconv"
	"strings"
)

// SetFields lists the fields SetField knows, in the names petition files
// and the JSON use.
var SetFields = []string{"reference", "title", "organisation", "letter", "deadline", "goal",
	"post_lead_days", "rows_per_sheet", "rows_first_page", "retention_days", "privacy_notice",
	"status", "recipient_sees", "languages", "demands", "sender_address", "targets"}

// SetField sets one field from text, as a command line gives it: lists
// are separated by "|" (languages also by ","); "targets" sets the
// targets' names, keeping what is known of a target whose name stays.
// It checks the value's form only; Validate checks the petition as a whole.
func (p *Petition) SetField(field, value string) error {
	switch field {
	case "reference", "title", "organisation", "letter", "privacy_notice":
		*p.textField(field) = value
	case "deadline":
		d, err := ParseDate(strings.TrimSpace(value))
		if err != nil {
			return &FieldError{field, "Please enter the deadline as YYYY-MM-DD or DD.MM.YYYY."}
		}
		p.Deadline = d
	case "goal", "post_lead_days", "rows_per_sheet", "rows_first_page", "retention_days":
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil {
			return &FieldError{field, fmt.Sprintf("%q is not a whole number.", value)}
		}
		*p.intField(field) = n
	case "status":
		p.Status = Status(strings.TrimSpace(value))
	case "recipient_sees":
		p.RecipientSees = AddressMode(strings.TrimSpace(value))
	case "languages":
		p.Languages = splitList(strings.ReplaceAll(value, ",", "|"))
	case "demands":
		p.Demands = splitList(value)
	case "sender_address":
		p.SenderAddress = splitList(value)
	case "targets":
		p.setTargetNames(splitList(value))
	default:
		return &FieldError{field, fmt.Sprintf("Unknown field %q: the fields are %s.", field, strings.Join(SetFields, ", "))}
	}
	return nil
}

func (p *Petition) textField(field string) *string {
	return map[string]*string{"reference": &p.Reference, "title": &p.Title, "organisation": &p.Organisation,
		"letter": &p.Letter, "privacy_notice": &p.PrivacyNotice}[field]
}

func (p *Petition) intField(field string) *int {
	return map[string]*int{"goal": &p.Goal, "post_lead_days": &p.PostLeadDays, "rows_per_sheet": &p.RowsPerSheet,
		"rows_first_page": &p.RowsFirstPage, "retention_days": &p.RetentionDays}[field]
}

func (p *Petition) setTargetNames(names []string) {
	known := map[string]Target{}
	for _, t := range p.Targets {
		known[t.Name] = t
	}
	p.Targets = nil
	for _, n := range names {
		t, ok := known[n]
		if !ok {
			t = Target{Name: n}
		}
		p.Targets = append(p.Targets, t)
	}
}

// splitList splits a "|"-separated list (the command line's form).
func splitList(s string) []string { return SplitList(s, "|") }

// SplitList splits a list typed as text at sep ("|" on the command line,
// a new line in the window), trimming each item and dropping empty ones.
func SplitList(s, sep string) []string {
	var out []string
	for _, item := range strings.Split(s, sep) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
