package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

// Scanned pages of paper sheets. Each page of a sheet has two records:
// its image (a JPEG, under "img:", so erasing a petition's personal
// data removes it) and a small record of what was read from it (under
// "scn:"): the count, the confidence and a digest of the scanned file, so
// scanning the same page again is recognised. A sheet's count is the sum
// of its pages' counts; PutScanPage sets it in the commit that stores the
// page, so a power cut never leaves a page counted or not half-way.
//
// Records hold no names: no file names (a phone may call a photo after a
// person), no text read from the page.
//
// An image is stored in chunks: the first under the page's key, the next
// ones under that key plus a 4-byte chunk number, all under the same
// prefix so erasure removes them together. On disk a chunk is 1 MiB, well
// above the value threshold, so it goes to the value log and a page of a
// few megabytes fits in one transaction; an in-memory database (tests)
// has no value log and keeps every value under the threshold.

// ScanPage is what was read from one stored page of a paper sheet.
type ScanPage struct {
	Page       int     `json:"page"`       // page of the sheet, from 1
	Count      int     `json:"count"`      // signatures counted (or typed in) on this page
	Confidence float64 `json:"confidence"` // 0..1; 1 for a count typed in
	Manual     bool    `json:"manual,omitempty"`
	// Review is rows the scanner was unsure of, left out of Count until a
	// person confirms them (rescanning the page from the window, or with
	// scan --accept-flagged). Pages stored before it existed read as 0.
	Review  int       `json:"review,omitempty"`
	Digest  string    `json:"digest"` // SHA-256 of the scanned image as read
	Width   int       `json:"width"`
	Height  int       `json:"height"`
	Bytes   int       `json:"bytes"` // size of the stored JPEG
	Scanned time.Time `json:"scanned"`
}

// ErrAlreadyScanned says the sheet already holds an image of this page.
var ErrAlreadyScanned = errors.New("already scanned")

// ErrNotPaper says a scan was attached to a sheet signed on the laptop.
var ErrNotPaper = errors.New("this sheet was signed on the laptop: only printed sheets hold scanned pages")

// PutScanPage stores one page image of a paper sheet with what was read
// from it and, in the same commit, sets the sheet's count (and the
// petition's totals) to the sum of its pages' counts, which it returns.
// If the sheet already holds that page, nothing changes and the error is
// ErrAlreadyScanned, with the total as stored, unless replace is true.
func (s *Store) PutScanPage(pid string, sheet int, pg ScanPage, jpeg []byte, replace bool) (total int, err error) {
	defer wrap(&err, "saving a scanned page of sheet %d of petition %s", sheet, pid)
	if pg.Page < 1 || len(jpeg) == 0 {
		return 0, fmt.Errorf("a scanned page needs a page number and an image")
	}
	if pg.Scanned.IsZero() {
		pg.Scanned = s.now().UTC()
	}
	pg.Bytes = len(jpeg)
	err = s.update(func(txn *badger.Txn) error {
		var sh petition.Sheet
		if err := getJSON(txn, keySheet(pid, sheet), &sh); err != nil {
			return err
		}
		if sh.Origin != petition.OriginPaper {
			return ErrNotPaper
		}
		err := getJSON(txn, keyScanMeta(pid, sheet, pg.Page), &ScanPage{})
		switch {
		case err == nil && !replace:
			return ErrAlreadyScanned
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
		if err := deleteImage(txn, keyScanImage(pid, sheet, pg.Page)); err != nil {
			return err
		}
		if err := s.putImage(txn, keyScanImage(pid, sheet, pg.Page), jpeg); err != nil {
			return err
		}
		if err := setJSON(txn, keyScanMeta(pid, sheet, pg.Page), pg); err != nil {
			return err
		}
		if total, err = scanTotalTxn(txn, pid, sheet); err != nil { // sees this commit's page
			return err
		}
		return editSheetTxn(txn, pid, sheet, paperCount(total))
	})
	switch {
	case errors.Is(err, badger.ErrTxnTooBig):
		return 0, errors.New("the page image is too large to store")
	case errors.Is(err, ErrAlreadyScanned):
		total, terr := s.ScanTotal(pid, sheet)
		if terr != nil {
			return 0, terr
		}
		return total, err
	case err != nil:
		return 0, err
	}
	return total, nil
}

// ScannedPageCount returns how many scanned pages are stored for a
// sheet (the Excel summary tells a scanned sheet from one counted by hand).
func (s *Store) ScannedPageCount(pid string, sheet int) (_ int, err error) {
	defer wrap(&err, "counting the scanned pages of sheet %d of petition %s", sheet, pid)
	list, err := s.ScanPageList(pid, sheet)
	return len(list), err
}

// ScanPageList returns what was read from each stored page of a sheet,
// in page order.
func (s *Store) ScanPageList(pid string, sheet int) (list []ScanPage, err error) {
	defer wrap(&err, "listing the scanned pages of sheet %d of petition %s", sheet, pid)
	err = s.db.View(func(txn *badger.Txn) error {
		list, err = scanPagesTxn(txn, pid, sheet)
		return err
	})
	return list, err
}

func scanPagesTxn(txn *badger.Txn, pid string, sheet int) ([]ScanPage, error) {
	return listJSON[ScanPage](txn, prefixScanMetas(pid, sheet))
}

// ScanTotal is the sum of the counts of a sheet's stored pages.
func (s *Store) ScanTotal(pid string, sheet int) (total int, err error) {
	defer wrap(&err, "counting the scanned rows of sheet %d of petition %s", sheet, pid)
	err = s.db.View(func(txn *badger.Txn) error {
		total, err = scanTotalTxn(txn, pid, sheet)
		return err
	})
	return total, err
}

func scanTotalTxn(txn *badger.Txn, pid string, sheet int) (int, error) {
	list, err := scanPagesTxn(txn, pid, sheet)
	total := 0
	for _, pg := range list {
		total += pg.Count
	}
	return total, err
}

// toReviewTxn sums the rows to review over all scanned pages of a
// petition: a count of what the scanner left for a person.
func toReviewTxn(txn *badger.Txn, pid string) (int, error) {
	n := 0
	err := scan(txn, petitionPrefix(pfxScanMeta, pid), nil, func(_, v []byte) error {
		var pg ScanPage
		if err := json.Unmarshal(v, &pg); err != nil {
			return err
		}
		n += pg.Review
		return nil
	})
	return n, err
}

// putImage writes an image in chunks under key.
func (s *Store) putImage(txn *badger.Txn, key, img []byte) error {
	size := 1 << 20
	if s.db.Opts().InMemory {
		size = 60 << 10 // under the 64 KiB value threshold of badgerOptions
	}
	for i := 0; i*size < len(img); i++ {
		k := key
		if i > 0 {
			k = binary.BigEndian.AppendUint32(append([]byte(nil), key...), uint32(i))
		}
		if err := txn.Set(k, img[i*size:min((i+1)*size, len(img))]); err != nil {
			return err
		}
	}
	return nil
}

// eachImageChunk calls fn with each chunk of the image under key, in
// order (another image whose key starts with this one is not a chunk).
func eachImageChunk(txn *badger.Txn, key []byte, fn func(k, v []byte)) error {
	return scan(txn, key, nil, func(k, v []byte) error {
		if len(k) == len(key) || len(k) == len(key)+4 {
			fn(k, v)
		}
		return nil
	})
}

// readImage reads the image stored in chunks under key; ErrNotFound if
// there is none.
func readImage(txn *badger.Txn, key []byte) ([]byte, error) {
	var out []byte
	err := eachImageChunk(txn, key, func(_, v []byte) { out = append(out, v...) })
	if err == nil && out == nil {
		err = ErrNotFound
	}
	return out, err
}

// deleteImage removes every chunk of the image under key.
func deleteImage(txn *badger.Txn, key []byte) error {
	var keys [][]byte
	err := eachImageChunk(txn, key, func(k, _ []byte) { keys = append(keys, append([]byte(nil), k...)) })
	for _, k := range keys {
		if err == nil {
			err = txn.Delete(k)
		}
	}
	return err
}

// ScanPages returns a sheet's page images (JPEG) in page order, for the
// PDF pack and the review screen.
func (s *Store) ScanPages(pid string, sheet int) (_ [][]byte, err error) {
	defer wrap(&err, "reading the scanned pages of sheet %d of petition %s", sheet, pid)
	var out [][]byte
	prefix := prefixScanImages(pid, sheet)
	err = s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefix, nil, func(k, v []byte) error {
			switch {
			case len(k) == len(prefix)+4:
				out = append(out, append([]byte(nil), v...))
			case len(k) == len(prefix)+8 && len(out) > 0:
				out[len(out)-1] = append(out[len(out)-1], v...)
			}
			return nil
		})
	})
	return out, err
}

// ScanImage returns one stored page image; ErrNotFound if there is none.
func (s *Store) ScanImage(pid string, sheet, page int) (_ []byte, err error) {
	defer wrap(&err, "reading scanned page %d of sheet %d of petition %s", page, sheet, pid)
	var out []byte
	err = s.db.View(func(txn *badger.Txn) (err error) {
		out, err = readImage(txn, keyScanImage(pid, sheet, page))
		return err
	})
	return out, err
}

// DeleteScanPages removes every stored page of a sheet (before attaching
// a new set of photos to a sheet printed elsewhere). The sheet's count is
// left as it is.
func (s *Store) DeleteScanPages(pid string, sheet int) (err error) {
	defer wrap(&err, "deleting the scanned pages of sheet %d of petition %s", sheet, pid)
	return s.update(func(txn *badger.Txn) error {
		for _, prefix := range [][]byte{prefixScanImages(pid, sheet), prefixScanMetas(pid, sheet)} {
			var keys [][]byte
			err := scan(txn, prefix, nil, func(k, _ []byte) error {
				keys = append(keys, append([]byte(nil), k...))
				return nil
			})
			if err != nil {
				return err
			}
			for _, k := range keys {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
