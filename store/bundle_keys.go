package store

import "encoding/binary"

// Keys of groups and bundles (see docs/BUNDLE-FORMAT.md). They start with
// "B" or "m:" so they never collide with the one-letter tables of doc.go:
//
//	m:group                          this database's own group (JSON groupRecord)
//	m:import                         the import in flight, if any (JSON importMarker)
//	Bg:<group id>                    a group known from bundles (JSON groupRecord)
//	Ba:<group id>:<petition id>      the snapshot held of that group's petition (JSON heldSnapshot)
//	Bn:<pid>:<group id>:<u32 n>      that group's sheet n is our sheet … (u32)
//	Bo:<pid>:<u32 local>             … and back: our sheet's origin (JSON sheetOrigin)
//	Bd:<pid>:<group id>              rows of that group flagged as duplicates here (u32)
//	Br:<bundle id>                   receipt of an imported bundle (JSON BundleReceipt)
//	Bk:<group id>                    that group's public signing key, pinned at its first import (JSON pinnedKey)
//	Bu:<import id>:<u32 seq>         undo records of the import in flight
var (
	keyOwnGroup     = []byte("m:group")
	keyImportMarker = []byte("m:import")
	prefixGroups    = []byte("Bg:")
	prefixReceipts  = []byte("Br:")
	prefixUndoAll   = []byte("Bu:")
)

func keyGroup(gid string) []byte          { return []byte("Bg:" + gid) }
func keyHeld(gid, pid string) []byte      { return []byte("Ba:" + gid + ":" + pid) }
func keyGroupDups(pid, gid string) []byte { return []byte("Bd:" + pid + ":" + gid) }
func keyReceipt(bid string) []byte        { return []byte("Br:" + bid) }
func keyPin(gid string) []byte            { return []byte("Bk:" + gid) }
func prefixUndo(iid string) []byte        { return []byte("Bu:" + iid + ":") }

func keySheetMap(pid, gid string, n int) []byte {
	return binary.BigEndian.AppendUint32([]byte("Bn:"+pid+":"+gid+":"), uint32(n))
}

func keySheetOrigin(pid string, local int) []byte {
	return binary.BigEndian.AppendUint32([]byte("Bo:"+pid+":"), uint32(local))
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
