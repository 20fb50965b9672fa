package bundle

import (
	"bytes"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// TestCostlyScryptRefused: a passphrase file asking for a work factor
// above the one the app writes is refused at once, with or without a
// passphrase, and no key is derived (2^22 would take half a minute and
// 4 GB; this test would then not finish quickly).
func TestCostlyScryptRefused(t *testing.T) {
	for _, logN := range []string{"19", "22", "30"} {
		file := []byte(ageHeader + "-> scrypt c2FsdHNhbHRzYWx0c2FsdA " + logN + "\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" + string(make([]byte, 1024)))
		for _, pass := range []string{"", "a passphrase of words"} {
			start := time.Now()
			_, err := OpenReaderAt(bytes.NewReader(file), int64(len(file)), Keys{Passphrase: pass})
			if !errors.Is(err, ErrWorkFactor) {
				t.Errorf("log N %s, passphrase %q: %v after %v", logN, pass, err, time.Since(start))
			}
		}
	}
}

// TestOwnPassphraseBundleOpens: what the app writes stays within its own
// ceiling.
func TestOwnPassphraseBundleOpens(t *testing.T) {
	var buf bytes.Buffer
	w, err := EncryptWithPassphrase(&buf, "a passphrase of words")
	if err != nil {
		t.Fatal(err)
	}
	good := sample(t, nil)
	w.Write(good)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, logN := scryptStanza(bytes.NewReader(buf.Bytes())); logN != ScryptWorkFactor {
		t.Fatalf("written with log N %d", logN)
	}
	if _, err := OpenReaderAt(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Keys{Passphrase: "a passphrase of words"}); err != nil {
		t.Fatal(err)
	}
}

// TestStrokesOffThePadRefused: a bundle whose drawn signature holds NaN,
// an infinity or a point far off the pad imports nothing.
func TestStrokesOffThePadRefused(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(-1))
	for _, p := range []petition.Point{{X: nan, Y: 1}, {X: 1, Y: inf}, {X: 1e7, Y: 1}} {
		b := sampleStrokes(t, nil, []petition.Stroke{{{X: 1, Y: 2}, p}})
		err := verify(b, Keys{})
		var invalid *InvalidError
		if !errors.As(err, &invalid) {
			t.Errorf("%v: %v", p, err)
		}
	}
}
