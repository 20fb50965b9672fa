package bundle

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestSignedBundleNamesItsKey(t *testing.T) {
	b := sample(t, nil)
	r, err := Open(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	if !r.SigningKey().Equal(testKey.Public()) {
		t.Fatal("the reader does not return the group's key")
	}
	if fp := Fingerprint(r.SigningKey()); len(fp) != 24 {
		t.Fatalf("fingerprint %q", fp)
	}
}

func TestOldVersionRefused(t *testing.T) {
	for name, mutate := range map[string]func(w *Writer){
		"comment and manifest": func(w *Writer) { w.version, w.man.FormatVersion = 1, 1 },
		"manifest only":        func(w *Writer) { w.man.FormatVersion = 1 },
	} {
		err := verify(sample(t, mutate), Keys{})
		if !errors.Is(err, ErrOldVersion) {
			t.Fatalf("%s: got %v, want ErrOldVersion", name, err)
		}
	}
}

func TestTamperedSignatureRefused(t *testing.T) {
	b := sample(t, nil)
	i := bytes.LastIndex(b, []byte(sigSeparator)) + len(sigSeparator) + 5
	for _, c := range []byte("0f") {
		if b[i] != c {
			b[i] = c
			break
		}
	}
	if err := verify(b, Keys{}); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("got %v, want ErrBadSignature", err)
	}
}

// A bundle signed by one key that names another in its manifest.
func TestKeyMismatchRefused(t *testing.T) {
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	b := sample(t, func(w *Writer) { w.key = other })
	if err := verify(b, Keys{}); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("got %v, want ErrBadSignature", err)
	}
	if err := verify(sample(t, func(w *Writer) { w.man.SigningKey = "" }), Keys{}); err == nil {
		t.Fatal("a bundle without a key was accepted")
	}
}

func TestUnsignedWriterFails(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, Header{ID: id(), Group: Group{ID: id(), Name: "Group"}, Created: t0})
	if err := w.Close(); err == nil {
		t.Fatal("a bundle was written without a key")
	}
}

func TestOtherGroupsRecordsRefused(t *testing.T) {
	other := id()
	snapshot := sample(t, func(w *Writer) { w.man.Group.ID = other })
	if err := verify(snapshot, Keys{}); !errors.Is(err, ErrOtherGroup) {
		t.Fatalf("snapshots of another group: got %v, want ErrOtherGroup", err)
	}
	var buf bytes.Buffer
	g := Group{ID: id(), Name: "Group Thun"}
	w := NewWriter(&buf, Header{ID: id(), Group: g, Created: t0, Key: testKey})
	p := petition.Example(t0)
	p.ID = id()
	must(t, w.AddPetition(p))
	w.AddSnapshot(Snapshot{Group: g.ID, Petition: p.ID, AsOf: t0})
	must(t, w.AddSheet(&petition.Sheet{PetitionID: p.ID, Group: other, Number: 1, Origin: petition.OriginPaper, Status: petition.SheetCollecting}))
	must(t, w.Close())
	if err := verify(buf.Bytes(), Keys{}); !errors.Is(err, ErrOtherGroup) {
		t.Fatalf("a sheet of another group: got %v, want ErrOtherGroup", err)
	}
}
