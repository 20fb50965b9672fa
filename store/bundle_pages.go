package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"

	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// pages writes the scanned pages of a petition's own paper sheets (see
// scans.go).
func (ex *exporter) pages(pid string) error {
	for _, sh := range ex.paper[pid] {
		group, number := ex.own.ID, sh
		var metas []ScanPage
		err := scan(ex.txn, prefixScanMetas(pid, sh), nil, func(_, v []byte) error {
			var pg ScanPage
			err := json.Unmarshal(v, &pg)
			metas = append(metas, pg)
			return err
		})
		if err != nil {
			return err
		}
		for _, pg := range metas {
			img, err := readImage(ex.txn, keyScanImage(pid, sh, pg.Page))
			if err != nil {
				return err
			}
			err = ex.bw.AddPage(bundle.Page{PetitionID: pid, Group: group, Sheet: number, Page: pg.Page,
				ContentType: "image/jpeg", Count: pg.Count, Confidence: pg.Confidence, Manual: pg.Manual,
				Digest: pg.Digest, Width: pg.Width, Height: pg.Height, Scanned: pg.Scanned}, img)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// page stores a scanned page of an imported sheet: a page not held yet,
// or a different one from a newer snapshot of its group.
func (im *importer) page(p bundle.Page, img []byte) error {
	if p.Group == im.own {
		return im.tick()
	}
	pl := im.sheets[sheetKey{p.PetitionID, p.Group, p.Sheet}]
	metaKey := keyScanMeta(p.PetitionID, pl.local, p.Page)
	oldMeta, held, err := im.raw(metaKey)
	if err != nil {
		return err
	}
	pg := ScanPage{Page: p.Page, Count: p.Count, Confidence: p.Confidence, Manual: p.Manual, Digest: p.Digest,
		Width: p.Width, Height: p.Height, Bytes: len(img), Scanned: p.Scanned}
	meta, _ := json.Marshal(pg)
	imgKey := keyScanImage(p.PetitionID, pl.local, p.Page)
	if held {
		// A page held here whose image is gone was erased here (erasure
		// keeps what was read, deletes the image): it stays erased.
		if _, has, err := im.raw(imgKey); err != nil {
			return err
		} else if !has {
			im.rep.PagesErasedHere++
			return im.tick()
		}
	}
	if held && (!im.newer[[2]string{p.Group, p.PetitionID}] || bytes.Equal(meta, oldMeta)) {
		return im.tick()
	}
	old, err := im.imageChunks(imgKey)
	if err != nil {
		return err
	}
	size := 1 << 20
	if im.s.db.Opts().InMemory {
		size = 60 << 10 // as putImage: under the value threshold
	}
	for i := 0; i*size < len(img); i++ {
		k := imgKey
		if i > 0 {
			k = binary.BigEndian.AppendUint32(bytes.Clone(imgKey), uint32(i))
		}
		prev, had := old[string(k)]
		delete(old, string(k))
		if err := im.w.put(k, img[i*size:min((i+1)*size, len(img))], prev, had); err != nil {
			return err
		}
	}
	for k, prev := range old {
		if err := im.w.del([]byte(k), prev); err != nil {
			return err
		}
	}
	im.rep.PagesAdded++
	if err := im.w.put(metaKey, meta, oldMeta, held); err != nil {
		return err
	}
	return im.tick()
}

// imageChunks returns the chunks of an image held at the snapshot.
func (im *importer) imageChunks(key []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := scan(im.snap, key, nil, func(k, v []byte) error {
		if len(k) == len(key) || len(k) == len(key)+4 {
			out[string(k)] = bytes.Clone(v)
		}
		return nil
	})
	return out, err
}
