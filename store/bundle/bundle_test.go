package bundle

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"

	"github.com/petitiondesk/petitiondesk/petition"
)

var t0 = time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)

func id() string { return uuid.Must(uuid.NewV7()).String() }

// testKey signs the test bundles.
var testKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

// sample writes a small bundle: one petition, a digital sheet with two
// rows (one struck), a paper sheet with a page image.
func sample(t testing.TB, mutate func(w *Writer)) []byte {
	t.Helper()
	return sampleStrokes(t, mutate, []petition.Stroke{{{X: 1, Y: 2, T: 0}, {X: 300.5, Y: 120.25, T: 16}}})
}

// sampleStrokes is sample with the signers' drawn strokes given.
func sampleStrokes(t testing.TB, mutate func(w *Writer), strokes []petition.Stroke) []byte {
	t.Helper()
	var buf bytes.Buffer
	g := Group{ID: id(), Name: "Group Thun"}
	w := NewWriter(&buf, Header{ID: id(), Group: g, Created: t0, AppVersion: "test", Key: testKey})
	if mutate != nil {
		mutate(w)
	}
	p := petition.Example(t0)
	p.ID = id()
	must(t, w.AddPetition(p))
	w.AddSnapshot(Snapshot{Group: g.ID, GroupName: g.Name, Petition: p.ID, AsOf: t0})
	must(t, w.AddSheet(&petition.Sheet{PetitionID: p.ID, Group: g.ID, Number: 1, Origin: petition.OriginDigital, Status: petition.SheetCollecting, Filled: 2, Struck: 1}))
	must(t, w.AddSheet(&petition.Sheet{PetitionID: p.ID, Group: g.ID, Number: 2, Origin: petition.OriginPaper, Status: petition.SheetScanned, Filled: 17, Pages: 1}))
	for row, name := range []string{"Zoë Müller", "Марыя Калеснікава"} {
		sig := &petition.Signature{ID: id(), PetitionID: p.ID, Group: g.ID, Sheet: 1, Row: row + 1, Name: name,
			Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"},
			Signed:  t0, Strokes: strokes}
		if row == 1 {
			sig.Struck = petition.StrikeIllegible
		}
		must(t, w.AddSignature(sig))
	}
	must(t, w.AddPage(Page{PetitionID: p.ID, Group: g.ID, Sheet: 2, Page: 1, ContentType: "image/jpeg"}, []byte("\xff\xd8\xff\xe0 not really a jpeg")))
	must(t, w.Close())
	return buf.Bytes()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func verify(b []byte, keys Keys) error {
	r, err := OpenReaderAt(bytes.NewReader(b), int64(len(b)), keys)
	if err != nil {
		return err
	}
	return r.Verify(context.Background(), nil)
}

func TestRoundTrip(t *testing.T) {
	b := sample(t, nil)
	r, err := Open(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var calls int
	must(t, r.Verify(context.Background(), func(done, total int) { calls++ }))
	if m := r.Manifest(); m.Counts != (Counts{1, 2, 2, 1}) || m.Group.Name != "Group Thun" || calls == 0 {
		t.Fatalf("manifest %+v, progress calls %d", m, calls)
	}
	var got []petition.Signature
	must(t, r.Signatures(func(s *petition.Signature) error { got = append(got, *s); return nil }))
	if len(got) != 2 || got[1].Name != "Марыя Калеснікава" || got[0].Strokes[0][1] != (petition.Point{X: 300.5, Y: 120.25, T: 16}) {
		t.Fatalf("signatures read back: %+v", got)
	}
	var img []byte
	must(t, r.Pages(func(p Page, b []byte) error { img = b; return nil }))
	if string(img) != "\xff\xd8\xff\xe0 not really a jpeg" {
		t.Fatalf("page read back: %q", img)
	}
}

// Every single flipped byte, anywhere in the file, is refused.
func TestEveryFlippedByteIsRefused(t *testing.T) {
	b := sample(t, nil)
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 0x01
		if err := verify(c, Keys{}); err == nil {
			t.Fatalf("byte %d of %d flipped: accepted", i, len(b))
		}
	}
	for _, n := range []int{0, 10, len(b) / 2, len(b) - 1} {
		if err := verify(b[:n], Keys{}); err == nil {
			t.Fatalf("truncated to %d bytes: accepted", n)
		}
	}
}

func TestEncryption(t *testing.T) {
	plain := sample(t, nil)
	keyText, public, err := NewKey(t0)
	must(t, err)
	other, _, _ := NewKey(t0)
	ids := parseKey(t, keyText)
	otherIDs := parseKey(t, other)
	toKey := encrypt(t, plain, func(w *bytes.Buffer) (io.WriteCloser, error) {
		return EncryptTo(w, public)
	})
	toPass := encrypt(t, plain, func(w *bytes.Buffer) (io.WriteCloser, error) {
		return EncryptWithPassphrase(w, "correct horse battery")
	})
	cases := []struct {
		name string
		file []byte
		keys Keys
		want error
	}{
		{"right key", toKey, Keys{Identities: ids}, nil},
		{"wrong key", toKey, Keys{Identities: otherIDs}, ErrWrongKey},
		{"no key", toKey, Keys{}, ErrNeedKey},
		{"right passphrase", toPass, Keys{Passphrase: "correct horse battery"}, nil},
		{"wrong passphrase", toPass, Keys{Passphrase: "wrong horse battery"}, ErrWrongPass},
		{"key for a passphrase file", toPass, Keys{Identities: ids}, ErrNeedPass},
		{"flipped byte in ciphertext", flip(toKey, len(toKey)/2), Keys{Identities: ids}, ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := verify(c.file, c.keys)
			if !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x40
	return c
}

func parseKey(t *testing.T, text string) []age.Identity {
	t.Helper()
	ids, err := age.ParseIdentities(strings.NewReader(text))
	must(t, err)
	return ids
}

func encrypt(t *testing.T, plain []byte, wrap func(*bytes.Buffer) (io.WriteCloser, error)) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := wrap(&out)
	must(t, err)
	_, err = w.Write(plain)
	must(t, err)
	must(t, w.Close())
	return out.Bytes()
}

func TestNewerFormat(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(w *Writer)
	}{
		{"comment and manifest", func(w *Writer) { w.version, w.man.FormatVersion = FormatVersion+1, FormatVersion+1 }},
		{"manifest only", func(w *Writer) { w.man.FormatVersion = FormatVersion + 2 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := verify(sample(t, c.mutate), Keys{})
			var nf *NewerFormatError
			if !errors.As(err, &nf) {
				t.Fatalf("got %v, want a NewerFormatError", err)
			}
		})
	}
}

func TestInvalidRecords(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(w *Writer)
	}{
		{"bad group name", func(w *Writer) { w.man.Group.Name = "" }},
		{"snapshot of an unknown petition", func(w *Writer) { w.AddSnapshot(Snapshot{Group: id(), Petition: id(), AsOf: t0}) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := verify(sample(t, c.mutate), Keys{})
			if err == nil {
				t.Fatal("accepted")
			}
		})
	}
}
