package bundle

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
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

// FuzzCheckStrokes: the fast stroke check accepts exactly what the app's
// own decoder accepts, with the same counts.
func FuzzCheckStrokes(f *testing.F) {
	good, _ := json.Marshal([]petition.Stroke{{{X: 1, Y: 2, T: 3}, {X: 4, Y: 5, T: 300}}, {{X: 7, Y: 8, T: 9}}})
	for _, seed := range []string{string(good), `[]`, `[[[1,2,3],[4,5,6]]]`, `["AAAA"]`, `["a\/b"]`, `["",""]`, `[""`, `["AAAAAAAAAAAA",]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		strokes, points, _, err := checkStrokes(raw, nil)
		var st []petition.Stroke
		jerr := json.Unmarshal(raw, &st)
		if (err == nil) != (jerr == nil) {
			t.Fatalf("%q: fast check %v, decoder %v", raw, err, jerr)
		}
		n := 0
		for _, s := range st {
			n += len(s)
		}
		if err == nil && (strokes != len(st) || points != n) {
			t.Fatalf("%q: fast check %d/%d, decoder %d/%d", raw, strokes, points, len(st), n)
		}
	})
}

// FuzzDecodeCut: decoding a line with its strokes cut out (and the cut
// strokes then checked, as checkLine does) gives exactly what decoding the
// whole line gives, or declines.
func FuzzDecodeCut(f *testing.F) {
	line, _ := json.Marshal(&petition.Signature{ID: "x", Name: "Zoë \\\"strokes\\\":[", Strokes: []petition.Stroke{{{X: 1, Y: 2, T: 3}}}})
	f.Add(line)
	for _, seed := range []string{
		`{"id":"a","strokes":["AAAA"],"name":"b"}`,
		`{"id":"a","address":{"street":"s","strokes":["AAAA"]}}`,
		`{"id":"a","x":[1,"strokes":["AAAA"]]}`,
		`{"id":"a","name":"q\",\"strokes\":[\"AAAA\"]"}`,
		`{"strokes":["BBBB"],"id":"a","strokes":["AAAA"]}`,
		`{"id":"a","strokes":[["AA]AA"]]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var cut RawSignature
		if !decodeCut(line, &cut) {
			return
		}
		if _, _, _, err := checkStrokes(cut.Strokes, nil); err != nil {
			return // checkLine refuses the line
		}
		var whole RawSignature
		if err := json.Unmarshal(line, &whole); err != nil {
			t.Fatalf("%q: cut decoded, whole failed: %v", line, err)
		}
		a, _ := json.Marshal(cut)
		b, _ := json.Marshal(whole)
		if !bytes.Equal(a, b) || !bytes.Equal(cut.Strokes, whole.Strokes) {
			t.Fatalf("%q:\ncut   %s\nwhole %s", line, a, b)
		}
	})
}
