package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"filippo.io/age"
	badger "github.com/dgraph-io/badger/v4"
)

// A backup is the magic line, Badger's backup stream and a trailer with
// the SHA-256 of everything before it. Format 1 had no trailer: an
// unencrypted backup of format 1 cannot be checked (one flipped byte
// restored silently), so Restore refuses it unless asked explicitly;
// an encrypted one is still accepted, as age authenticates every byte
// and notices a cut-off file.
const (
	backupMagic   = "PETITIONDESK-BACKUP 2\n"
	backupMagicV1 = "PETITIONDESK-BACKUP 1\n"
	trailerPrefix = "\nSHA-256 "
	trailerLen    = len(trailerPrefix) + 2*sha256.Size + 1
)

// ageMagic starts an age-encrypted file.
const ageMagic = "age-encryption.org/v1"

// Errors of a backup that cannot be trusted.
var (
	ErrBackupDamaged   = errors.New("the backup is damaged or incomplete: nothing was changed")
	ErrBackupUnchecked = errors.New("this backup was written by an older Petition Desk without a checksum, so it cannot be checked: nothing was changed")
)

// Backup writes the whole database to w as one file, using Badger's own
// backup stream (never a copy of the directory: the value log is a sparse
// file while open). The stream holds the data in clear, so the backup of
// an encrypted database is itself encrypted as it is written, with the
// same passphrase (age, scrypt): neither the backup on a USB stick nor a
// half-written temporary file leaks anything. It writes only: desk.Backup
// records it in the audit log once the file is in place.
func (s *Store) Backup(w io.Writer) (err error) {
	defer wrap(&err, "writing a backup")
	out := w
	var enc io.WriteCloser
	if s.encrypted {
		r, err := age.NewScryptRecipient(s.passphrase)
		if err != nil {
			return err
		}
		if enc, err = age.Encrypt(w, r); err != nil {
			return err
		}
		out = enc
	}
	if err := s.writeBackup(out); err != nil {
		return err
	}
	if enc != nil {
		if err := enc.Close(); err != nil {
			return err
		}
	}
	return nil
}

// writeBackup writes the magic line, the stream and the checksum trailer.
func (s *Store) writeBackup(out io.Writer) error {
	// Trimmed on a clock, not by bytes written: before its first byte
	// Badger's stream reads every table's index (160 MB of tables mapped
	// at a million signatures).
	defer trimWhile()()
	bw := bufio.NewWriterSize(out, 256<<10)
	h := sha256.New()
	mw := io.MultiWriter(bw, h)
	if _, err := io.WriteString(mw, backupMagic); err != nil {
		return err
	}
	if _, err := s.backupStream().Backup(mw, 0); err != nil {
		return err
	}
	if _, err := bw.WriteString(trailerPrefix + hex.EncodeToString(h.Sum(nil)) + "\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// openBackup decrypts (when needed) and checks the magic line of a
// backup, returning the stream to load. For format 2 the returned
// reader withholds the trailer and fails at its end when the checksum
// does not match, so nothing read from it may be trusted before EOF.
func openBackup(r io.Reader, o RestoreOptions) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	head, _ := br.Peek(len(ageMagic))
	var in io.Reader = br
	encrypted := string(head) == ageMagic
	if encrypted {
		id, err := age.NewScryptIdentity(o.Passphrase)
		if err != nil || o.Passphrase == "" {
			return nil, ErrPassphraseNeeded
		}
		dec, err := age.Decrypt(br, id)
		if err != nil {
			return nil, fmt.Errorf("the backup could not be decrypted with this passphrase: %w", ErrWrongPassphrase)
		}
		in = bufio.NewReaderSize(dec, 256<<10)
	}
	magic := make([]byte, len(backupMagic))
	if _, err := io.ReadFull(in, magic); err != nil {
		return nil, ErrNotBackup
	}
	switch string(magic) {
	case backupMagic:
		h := sha256.New()
		h.Write(magic)
		return &frameGuard{r: &trailerReader{r: in, h: h}}, nil
	case backupMagicV1:
		if !encrypted && !o.Unchecked {
			return nil, ErrBackupUnchecked
		}
		return &frameGuard{r: in}, nil
	}
	return nil, ErrNotBackup
}

// trailerReader passes on all but the last trailerLen bytes of r,
// hashing them, and at the end of r checks the withheld trailer.
type trailerReader struct {
	r    io.Reader
	h    hash.Hash
	tail []byte // the last bytes read, possibly the trailer
	done bool
}

func (t *trailerReader) Read(p []byte) (int, error) {
	if t.done {
		return 0, io.EOF
	}
	for {
		if n := len(t.tail) - trailerLen; n > 0 {
			n = copy(p, t.tail[:n])
			t.h.Write(t.tail[:n])
			t.tail = append(t.tail[:0], t.tail[n:]...)
			return n, nil
		}
		buf := make([]byte, max(len(p), 32<<10))
		n, err := t.r.Read(buf)
		t.tail = append(t.tail, buf[:n]...)
		if errors.Is(err, io.EOF) && len(t.tail) <= trailerLen {
			t.done = true
			return 0, t.check()
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
	}
}

// check compares the withheld trailer with the hash of what came before.
func (t *trailerReader) check() error {
	want := trailerPrefix + hex.EncodeToString(t.h.Sum(nil)) + "\n"
	if string(t.tail) != want {
		return ErrBackupDamaged
	}
	return io.EOF
}

// maxFrame bounds one frame of Badger's backup stream (a length-prefixed
// batch of records). Badger sends batches of a few megabytes; a damaged
// length must fail here, not make Badger allocate gigabytes before the
// checksum at the end is reached.
const maxFrame = 256 << 20

// frameGuard follows the frames of Badger's stream (an 8-byte
// little-endian length, then that many bytes) and refuses a length
// beyond maxFrame.
type frameGuard struct {
	r    io.Reader
	left uint64 // bytes left in the current frame
	head []byte // the length prefix read so far
}

func (g *frameGuard) Read(p []byte) (int, error) {
	if g.left > 0 {
		n, err := g.r.Read(p[:min(uint64(len(p)), g.left)])
		g.left -= uint64(n)
		return n, err
	}
	n, err := g.r.Read(p[:min(len(p), 8-len(g.head))])
	g.head = append(g.head, p[:n]...)
	if len(g.head) == 8 {
		g.left = binary.LittleEndian.Uint64(g.head)
		g.head = g.head[:0]
		if g.left > maxFrame {
			return 0, ErrBackupDamaged
		}
	}
	return n, err
}

// backupStream is Badger's backup stream (DB.Backup's) with its memory
// bounded: DB.Backup reads with one goroutine per core and hands the
// writer batches of up to 100 MB, so a backup of a million signatures
// held hundreds of megabytes; two readers and 16 MB batches keep it
// near the size of one batch, and the disk is the limit either way.
// Badger also lets the readers queue 32 batches of 16 MB for the writer:
// where encoding and writing are slower than reading, the queue filled
// and a million signatures' backup peaked at 405 MB. Two in the queue
// (third_party/badger/PATCHES.md, patch 5) keep the readers just ahead.
func (s *Store) backupStream() *badger.Stream {
	st := s.db.NewStream()
	st.LogPrefix = "Backup"
	st.NumGo = 2
	st.MaxSize = 4 << 20
	st.MaxPending = 2
	return st
}
