// Package store keeps Petition Desk's data in one embedded Badger database:
// petitions, sheets, signatures, scanned pages and counters.
//
// Key scheme: every key starts with a short prefix naming what it holds
// (p:<petition id> a petition, g:<petition id>:<sheet><row> a signature,
// img: a scanned page, B…: what came from bundles, m:… single records).
// keys.go declares every prefix in one table, with what it holds and
// whether it holds personal data; erasure and purge go by that table, and
// the tests fail on a key under a prefix it does not declare.
//
// A sheet's signatures, a petition's sheets and its totals are each one
// prefix scan or one read: nothing walks the whole database. Every write
// that changes a count updates the counters in the same transaction.
//
// Errors: an exported method's error says which operation failed
// ("store: saving a signature: …", see wrap in errors.go); the cause
// stays reachable, so errors.Is and errors.As find the sentinels there and
// Badger's or the system's errors. Only ids go into that text, never a
// signer's data. The window (ui/feedback.go) and the command line
// (cmd/petitiondesk/errors.go) word the causes a user can fix.
package store
