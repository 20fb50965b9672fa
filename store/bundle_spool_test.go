package store

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"testing"
)

// TestSpoolCrypt: the spool's chunked encryption gives back what was
// written, whatever its length, and refuses a changed, cut or extended file.
func TestSpoolCrypt(t *testing.T) {
	for _, size := range []int{0, 1, spoolChunk - 1, spoolChunk, spoolChunk + 1, 2 * spoolChunk, 2*spoolChunk + 7} {
		aead, err := newSpoolAEAD()
		must(t, err)
		plain := make([]byte, size)
		rand.Read(plain)
		var file bytes.Buffer
		w := newSealWriter(&file, aead)
		for p := plain; len(p) > 0; { // uneven writes
			k := min(len(p), 70_001)
			_, err := w.Write(p[:k])
			must(t, err)
			p = p[k:]
		}
		must(t, w.Close())
		sealed := file.Bytes()
		got, err := io.ReadAll(newOpenReader(bytes.NewReader(sealed), aead))
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("%d bytes: read back %d, %v", size, len(got), err)
		}
		damaged := map[string][]byte{
			"flipped":  append([]byte(nil), sealed...),
			"cut":      sealed[:len(sealed)-1],
			"extended": append(append([]byte(nil), sealed...), 0),
		}
		damaged["flipped"][len(sealed)/2] ^= 1
		if size > spoolChunk {
			damaged["last chunk dropped"] = sealed[:spoolChunk+aead.Overhead()]
		}
		for name, d := range damaged {
			if _, err := io.ReadAll(newOpenReader(bytes.NewReader(d), aead)); !errors.Is(err, errSpool) {
				t.Errorf("%d bytes, %s: %v, want errSpool", size, name, err)
			}
		}
	}
}
