package store

import (
	"strings"
	"sync/atomic"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Privacy by default, in the store (see the README's "Privacy" section):
//
//   - audit.go: a log of exports, imports, erasures and strikes, with
//     counts and no personal data;
//   - privacy_find.go: search one person by name across petitions;
//   - privacy_erase.go: erase one person, or a petition's personal data,
//     and purge the old versions from the database files;
//   - privacy_export.go: one person's data as a file (right of access);
//   - retention.go: "delete personal data N days after delivery";
//   - passphrase.go: change the passphrase without rewriting the data,
//     and an optional recovery key.

// DemoPersonalData returns the personal data CreateDemo writes (names,
// streets, the email), so tests can search output, logs and files for it.
func DemoPersonalData() []string {
	var out []string
	for _, d := range demoSigners {
		out = append(out, d.name, d.street)
	}
	for i := len(demoSigners); i < 36; i++ {
		out = append(out, demoFirst[i%len(demoFirst)]+" "+demoLast[(i*7)%len(demoLast)])
	}
	return append(out, "anna.schmid@example.org")
}

// personalFields lists a signature's fields that name its signer, for
// checks that they are empty after an erasure.
func personalFields(sig *petition.Signature) []string {
	return []string{sig.Name, sig.Address.Street, sig.Address.Postcode, sig.Address.City, sig.Address.Country, sig.Email}
}

// IsNew reports whether the database holds no petition yet: the moment
// to tell a user that it is not encrypted.
func (s *Store) IsNew() bool {
	empty := true
	s.db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte(pfxPetition), nil, func(_, _ []byte) error {
			empty = false
			return errStop
		})
	})
	return empty
}

// verboseLog passes Badger's info and debug messages to the log too (see
// SetVerboseLog). Even then no personal data is logged: Badger names
// files, sizes and keys, and no key holds a name (see keys.go).
var verboseLog atomic.Bool

// SetVerboseLog turns the most verbose logging on or off
// (PETITIONDESK_LOG=debug on the command line).
func SetVerboseLog(on bool) { verboseLog.Store(on) }

// PersonalDataWarning is what the app asks before it writes a file that
// holds signers' personal data.
const PersonalDataWarning = "This file will hold signers' names and addresses: " +
	"keep it as safe as the laptop, give it only to whom it is meant for, and delete it when it is no longer needed. Write it?"

// SuggestedFileName is the default name of an export: what it is, then
// "personal data" when it holds any (so the name itself warns whoever
// finds the file), and the day, e.g. "UA 147-20 signatures personal data
// 2025-01-10.xlsx". Characters that file systems refuse become dashes.
func SuggestedFileName(what string, personal bool, day time.Time, ext string) string {
	name := what
	if personal {
		name += " personal data"
	}
	name += " " + day.Format("2006-01-02")
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, name)
	return clean + "." + strings.TrimPrefix(ext, ".")
}
