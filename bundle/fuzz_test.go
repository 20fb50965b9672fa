package bundle

import (
	"bytes"
	"context"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the bundle reader. It must never
// panic or hang, and must accept only what verifies. `go test` runs the
// seeds; `go test -fuzz FuzzReader ./bundle` explores further.
func FuzzReader(f *testing.F) {
	good := sample(f, nil)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Add([]byte(ageHeader + "-> scrypt AAAA 18\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		if r, err := Open(bytes.NewReader(b), int64(len(b))); err == nil {
			r.Verify(context.Background(), nil)
		}
		// Past the whole-file hash, so the fuzzer reaches the zip, the
		// manifest and the records too.
		if r, err := openZip(bytes.NewReader(b), int64(len(b))); err == nil {
			r.Verify(context.Background(), nil)
			r.Pages(func(Page, []byte) error { return nil })
		}
		OpenReaderAt(bytes.NewReader(b), int64(len(b)), Keys{}) // no passphrase: scrypt would make each run slow
	})
}
