package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"strconv"
	"strings"
)

// The zip comment is "petitiondesk-bundle <version> sha256:<hex>", the
// hash covering every byte of the file before the hex digits. Go's zip
// reader ignores many header fields (times, the names in local headers),
// so member hashes alone would miss a changed byte there; this one misses
// none. The version comes first so a newer bundle is named as such even
// if its layout changed.
const hashHexLen = 64

func commentPrefix(version int) string {
	return FormatName + " " + strconv.Itoa(version) + " sha256:"
}

var placeholder = strings.Repeat("0", hashHexLen)

// tailHasher passes bytes through to w while hashing them, holding back
// the last hashHexLen bytes: those are the placeholder for the hash itself,
// replaced by finish.
type tailHasher struct {
	w    io.Writer
	h    hash.Hash
	tail []byte
	err  error
}

func newTailHasher(w io.Writer) *tailHasher {
	return &tailHasher{w: w, h: sha256.New(), tail: make([]byte, 0, 2*hashHexLen)}
}

func (t *tailHasher) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n := len(p)
	if len(p) >= hashHexLen {
		t.emit(t.tail)
		t.emit(p[:len(p)-hashHexLen])
		t.tail = append(t.tail[:0], p[len(p)-hashHexLen:]...)
		return n, t.err
	}
	t.tail = append(t.tail, p...)
	if extra := len(t.tail) - hashHexLen; extra > 0 {
		t.emit(t.tail[:extra])
		t.tail = append(t.tail[:0], t.tail[extra:]...)
	}
	return n, t.err
}

func (t *tailHasher) emit(b []byte) {
	if len(b) == 0 || t.err != nil {
		return
	}
	t.h.Write(b)
	_, t.err = t.w.Write(b)
}

// finish writes the hash in place of the placeholder.
func (t *tailHasher) finish() error {
	if t.err != nil {
		return t.err
	}
	if string(t.tail) != placeholder {
		return io.ErrShortWrite // the zip did not end with our comment
	}
	_, err := t.w.Write([]byte(hex.EncodeToString(t.h.Sum(nil))))
	return err
}

// checkWholeFile verifies the whole-file hash of a plaintext bundle of the
// given size. It returns the format version named in the comment.
func checkWholeFile(ra io.ReaderAt, size int64) (int, error) {
	tailLen := int64(len(commentPrefix(FormatVersion)) + hashHexLen + 8)
	if size < tailLen+22 {
		return 0, ErrNotBundle
	}
	tail := make([]byte, tailLen)
	if n, err := ra.ReadAt(tail, size-tailLen); n != len(tail) || (err != nil && !errors.Is(err, io.EOF)) {
		return 0, ErrNotBundle
	}
	i := bytes.LastIndex(tail, []byte(FormatName+" "))
	if i < 0 {
		return 0, ErrNotBundle
	}
	comment := string(tail[i:])
	sp := strings.IndexByte(comment[len(FormatName)+1:], ' ')
	if sp < 0 {
		return 0, ErrNotBundle
	}
	version, err := strconv.Atoi(comment[len(FormatName)+1 : len(FormatName)+1+sp])
	if err != nil || version < 1 {
		return 0, ErrDamaged
	}
	if version > FormatVersion {
		return version, &NewerFormatError{Version: version}
	}
	if !strings.HasPrefix(comment, commentPrefix(version)) || len(comment) != len(commentPrefix(version))+hashHexLen {
		return 0, ErrDamaged
	}
	want, err := hex.DecodeString(comment[len(commentPrefix(version)):])
	if err != nil {
		return 0, ErrDamaged
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(ra, 0, size-hashHexLen)); err != nil {
		return 0, ErrDamaged
	}
	if !bytes.Equal(h.Sum(nil), want) {
		return 0, ErrDamaged
	}
	return version, nil
}
