package store

import (
	"bytes"
	"slices"

	"github.com/google/uuid"
)

// dupFirsts is, for one import, the first signature id of each
// duplicate bucket met so far (see importer.firstDuplicate). It grows
// with the signers of a bundle, so it holds them compactly: per petition,
// the bucket's 12-byte hash and the id's 16 bytes, 28 bytes a signer in
// sorted runs (a Go map of the same entries took 68 bytes a signer: 68 MB
// of a million-signature import). An id that is not a canonical UUID,
// which no Petition Desk writes but a bundle may hold, is kept as text.
type dupFirsts struct {
	byPetition map[string]*firstRuns
	other      map[string]string // bucket → id, for ids that are not UUIDs
}

// firstRuns holds one petition's first signers: the latest few in a map,
// the rest in sorted runs. Runs of equal length are merged up to
// maxFirstRun entries, so a lookup searches a handful of them.
type firstRuns struct {
	recent map[[12]byte]uuid.UUID
	runs   [][]firstEntry
}

type firstEntry struct {
	h  [12]byte
	id uuid.UUID
}

const (
	recentFirsts = 1 << 14 // entries in the map before they become a run
	maxFirstRun  = 1 << 18 // longest run made by merging (7 MB)
)

func newDupFirsts() *dupFirsts {
	return &dupFirsts{byPetition: map[string]*firstRuns{}, other: map[string]string{}}
}

// split takes a bucket ("d:<pid>:<12-byte hash>:", see prefixDup) apart.
func splitBucket(bucket []byte) (pid string, h [12]byte, ok bool) {
	n := len(bucket)
	if n < 2+len(h)+2 || bucket[n-1] != ':' || bucket[n-len(h)-2] != ':' {
		return "", h, false
	}
	copy(h[:], bucket[n-len(h)-1:n-1])
	return string(bucket[len(pfxDups) : n-len(h)-2]), h, true
}

func (d *dupFirsts) get(bucket []byte) (string, bool) {
	if id, ok := d.other[string(bucket)]; ok {
		return id, true
	}
	pid, h, ok := splitBucket(bucket)
	if !ok {
		return "", false
	}
	f := d.byPetition[pid]
	if f == nil {
		return "", false
	}
	u, ok := f.get(h)
	if !ok {
		return "", false
	}
	return u.String(), true
}

func (d *dupFirsts) put(bucket []byte, id string) {
	pid, h, ok := splitBucket(bucket)
	u, err := uuid.Parse(id)
	if !ok || err != nil || u.String() != id {
		d.other[string(bucket)] = id
		return
	}
	f := d.byPetition[pid]
	if f == nil {
		f = &firstRuns{recent: map[[12]byte]uuid.UUID{}}
		d.byPetition[pid] = f
	}
	f.put(h, u)
}

func (f *firstRuns) get(h [12]byte) (uuid.UUID, bool) {
	if u, ok := f.recent[h]; ok {
		return u, true
	}
	for _, run := range f.runs {
		i, found := slices.BinarySearchFunc(run, h, compareFirst)
		if found {
			return run[i].id, true
		}
	}
	return uuid.UUID{}, false
}

// put records h's first signer; callers put a hash at most once.
func (f *firstRuns) put(h [12]byte, u uuid.UUID) {
	f.recent[h] = u
	if len(f.recent) < recentFirsts {
		return
	}
	run := make([]firstEntry, 0, len(f.recent))
	for h, u := range f.recent {
		run = append(run, firstEntry{h, u})
	}
	slices.SortFunc(run, func(a, b firstEntry) int { return bytes.Compare(a.h[:], b.h[:]) })
	clear(f.recent)
	f.runs = append(f.runs, run)
	f.merge()
}

// merge joins the last two runs while they are of a length and short.
func (f *firstRuns) merge() {
	for n := len(f.runs); n >= 2; n = len(f.runs) {
		a, b := f.runs[n-2], f.runs[n-1]
		if len(a) != len(b) || len(a)+len(b) > maxFirstRun {
			return
		}
		m := make([]firstEntry, 0, len(a)+len(b))
		for len(a) > 0 && len(b) > 0 {
			if bytes.Compare(a[0].h[:], b[0].h[:]) < 0 {
				m, a = append(m, a[0]), a[1:]
			} else {
				m, b = append(m, b[0]), b[1:]
			}
		}
		m = append(append(m, a...), b...)
		f.runs = append(f.runs[:n-2], m)
	}
}

func compareFirst(e firstEntry, h [12]byte) int { return bytes.Compare(e.h[:], h[:]) }
