package store

import (
	"crypto/sha256"
	"encoding/binary"
)

var keySchema = []byte("m:schema")

func keyPetition(pid string) []byte  { return []byte("p:" + pid) }
func keyCounters(pid string) []byte  { return []byte("c:" + pid) }
func prefixSheets(pid string) []byte { return []byte("s:" + pid + ":") }
func prefixSigs(pid string) []byte   { return []byte("g:" + pid + ":") }
func keySigIndex(id string) []byte   { return []byte("i:" + id) }

func keySheet(pid string, n int) []byte {
	return binary.BigEndian.AppendUint32(prefixSheets(pid), uint32(n))
}

func prefixSheetSigs(pid string, sheet int) []byte {
	return binary.BigEndian.AppendUint32(prefixSigs(pid), uint32(sheet))
}

func keySig(pid string, sheet, row int) []byte {
	return binary.BigEndian.AppendUint32(prefixSheetSigs(pid, sheet), uint32(row))
}

// prefixDup is the duplicate index of one person. The folded name is
// hashed so no name appears in a key (keys show up in diagnostics).
func prefixDup(pid, dupKey string) []byte {
	h := sha256.Sum256([]byte(dupKey))
	return append(append([]byte("d:"+pid+":"), h[:12]...), ':')
}

// keyKeptPair records that the user reviewed a possible duplicate and
// kept both rows, so the pack does not ask again. It holds two signature
// ids and nothing else: no personal data.
func keyKeptPair(pid, later, earlier string) []byte {
	return []byte("k:" + pid + ":" + later + ":" + earlier)
}

// keyGroupKey holds this database's group signing key (the 32-byte
// Ed25519 seed): a secret, not personal data. Whoever has it can write
// bundles in the group's name, so it lives only in the database (which is
// encrypted when the database has a passphrase) and never leaves it: not
// in bundles, not in exports, only in full backups.
var keyGroupKey = []byte("m:groupkey")

// keyTombstone marks a signature id erased here (e:<signature id>, empty
// value): no personal data, only the random id, so an import never brings
// an erased signer back (see privacy_erase.go, bundle_merge.go).
func keyTombstone(sigID string) []byte { return []byte("e:" + sigID) }
