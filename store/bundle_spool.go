package store

import (
	"bufio"
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// spool stages part of an import's writes while the bundle is verified,
// so the bundle is read and decoded once: nothing reaches the database
// until the whole bundle has passed, and then the spools are replayed into
// it (bundle_stage.go). A spool is a temporary file encrypted with a key
// that exists only in memory (see bundle_spool_crypt.go): the names it
// holds are never readable on disk, even when the database is encrypted
// and the temporary directory is not.
type spool struct {
	f    *os.File
	enc  *sealWriter
	aead cipher.AEAD
	n    int
	buf  []byte

	lenBuf [binary.MaxVarintLen64]byte
}

func newSpool(dir string) (*spool, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.CreateTemp(dir, spoolPattern)
	if err != nil {
		return nil, err
	}
	aead, err := newSpoolAEAD()
	if err == nil {
		return &spool{f: f, enc: newSealWriter(f, aead), aead: aead}, nil
	}
	f.Close()
	os.Remove(f.Name())
	return nil, err
}

// A record is its length, then op, key, val and old (each with its
// length) and existed: replay reads it with one allocation.
func (sp *spool) record(op byte, key, val, old []byte, existed bool) error {
	size := 2
	for _, part := range [][]byte{key, val, old} {
		size += binary.PutUvarint(sp.lenBuf[:], uint64(len(part))) + len(part)
	}
	b := binary.AppendUvarint(sp.buf[:0], uint64(size))
	b = append(b, op)
	for _, part := range [][]byte{key, val, old} {
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	if existed {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	sp.buf = b
	sp.n++
	_, err := sp.enc.Write(b)
	return err
}

// bytes is how much the spool holds so far.
func (sp *spool) bytes() int64 {
	fi, err := sp.f.Stat()
	if err != nil {
		return 0
	}
	return fi.Size()
}

// each reads back every record spooled, in order.
func (sp *spool) each(fn func(op byte, parts [3][]byte, existed bool) error) error {
	if err := sp.enc.Close(); err != nil {
		return err
	}
	if _, err := sp.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(newOpenReader(sp.f, sp.aead), 256<<10)
	for i := 0; i < sp.n; i++ {
		op, parts, existed, err := readRecord(br)
		if err != nil {
			return err
		}
		if err := fn(op, parts, existed); err != nil {
			return err
		}
	}
	return nil
}

var errSpool = errors.New("the import's staging file is damaged")

// readRecord reads one record (see record). The parts share one fresh
// allocation: the applier's transaction keeps them until it commits.
func readRecord(br *bufio.Reader) (op byte, parts [3][]byte, existed bool, err error) {
	n, err := binary.ReadUvarint(br)
	if err != nil || n < 5 || n > 1<<31 {
		return 0, parts, false, errSpool
	}
	rec := make([]byte, n)
	if _, err := io.ReadFull(br, rec); err != nil {
		return 0, parts, false, errSpool
	}
	op, rec = rec[0], rec[1:]
	for j := range parts {
		l, w := binary.Uvarint(rec)
		if w <= 0 || uint64(len(rec)-w) < l {
			return 0, parts, false, errSpool
		}
		end := w + int(l)
		parts[j], rec = rec[w:end:end], rec[end:]
	}
	if len(rec) != 1 {
		return 0, parts, false, errSpool
	}
	return op, parts, rec[0] == 1, nil
}

// spoolPattern names staging files; the data directory is theirs.
const spoolPattern = ".petitiondesk-import-*"

// removeStaleSpools deletes staging files an interrupted import left in
// dir (unreadable: their key died with the process). Callers hold s.mu.
func removeStaleSpools(dir string) {
	if dir == "" {
		return
	}
	old, _ := filepath.Glob(filepath.Join(dir, spoolPattern))
	for _, f := range old {
		os.Remove(f)
	}
}

// close removes the staging file.
func (sp *spool) close() {
	sp.f.Close()
	os.Remove(sp.f.Name())
}
