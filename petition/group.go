package petition

import "time"

// The coordinator's view of local groups. The store computes these from
// bundles; the Excel summary, the window and the command line show them.
// They live here, in the domain, so that export can read them without
// importing store.

// GroupInfo is one line of the coordinator's list of groups.
type GroupInfo struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Own        bool      `json:"own"` // this database's own group
	Bundles    int       `json:"bundles"`
	LastImport time.Time `json:"last_import,omitempty"`
	LastBundle string    `json:"last_bundle,omitempty"`
	// Fingerprint is the group's signing key's (bundle.Fingerprint): this
	// database's own, or the one pinned at the group's first import.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// GroupTotals are one petition's counts for one group of origin.
type GroupTotals struct {
	GroupID   string `json:"group_id"`
	GroupName string `json:"group_name"`
	Own       bool   `json:"own"`
	Sheets    int    `json:"sheets"`
	Totals
}
