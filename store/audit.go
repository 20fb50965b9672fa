package store

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"

	badger "github.com/dgraph-io/badger/v4"
)

// The audit log records who-did-what to personal data without holding
// any: when, which action, on which petition, how many rows. It lives in
// the database under its own prefix (a:, see keys.go), so a backup
// carries it and a restore brings it back.
//
//	a:<unix nanoseconds u64><sequence u32><random u32>   one entry (JSON), in time order

// Actions written to the audit log. Other packages may add their own
// (lower case words and dashes), but these are the ones the app writes.
const (
	ActionExport        = "export"           // a file left the app: details say its kind and whether it holds personal data
	ActionImport        = "import"           // a bundle or file came in
	ActionStrike        = "strike"           // a row was struck out
	ActionUnstrike      = "unstrike"         // a struck row counts again
	ActionErase         = "erase"            // one person's data erased on request (row struck as withdrawn)
	ActionRetention     = "retention"        // a petition's personal data erased because its retention time ran out
	ActionEraseNow      = "erase-now"        // a petition's personal data erased by hand before that
	ActionFind          = "find"             // someone searched for a person by name (the name is not kept)
	ActionPersonExport  = "export-person"    // one person's data written to a file
	ActionPurge         = "purge"            // old versions of erased data wiped from the database files
	ActionPurgeFailed   = "purge-failed"     // an erasure is saved, but wiping its old versions from the files failed
	ActionPassphrase    = "passphrase"       // the passphrase was changed or reset with the recovery key
	ActionRecoveryKey   = "recovery-key"     // a recovery key was made
	ActionBackup        = "backup"           // the whole database written to one file
	ActionRestore       = "restore"          // a backup loaded
	ActionDemo          = "demo"             // the example data created
	ActionPersonalPrint = "print-personal"   // signed sheets printed or exported as PDF
	ActionRetentionSet  = "retention-change" // a petition's retention period changed
	ActionDuplicates    = "view-duplicates"  // the list of possible duplicates (names and addresses) was shown
	ActionForgetKey     = "forget-key"       // a group's pinned bundle signing key was forgotten (its next bundle pins a new one)
	// ActionForgetCampaign: a campaign's pinned signing key was forgotten
	// (its next file pins a new one).
	ActionForgetCampaign = "forget-campaign-key"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	Time       time.Time      `json:"time"`
	Action     string         `json:"action"`
	PetitionID string         `json:"petition_id,omitempty"`
	Count      int            `json:"count"` // rows (signatures, sheets, pages) the action touched
	Details    map[string]any `json:"details,omitempty"`
}

var (
	auditAction = regexp.MustCompile(`^[a-z][a-z-]{0,31}$`)
	auditKey    = regexp.MustCompile(`^[a-z][a-z_]{0,31}$`)
)

// Details are for counts and kinds, never for people: a value must be a
// number, a boolean or a short string (at most this many characters), and
// callers must not pass names, addresses, emails, search text or file
// paths (a file name may itself hold a name).
const maxAuditText = 64

// Audit appends one entry to the audit log and syncs it. details may hold
// "petition" (a petition id, filed as PetitionID) and "count" (an int,
// filed as Count); the rest is kept as given after the checks above.
func (s *Store) Audit(action string, details map[string]any) (err error) {
	defer wrap(&err, "writing the audit log")
	e, err := s.newAuditEntry(action, details)
	if err != nil {
		return err
	}
	return s.update(func(txn *badger.Txn) error { return putAudit(txn, e) })
}

// newAuditEntry checks an entry's action and details.
func (s *Store) newAuditEntry(action string, details map[string]any) (AuditEntry, error) {
	e := AuditEntry{Time: s.now().UTC(), Action: action}
	if !auditAction.MatchString(action) {
		return e, fmt.Errorf("audit: %q is not an action name", action)
	}
	for k, v := range details {
		if !auditKey.MatchString(k) {
			return e, fmt.Errorf("audit: %q is not a detail name", k)
		}
		switch x := v.(type) {
		case int, int64, uint32, float64, bool:
		case string:
			if utf8.RuneCountInString(x) > maxAuditText {
				return e, fmt.Errorf("audit: the detail %q is too long for the audit log", k)
			}
		default:
			return e, fmt.Errorf("audit: the detail %q must be a number, a yes/no or a short word", k)
		}
		switch k {
		case "petition":
			e.PetitionID, _ = v.(string)
		case "count":
			e.Count, _ = v.(int)
		default:
			if e.Details == nil {
				e.Details = map[string]any{}
			}
			e.Details[k] = v
		}
	}
	return e, nil
}

// putAudit writes an entry inside a transaction, so an erasure and its
// entry commit together.
func putAudit(txn *badger.Txn, e AuditEntry) error {
	key := binary.BigEndian.AppendUint64([]byte(pfxAudit), uint64(e.Time.UnixNano()))
	key = binary.BigEndian.AppendUint32(key, auditSeq.Add(1)) // same instant: in the order written
	var r [4]byte
	rand.Read(r[:]) // and never the same key from two processes
	return setJSON(txn, append(key, r[:]...), e)
}

var auditSeq atomic.Uint32

// auditInTxn checks and writes an entry in txn.
func (s *Store) auditInTxn(txn *badger.Txn, action string, details map[string]any) error {
	e, err := s.newAuditEntry(action, details)
	if err != nil {
		return err
	}
	return putAudit(txn, e)
}

// auditRow records a strike or unstrike of one row once it succeeded
// (StrikeSignature and UnstrikeSignature call it; err is theirs).
func (s *Store) auditRow(err error, action, pid, reason string) error {
	if err != nil {
		return err
	}
	d := map[string]any{"petition": pid, "count": 1}
	if reason != "" {
		d["reason"] = reason
	}
	return s.Audit(action, d)
}

// AuditFilter narrows AuditEntries; the zero filter takes everything.
type AuditFilter struct {
	Since, Until time.Time // Until is exclusive; zero means open
	PetitionID   string
	Action       string
}

func (f AuditFilter) match(e *AuditEntry) bool {
	return (f.PetitionID == "" || e.PetitionID == f.PetitionID) &&
		(f.Action == "" || e.Action == f.Action)
}

// ForEachAudit streams the entries that pass f, oldest first.
func (s *Store) ForEachAudit(f AuditFilter, fn func(e AuditEntry) error) (err error) {
	defer wrap(&err, "reading the audit log")
	prefix := []byte(pfxAudit)
	var from []byte
	if !f.Since.IsZero() {
		from = binary.BigEndian.AppendUint64([]byte(pfxAudit), uint64(f.Since.UnixNano()))
	}
	return s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefix, from, func(_, v []byte) error {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("an audit entry is damaged: %w", err)
			}
			if !f.Until.IsZero() && !e.Time.Before(f.Until) {
				return errStop
			}
			if !f.match(&e) {
				return nil
			}
			return fn(e)
		})
	})
}

// AuditEntries returns up to limit entries that pass f, newest first
// (limit <= 0: all of them). This is the list the audit screen shows.
func (s *Store) AuditEntries(f AuditFilter, limit int) (_ []AuditEntry, err error) {
	defer wrap(&err, "reading the audit log")
	var list []AuditEntry
	err = s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Reverse = true
		opts.Prefix = []byte(pfxAudit)
		it := txn.NewIterator(opts)
		defer it.Close()
		seek := []byte(pfxAudit + "\xff")
		if !f.Until.IsZero() {
			seek = binary.BigEndian.AppendUint64([]byte(pfxAudit), uint64(f.Until.UnixNano()))
		}
		for it.Seek(seek); it.ValidForPrefix(opts.Prefix); it.Next() {
			var e AuditEntry
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
				return fmt.Errorf("an audit entry is damaged: %w", err)
			}
			if !f.Since.IsZero() && e.Time.Before(f.Since) {
				break
			}
			if (!f.Until.IsZero() && !e.Time.Before(f.Until)) || !f.match(&e) {
				continue
			}
			if list = append(list, e); limit > 0 && len(list) == limit {
				break
			}
		}
		return nil
	})
	return list, err
}

// DetailKeys returns an entry's detail names in order, for printing.
func (e AuditEntry) DetailKeys() []string {
	keys := make([]string, 0, len(e.Details))
	for k := range e.Details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// AuditExport records that a file left the app: its kind ("xlsx", "csv",
// "pdf-pack", "bundle", "backup", …), whether it holds personal data, how
// many signature rows it holds, and for which petitions (one entry; with
// several petitions only their number is kept). Exports call it once the
// file is written; never pass the file's name.
func (s *Store) AuditExport(kind string, personal bool, rows int, pids ...string) error {
	return s.Audit(ActionExport, fileDetails(kind, personal, rows, pids))
}

// AuditImport records that a file came in, in the same way.
func (s *Store) AuditImport(kind string, personal bool, rows int, pids ...string) error {
	return s.Audit(ActionImport, fileDetails(kind, personal, rows, pids))
}

func fileDetails(kind string, personal bool, rows int, pids []string) map[string]any {
	d := map[string]any{"kind": kind, "personal_data": personal, "count": rows}
	switch len(pids) {
	case 0:
	case 1:
		d["petition"] = pids[0]
	default:
		d["petitions"] = len(pids)
	}
	return d
}

// WriteAuditCSV writes entries as CSV (time, action, petition id,
// reference, count, details as JSON) for the audit screen's export and
// `petitiondesk audit --csv`; refs maps petition ids to references.
func WriteAuditCSV(w io.Writer, entries []AuditEntry, refs map[string]string) (err error) {
	defer wrap(&err, "writing the audit log as CSV")
	cw := csv.NewWriter(w)
	cw.Write([]string{"time", "action", "petition_id", "reference", "count", "details"})
	for _, a := range entries {
		var d []byte
		if len(a.Details) > 0 {
			d, _ = json.Marshal(a.Details)
		}
		cw.Write([]string{a.Time.Format(time.RFC3339), a.Action, a.PetitionID, refs[a.PetitionID], strconv.Itoa(a.Count), string(d)})
	}
	cw.Flush()
	return cw.Error()
}
