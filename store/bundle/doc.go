// Package bundle reads and writes Petition Desk bundles: the one file a
// local group sends to its coordinator (on a USB stick or by email) with
// its petitions, sheets, signatures and scanned pages, optionally
// encrypted with age to the coordinator's key or a passphrase.
//
// A bundle is a zip archive (see docs/BUNDLE-FORMAT.md): JSON Lines
// members for the records, one member per scanned page, and a manifest
// with the format version, the group of origin, counts and the SHA-256 of
// every member. The zip comment carries the SHA-256 of the whole file, so
// any changed byte is found before anything is imported, and the group's
// Ed25519 signature of that hash (sign.go): a bundle holds only records
// of the group whose key signed it.
//
// The package knows nothing of the database: it writes records it is
// given to an io.Writer and hands records read from a file to callbacks.
// store uses it to export and to import; it sits beside petition in the
// dependency order.
package bundle
