package store

import (
	"crypto/sha256"
	"encoding/binary"
)

// The key scheme. Every key in the database starts with one of the
// prefixes below, and the table prefixes says what each holds and whether
// it holds personal data. Erasing a petition's personal data
// (privacy_erase.go) and purging the files of what was erased
// (privacy_purge.go) go by the table, so a new prefix that holds personal
// data is erased and purged once it is declared here as such. The store's
// tests fail on any key under a prefix missing from the table
// (keys_test.go): add a prefix here, never as a literal elsewhere.
//
// <pid> is a petition id, <gid> a group id, <u32> a big-endian uint32.
const (
	pfxSchema    = "m:schema"   // exact key
	pfxOwnGroup  = "m:group"    // exact key
	pfxGroupKey  = "m:groupkey" // exact key
	pfxImport    = "m:import"   // exact key
	pfxPurge     = "m:purge"    // exact key
	pfxShare     = "m:share"    // exact key
	pfxUnpurged  = "m:unpurged" // exact key
	pfxPurgeLow  = "\x00purge"  // exact key
	pfxPurgeHigh = "\xffpurge"  // exact key
	pfxPetition  = "p:"
	pfxCounters  = "c:"
	pfxSheets    = "s:"
	pfxSigs      = "g:"
	pfxSigIndex  = "i:"
	pfxDups      = "d:"
	pfxKeptPair  = "k:"
	pfxTombstone = "e:"
	pfxAudit     = "a:"
	pfxErasedAt  = "r:"
	pfxImages    = "img:"
	pfxScanMeta  = "scn:"
	pfxGroups    = "Bg:"
	pfxHeld      = "Ba:"
	pfxSheetMap  = "Bn:"
	pfxOrigin    = "Bo:"
	pfxGroupDups = "Bd:"
	pfxReceipts  = "Br:"
	pfxPins      = "Bk:"
	pfxUndo      = "Bu:"
	pfxCampaigns = "Bc:"
	pfxFolder    = "Bf:"
)

// personal says whether a prefix's keys hold personal data (what names
// or identifies a signer, even by a hash of name and postcode) and what
// erasing a petition's personal data does to them.
type personal int

const (
	notPersonal personal = iota // nothing that names a signer: kept
	// The petition's keys (<prefix><pid>:…) are kept, with their personal
	// fields removed (scrubRows: the signature rows only).
	personalScrub
	// The petition's keys (<prefix><pid>:…) are deleted.
	personalDelete
	// Personal while it lives; the operation that writes it deletes it
	// (an import's undo records). Purge checks no old version is left.
	personalTransient
)

// keyPrefix is one line of the table.
type keyPrefix struct {
	prefix string
	exact  bool   // the prefix is the whole key
	rest   string // the key after the prefix
	holds  string // the value
	data   personal
}

// prefixes is every prefix of the database; see the top of this file.
var prefixes = []keyPrefix{
	{pfxSchema, true, "", "schema version (u32)", notPersonal},
	{pfxOwnGroup, true, "", "this database's own group (JSON groupRecord)", notPersonal},
	{pfxGroupKey, true, "", "this group's signing key (Ed25519 seed): a secret, never in bundles", notPersonal},
	{pfxImport, true, "", "the import in flight, if any (JSON importMarker)", notPersonal},
	{pfxPurge, true, "", "a marker dropped to flush the memtables (purge, import)", notPersonal},
	{pfxShare, true, "", "the shared folder this group's bundle is written to daily (JSON SharedFolder)", notPersonal},
	{pfxUnpurged, true, "", "a purge failed: the next start purges again", notPersonal},
	{pfxPurgeLow, true, "", "purge's marker below every key, written and deleted", notPersonal},
	{pfxPurgeHigh, true, "", "purge's marker above every key, written and deleted", notPersonal},
	{pfxPetition, false, "<pid>", "petition (JSON)", notPersonal},
	{pfxCounters, false, "<pid>", "counters: totals, next sheet number, open sheet (JSON)", notPersonal},
	{pfxSheets, false, "<pid>:<u32 sheet>", "sheet (JSON), ordered by number", notPersonal},
	{pfxSigs, false, "<pid>:<u32 sheet><u32 row>", "signature (JSON): name, address, email, drawn signature", personalScrub},
	{pfxSigIndex, false, "<signature id>", "the signature's g: key, for SignatureByID", notPersonal},
	{pfxDups, false, "<pid>:<hash of name and postcode>:<signature id>", "duplicate index (empty)", personalDelete},
	{pfxKeptPair, false, "<pid>:<later id>:<earlier id>", "a possible duplicate reviewed and kept (empty)", notPersonal},
	{pfxTombstone, false, "<signature id>", "a signature erased here, so no import brings it back (empty)", notPersonal},
	{pfxAudit, false, "<u64 unix ns><u32 seq><u32 random>", "audit entry (JSON): actions and counts, no names", notPersonal},
	{pfxErasedAt, false, "<pid>", "when the petition's personal data was last erased (JSON erasedMark)", notPersonal},
	{pfxImages, false, "<pid>:<u32 sheet><u32 page>[<u32 chunk>]", "scanned page image (JPEG, in chunks)", personalDelete},
	{pfxScanMeta, false, "<pid>:<u32 sheet><u32 page>", "what was read from a page: count, confidence, digest (JSON ScanPage)", notPersonal},
	{pfxGroups, false, "<gid>", "a group known from bundles (JSON groupRecord)", notPersonal},
	{pfxHeld, false, "<gid>:<pid>", "the snapshot held of that group's petition (JSON heldSnapshot)", notPersonal},
	{pfxSheetMap, false, "<pid>:<gid>:<u32 n>", "that group's sheet n is our sheet … (u32)", notPersonal},
	{pfxOrigin, false, "<pid>:<u32 local>", "… and back: our sheet's origin (JSON sheetOrigin)", notPersonal},
	{pfxGroupDups, false, "<pid>:<gid>", "rows of that group flagged as duplicates here (u32)", notPersonal},
	{pfxReceipts, false, "<bundle id>", "receipt of an imported bundle (JSON BundleReceipt)", notPersonal},
	{pfxPins, false, "<gid>", "that group's public key, pinned at its first import (JSON pinnedKey)", notPersonal},
	{pfxUndo, false, "<import id>:<u32 seq>", "undo records of the import in flight: rows as they were", personalTransient},
	{pfxCampaigns, false, "<campaign id>", "a campaign's signing key, pinned at its first file, and its petition here (JSON campaignPin)", notPersonal},
	{pfxFolder, false, "<sha256 of a bundle file, hex>", "a bundle file imported from a folder (JSON folderFile)", notPersonal},
}

// purgeChecks are the prefixes under which no old version may be left
// once a petition's personal data is erased and purged; those of every
// petition for pid "".
func purgeChecks(pid string) [][]byte {
	var out [][]byte
	for _, k := range prefixes {
		switch {
		case k.data != personalScrub && k.data != personalDelete:
		case pid == "":
			out = append(out, []byte(k.prefix))
		default:
			out = append(out, petitionPrefix(k.prefix, pid))
		}
	}
	return out
}

// transientPrefixes are the prefixes whose keys hold personal data only
// while an operation runs; every purge checks none is left behind.
func transientPrefixes() [][]byte {
	var out [][]byte
	for _, k := range prefixes {
		if k.data == personalTransient {
			out = append(out, []byte(k.prefix))
		}
	}
	return out
}

// petitionPrefix is <prefix><pid>: — every key of one petition under a
// prefix whose keys start with the petition's id.
func petitionPrefix(prefix, pid string) []byte { return []byte(prefix + pid + ":") }

var (
	keySchema       = []byte(pfxSchema)
	keyOwnGroup     = []byte(pfxOwnGroup)
	keyImportMarker = []byte(pfxImport)
	keyPurge        = []byte(pfxPurge)
	// keyUnpurged marks a purge that failed, so the next start (and the
	// hourly retention run) purges again; not under keyPurge, which
	// purge's step 2 drops.
	keyUnpurged = []byte(pfxUnpurged)
	purgeMarks  = [][]byte{[]byte(pfxPurgeLow), []byte(pfxPurgeHigh)} // see Purge, step 2
	// keyGroupKey holds this database's group signing key (the 32-byte
	// Ed25519 seed): a secret, not personal data. Whoever has it can write
	// bundles in the group's name, so it lives only in the database (which
	// is encrypted when the database has a passphrase) and never leaves
	// it: not in bundles, not in exports, only in full backups.
	keyGroupKey = []byte(pfxGroupKey)
)

func keyPetition(pid string) []byte  { return []byte(pfxPetition + pid) }
func keyCounters(pid string) []byte  { return []byte(pfxCounters + pid) }
func prefixSheets(pid string) []byte { return petitionPrefix(pfxSheets, pid) }
func prefixSigs(pid string) []byte   { return petitionPrefix(pfxSigs, pid) }
func keySigIndex(id string) []byte   { return []byte(pfxSigIndex + id) }
func prefixDups(pid string) []byte   { return petitionPrefix(pfxDups, pid) }
func keyErasedAt(pid string) []byte  { return []byte(pfxErasedAt + pid) }

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
	return append(append(prefixDups(pid), h[:12]...), ':')
}

// keyKeptPair records that the user reviewed a possible duplicate and
// kept both rows, so the pack does not ask again. It holds two signature
// ids and nothing else: no personal data.
func keyKeptPair(pid, later, earlier string) []byte {
	return []byte(pfxKeptPair + pid + ":" + later + ":" + earlier)
}

// keyTombstone marks a signature id erased here (e:<signature id>, empty
// value): no personal data, only the random id, so an import never brings
// an erased signer back (see privacy_erase.go, bundle_merge.go).
func keyTombstone(sigID string) []byte { return []byte(pfxTombstone + sigID) }

// Scanned pages (see scans.go).

func prefixScanImages(pid string, sheet int) []byte {
	return binary.BigEndian.AppendUint32(petitionPrefix(pfxImages, pid), uint32(sheet))
}

func keyScanImage(pid string, sheet, page int) []byte {
	return binary.BigEndian.AppendUint32(prefixScanImages(pid, sheet), uint32(page))
}

func prefixScanMetas(pid string, sheet int) []byte {
	return binary.BigEndian.AppendUint32(petitionPrefix(pfxScanMeta, pid), uint32(sheet))
}

func keyScanMeta(pid string, sheet, page int) []byte {
	return binary.BigEndian.AppendUint32(prefixScanMetas(pid, sheet), uint32(page))
}

// Groups and bundles (see docs/BUNDLE-FORMAT.md).

func keyGroup(gid string) []byte          { return []byte(pfxGroups + gid) }
func keyHeld(gid, pid string) []byte      { return []byte(pfxHeld + gid + ":" + pid) }
func keyGroupDups(pid, gid string) []byte { return []byte(pfxGroupDups + pid + ":" + gid) }
func prefixGroupDups(pid string) []byte   { return petitionPrefix(pfxGroupDups, pid) }
func keyReceipt(bid string) []byte        { return []byte(pfxReceipts + bid) }
func keyPin(gid string) []byte            { return []byte(pfxPins + gid) }
func prefixUndo(iid string) []byte        { return []byte(pfxUndo + iid + ":") }
func keyCampaign(cid string) []byte       { return []byte(pfxCampaigns + cid) }
func keyFolderFile(sum string) []byte     { return []byte(pfxFolder + sum) }

func keySheetMap(pid, gid string, n int) []byte {
	return binary.BigEndian.AppendUint32([]byte(pfxSheetMap+pid+":"+gid+":"), uint32(n))
}

func keySheetOrigin(pid string, local int) []byte {
	return binary.BigEndian.AppendUint32(petitionPrefix(pfxOrigin, pid), uint32(local))
}

func keyUndo(iid string, seq int) []byte {
	return binary.BigEndian.AppendUint32(prefixUndo(iid), uint32(seq))
}

func u32(n int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(n)) }

func readU32(b []byte) int {
	if len(b) != 4 {
		return 0
	}
	return int(binary.BigEndian.Uint32(b))
}
