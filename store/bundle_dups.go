package store

import "github.com/google/uuid"

// dupFirsts is, for one import, the first signature id of each
// duplicate bucket met so far (see importer.firstDuplicate). It grows
// with the signers of a bundle, so it holds them compactly: per petition,
// the bucket's 12-byte hash and the id's 16 bytes (28 bytes a signer
// instead of about 130 for a map of strings: 100 MB less at a million);
// an id that is not a canonical UUID, which no Petition Desk writes but
// a bundle may hold, is kept as text.
type dupFirsts struct {
	byPetition map[string]map[[12]byte]uuid.UUID
	other      map[string]string // bucket → id, for ids that are not UUIDs
}

func newDupFirsts() *dupFirsts {
	return &dupFirsts{byPetition: map[string]map[[12]byte]uuid.UUID{}, other: map[string]string{}}
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
	u, ok := d.byPetition[pid][h]
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
	m := d.byPetition[pid]
	if m == nil {
		m = map[[12]byte]uuid.UUID{}
		d.byPetition[pid] = m
	}
	m[h] = u
}
