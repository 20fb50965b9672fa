// Package store keeps Petition Desk's data in one embedded Badger database:
// petitions, sheets, signatures, scanned pages and counters.
//
// Key scheme (all keys start with a one-letter table and a colon):
//
//	m:schema                       schema version (uint32, big-endian)
//	p:<petition id>                petition (JSON)
//	c:<petition id>                counters: totals, next sheet number, open sheet
//	s:<petition id>:<sheet u32>    sheet (JSON), ordered by number
//	g:<petition id>:<sheet u32><row u32>  signature (JSON), ordered by sheet and row
//	i:<signature id>               the signature's g: key, for SignatureByID
//	d:<petition id>:<hash>:<sig id>  duplicate index; the hash hides the name
//	k:<petition id>:<later sig id>:<earlier sig id>  a possible duplicate
//	                               reviewed and kept (ids only, no personal data)
//
// A sheet's signatures, a petition's sheets and its totals are each one
// prefix scan or one read: nothing walks the whole database. Every write
// that changes a count updates the counters in the same transaction.
package store
