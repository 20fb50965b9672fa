package store

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/petitiondesk/petitiondesk/petition"
)

// journalName is the signature journal beside the Badger files.
//
// Why a journal: with SyncWrites, Badger msyncs both its value log and its
// memtable log on every commit, two cache flushes where one would do. A
// signature is instead appended to this small file and fsynced (one
// flush) before its Badger commit, which is not synced. After a crash,
// Open replays the journal: Badger's log keeps a prefix of the commits, so
// re-adding, in order, each journaled signature whose id is missing gives
// exactly the state that was acknowledged. Every other write is synced
// through Badger itself (Store.update), which also makes the journal so
// far redundant; it is cut once it grows past journalLimit.
const journalName = "signatures.journal"

const journalLimit = 4 << 20

// journalChunk is how far ahead the journal file is filled with zeros.
// Overwriting blocks that already exist lets a save flush only its data
// (fdatasync), not the file's size and extents as an append would.
const journalChunk = 1 << 20

// journalRecord is what a journaled save must redo.
type journalRecord struct {
	PetitionID string             `json:"p"`
	Signature  petition.Signature `json:"s"`
}

type journal struct {
	mu   sync.Mutex
	f    *os.File
	aead cipher.AEAD // nil for an unencrypted database
	size int64       // bytes of records
	room int64       // bytes of the file written so far (records + zeros)
}

// openJournal opens (creating) the journal; key is nil without encryption.
func openJournal(dir string, key []byte) (*journal, error) {
	f, err := os.OpenFile(filepath.Join(dir, journalName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	j := &journal{f: f}
	if fi, err := f.Stat(); err == nil {
		j.room = fi.Size()
	}
	if key != nil {
		k := sha256.Sum256(append([]byte("petitiondesk journal v1"), key...))
		block, _ := aes.NewCipher(k[:])
		j.aead, _ = cipher.NewGCM(block)
	}
	return j, nil
}

// records reads every intact record; a torn last record (the crash hit
// mid-append, so it was never acknowledged) ends the list.
func (j *journal) records() ([]journalRecord, error) {
	if _, err := j.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	r := bufio.NewReader(j.f)
	var out []journalRecord
	var off int64
	for {
		var head [8]byte
		if _, err := io.ReadFull(r, head[:]); err != nil {
			break
		}
		n, sum := binary.BigEndian.Uint32(head[:4]), binary.BigEndian.Uint32(head[4:])
		if n == 0 || n > 16<<20 {
			break // the zeros after the last record, or garbage
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil || crc32.ChecksumIEEE(body) != sum {
			break
		}
		rec, err := j.decode(body)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
		off += int64(8 + n)
	}
	j.size = off
	fi, err := j.f.Stat()
	if err != nil {
		return nil, err
	}
	j.room = fi.Size()
	return out, nil
}

func (j *journal) decode(body []byte) (journalRecord, error) {
	var rec journalRecord
	if j.aead != nil {
		ns := j.aead.NonceSize()
		if len(body) < ns {
			return rec, errors.New("the signature journal is damaged")
		}
		var err error
		if body, err = j.aead.Open(nil, body[:ns], body[ns:], nil); err != nil {
			return rec, errors.New("the signature journal does not match this passphrase")
		}
	}
	err := json.Unmarshal(body, &rec)
	return rec, err
}

// appendRaw writes one record, the signature already encoded as it is
// stored (so a save encodes it once), and fdatasyncs it: when it
// returns, the record survives a power cut.
func (j *journal) appendRaw(pid string, sigJSON []byte) error {
	pidJSON, _ := json.Marshal(pid)
	body := make([]byte, 0, len(sigJSON)+len(pidJSON)+12)
	body = append(append(append(body, `{"p":`...), pidJSON...), `,"s":`...)
	body = append(append(body, sigJSON...), '}')
	if j.aead != nil {
		nonce := make([]byte, j.aead.NonceSize())
		rand.Read(nonce)
		body = j.aead.Seal(nonce, nonce, body, nil)
	}
	buf := make([]byte, 8, 8+len(body))
	binary.BigEndian.PutUint32(buf[:4], uint32(len(body)))
	binary.BigEndian.PutUint32(buf[4:], crc32.ChecksumIEEE(body))
	buf = append(buf, body...)
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.size+int64(len(buf)) > j.room {
		if err := j.grow(int64(len(buf))); err != nil {
			return fmt.Errorf("writing the signature journal: %w", err)
		}
	}
	if _, err := j.f.WriteAt(buf, j.size); err != nil {
		return fmt.Errorf("writing the signature journal: %w", err)
	}
	if err := fdatasync(j.f); err != nil {
		return fmt.Errorf("writing the signature journal: %w", err)
	}
	j.size += int64(len(buf))
	return nil
}

// grow fills the next chunk of the file with zeros and syncs it fully.
func (j *journal) grow(need int64) error {
	n := max(journalChunk, need+8)
	if _, err := j.f.WriteAt(make([]byte, n), j.room); err != nil {
		return err
	}
	if err := j.f.Sync(); err != nil {
		return err
	}
	j.room += n
	return nil
}

// reset empties the journal; call it only once Badger is synced.
func (j *journal) reset() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.f.Truncate(0); err != nil {
		return err
	}
	j.size, j.room = 0, 0
	return j.grow(0)
}

func (j *journal) close() error { return j.f.Close() }
