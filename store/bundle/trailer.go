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

// The zip comment is "petitiondesk-bundle <version> sha256:<hex>
// ed25519:<hex>": the hash covers every byte of the file before its hex
// digits, the signature (see sign.go) signs the hash. Go's zip reader
// ignores many header fields (times, the names in local headers), so
// member hashes alone would miss a changed byte there; this one misses
// none. The version comes first so a newer or older bundle is named as
// such even if its layout changed.
const hashHexLen = 64

func commentPrefix(version int) string {
	return FormatName + " " + strconv.Itoa(version) + " sha256:"
}

// placeholder stands for the hash and the signature until they are known.
var placeholder = strings.Repeat("0", hashHexLen) + sigSeparator + strings.Repeat("0", sigHexLen)

// tailHasher passes bytes through to w while hashing them, holding back
// the last len(placeholder) bytes: the placeholder for the hash and the
// signature, replaced by finish.
type tailHasher struct {
	w    io.Writer
	h    hash.Hash
	tail []byte
	err  error
}

func newTailHasher(w io.Writer) *tailHasher {
	return &tailHasher{w: w, h: sha256.New(), tail: make([]byte, 0, 2*len(placeholder))}
}

func (t *tailHasher) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, hold := len(p), len(placeholder)
	if len(p) >= hold {
		t.emit(t.tail)
		t.emit(p[:len(p)-hold])
		t.tail = append(t.tail[:0], p[len(p)-hold:]...)
		return n, t.err
	}
	t.tail = append(t.tail, p...)
	if extra := len(t.tail) - hold; extra > 0 {
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

// finish writes the hash and its signature in place of the placeholder.
func (t *tailHasher) finish(sign func(msg []byte) []byte) error {
	if t.err != nil {
		return t.err
	}
	if string(t.tail) != placeholder {
		return io.ErrShortWrite // the zip did not end with our comment
	}
	sum := t.h.Sum(nil)
	_, err := t.w.Write([]byte(hex.EncodeToString(sum) + sigSeparator + hex.EncodeToString(sign(signedMessage(sum)))))
	return err
}

// trailer is what the zip comment says.
type trailer struct {
	version  int
	sum, sig []byte
}

// checkWholeFile verifies the whole-file hash of a plaintext bundle of the
// given size and returns the comment's version, hash and signature. A
// bundle of another version is refused before anything else is read.
func checkWholeFile(ra io.ReaderAt, size int64) (trailer, error) {
	tailLen := min(size, int64(len(commentPrefix(FormatVersion))+len(placeholder)+16))
	if size < tailLen || size < 22+int64(len(FormatName)) {
		return trailer{}, ErrNotBundle
	}
	tail := make([]byte, tailLen)
	if n, err := ra.ReadAt(tail, size-tailLen); n != len(tail) || (err != nil && !errors.Is(err, io.EOF)) {
		return trailer{}, ErrNotBundle
	}
	i := bytes.LastIndex(tail, []byte(FormatName+" "))
	if i < 0 {
		return trailer{}, ErrNotBundle
	}
	comment := string(tail[i:])
	sp := strings.IndexByte(comment[len(FormatName)+1:], ' ')
	if sp < 0 {
		return trailer{}, ErrNotBundle
	}
	version, err := strconv.Atoi(comment[len(FormatName)+1 : len(FormatName)+1+sp])
	switch {
	case err != nil || version < 1:
		return trailer{}, ErrDamaged
	case version > FormatVersion:
		return trailer{version: version}, &NewerFormatError{Version: version}
	case version < FormatVersion:
		return trailer{version: version}, &OldFormatError{Version: version}
	}
	t, ok := parseComment(comment, version)
	if !ok {
		return trailer{}, ErrDamaged
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(ra, 0, size-int64(len(placeholder)))); err != nil {
		return trailer{}, ErrDamaged
	}
	if !bytes.Equal(h.Sum(nil), t.sum) {
		return trailer{}, ErrDamaged
	}
	return t, nil
}

// parseComment reads the hash and signature of a comment of this version.
func parseComment(comment string, version int) (trailer, bool) {
	prefix := commentPrefix(version)
	if !strings.HasPrefix(comment, prefix) || len(comment) != len(prefix)+len(placeholder) {
		return trailer{}, false
	}
	rest := comment[len(prefix):]
	if rest[hashHexLen:hashHexLen+len(sigSeparator)] != sigSeparator {
		return trailer{}, false
	}
	sum, err1 := hex.DecodeString(rest[:hashHexLen])
	sig, err2 := hex.DecodeString(rest[hashHexLen+len(sigSeparator):])
	return trailer{version: version, sum: sum, sig: sig}, err1 == nil && err2 == nil
}
