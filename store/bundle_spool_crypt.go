package store

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"io"
)

// The spool is encrypted with AES-256-GCM in chunks of spoolChunk bytes,
// under a key made for one import and kept only in memory. Chunk i is
// sealed with nonce i, the last one marked in its nonce, so chunks cannot
// be reordered, dropped or cut off unnoticed. (age did this before, with
// ChaCha20 in 64 KiB chunks and a key exchange per spool: AES with the
// processor's instructions is a fraction of the cost on 150 MB.)

const spoolChunk = 1 << 20

func newSpoolAEAD() (cipher.AEAD, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func spoolNonce(n []byte, seq uint64, last bool) []byte {
	binary.BigEndian.PutUint64(n[:8], seq)
	n[8], n[9], n[10], n[11] = 0, 0, 0, 0
	if last {
		n[11] = 1
	}
	return n[:12]
}

// sealWriter encrypts what is written to it, chunk by chunk.
type sealWriter struct {
	w     io.Writer
	aead  cipher.AEAD
	buf   []byte // plaintext not sealed yet
	out   []byte
	nonce [12]byte
	seq   uint64
}

func newSealWriter(w io.Writer, aead cipher.AEAD) *sealWriter {
	return &sealWriter{w: w, aead: aead, buf: make([]byte, 0, spoolChunk)}
}

// Write buffers p; a full chunk is sealed only when more follows, so the
// last chunk (sealed by Close) is never empty unless all is.
func (s *sealWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(s.buf) == spoolChunk {
			if err := s.seal(false); err != nil {
				return 0, err
			}
		}
		k := min(len(p), spoolChunk-len(s.buf))
		s.buf = append(s.buf, p[:k]...)
		p = p[k:]
	}
	return n, nil
}

func (s *sealWriter) seal(last bool) error {
	s.out = s.aead.Seal(s.out[:0], spoolNonce(s.nonce[:], s.seq, last), s.buf, nil)
	s.seq++
	s.buf = s.buf[:0]
	_, err := s.w.Write(s.out)
	return err
}

// Close seals the last chunk.
func (s *sealWriter) Close() error { return s.seal(true) }

// openReader decrypts what a sealWriter wrote.
type openReader struct {
	r     *bufio.Reader
	aead  cipher.AEAD
	in    []byte
	buf   []byte
	plain []byte
	nonce [12]byte
	seq   uint64
	done  bool
}

func newOpenReader(r io.Reader, aead cipher.AEAD) *openReader {
	return &openReader{r: bufio.NewReaderSize(r, 64<<10), aead: aead,
		in: make([]byte, spoolChunk+aead.Overhead())}
}

func (o *openReader) Read(p []byte) (int, error) {
	for len(o.plain) == 0 {
		if o.done {
			return 0, io.EOF
		}
		if err := o.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, o.plain)
	o.plain = o.plain[n:]
	return n, nil
}

// next opens the next chunk; a short one, or a full one at the end of the
// file, is the last.
func (o *openReader) next() error {
	n, err := io.ReadFull(o.r, o.in)
	last := false
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		last = true
	case err != nil:
		return errSpool // io.EOF: the last chunk is missing
	default:
		if _, err := o.r.Peek(1); errors.Is(err, io.EOF) {
			last = true
		} else if err != nil {
			return err
		}
	}
	pt, err := o.aead.Open(o.buf[:0], spoolNonce(o.nonce[:], o.seq, last), o.in[:n], nil)
	if err != nil {
		return errSpool
	}
	o.buf, o.plain = pt, pt
	o.seq++
	o.done = last
	return nil
}
