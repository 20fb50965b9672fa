package main

import (
	"fmt"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// parseAddresses reads --addresses; "" keeps the petition's setting.
func parseAddresses(s string) (petition.AddressMode, error) {
	if s == "" {
		return "", nil
	}
	m, err := petition.ParseAddressMode(s)
	if err != nil {
		return "", usageError{"--addresses must be full, town or town-country"}
	}
	return m, nil
}

// duplicatesError refuses a pack while possible duplicates would be
// counted twice in the number the letter gives the recipient.
type duplicatesError struct{ n int }

func (e duplicatesError) Error() string {
	what := fmt.Sprintf("%d possible duplicates (same name and postcode) are", e.n)
	if e.n == 1 {
		what = "1 possible duplicate (same name and postcode) is"
	}
	return what + " not reviewed yet, and the letter would count them twice: " +
		"decide with --duplicates keep (both count) or --duplicates strike (the later signature is struck as a duplicate)"
}

// dupsListed is how many pairs the refusal lists: a coordinator's
// million rows held 3,685, and a screenful more tells nothing the count
// does not.
const dupsListed = 20

// reviewDuplicates applies the --duplicates decision to the pairs not
// reviewed yet; without one it lists them on stderr by sheet and row
// (no names: the terminal's scrollback and logs must not hold them; the
// Sheets screen or `find` shows who they are) and refuses.
func reviewDuplicates(e *env, s *store.Store, pid, decision string) error {
	pairs, err := s.UnreviewedDuplicates(pid)
	if err != nil || len(pairs) == 0 {
		return err
	}
	switch decision {
	case "keep":
		return s.KeepDuplicates(pid, pairs)
	case "strike":
		return s.StrikeDuplicates(pairs)
	}
	if err := s.Audit(store.ActionDuplicates, map[string]any{"petition": pid, "count": len(pairs)}); err != nil {
		return err
	}
	for _, pr := range pairs[:min(len(pairs), dupsListed)] {
		fmt.Fprintf(e.stderr, "  sheet %d row %d and sheet %d row %d\n", pr.Earlier.Sheet, pr.Earlier.Row, pr.Later.Sheet, pr.Later.Row)
	}
	if more := len(pairs) - dupsListed; more > 0 {
		fmt.Fprintf(e.stderr, "  and %d more\n", more)
	}
	return duplicatesError{len(pairs)}
}
