package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

func diskStore(t testing.TB, dir, pass string) *Store {
	t.Helper()
	s, err := openChecked(t, Options{Dir: dir, Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestReopenKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	s := diskStore(t, dir, "")
	p, err := s.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.Totals(p.ID)
	s.Close()
	s = diskStore(t, dir, "")
	defer s.Close()
	if got, err := s.Totals(p.ID); err != nil || got != want {
		t.Fatalf("after reopen %+v, want %+v (%v)", got, want, err)
	}
}

func TestSecondOpenSaysAlreadyOpen(t *testing.T) {
	dir := t.TempDir()
	s := diskStore(t, dir, "")
	defer s.Close()
	_, err := openChecked(t, Options{Dir: dir})
	var open *AlreadyOpenError
	if !errors.As(err, &open) || !strings.Contains(err.Error(), "another Petition Desk (window or command) has "+dir+" open") {
		t.Fatalf("got %v", err)
	}
}

// fileHashes fingerprints every file of a data directory.
func fileHashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			out[path] = sha256.Sum256(b)
		}
		return nil
	})
	return out
}

func TestEncryptionAtRest(t *testing.T) {
	dir := t.TempDir()
	const name = "Марыя Калеснікава"
	s := diskStore(t, dir, "correct horse battery staple")
	p := newPetition(t, s, 30)
	if err := s.AddSignature(p.ID, person(name, "220030")); err != nil {
		t.Fatal(err)
	}
	s.Close()

	t.Run("no file holds the name", func(t *testing.T) {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(name)) || bytes.Contains(b, []byte("Kramgasse")) {
					t.Errorf("%s holds personal data in clear", path)
				}
			}
			return nil
		})
	})
	before := fileHashes(t, dir)
	t.Run("wrong passphrase", func(t *testing.T) {
		if _, err := openChecked(t, Options{Dir: dir, Passphrase: "wrong"}); !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("no passphrase", func(t *testing.T) {
		if _, err := openChecked(t, Options{Dir: dir}); !errors.Is(err, ErrPassphraseNeeded) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("nothing touched", func(t *testing.T) {
		after := fileHashes(t, dir)
		for path, h := range before {
			if after[path] != h {
				t.Errorf("%s changed after a failed open", path)
			}
		}
	})
	t.Run("right passphrase", func(t *testing.T) {
		s := diskStore(t, dir, "correct horse battery staple")
		defer s.Close()
		if tot, _ := s.Totals(p.ID); tot.Digital != 1 {
			t.Fatalf("%+v", tot)
		}
	})
}

func TestBackupRestore(t *testing.T) {
	for _, pass := range []string{"", "s3cret passphrase"} {
		t.Run("passphrase="+pass, func(t *testing.T) {
			src := diskStore(t, t.TempDir(), pass)
			p, err := src.CreateDemo(testNow)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := src.Backup(&buf); err != nil {
				t.Fatal(err)
			}
			if pass != "" && bytes.Contains(buf.Bytes(), []byte("Zoë")) {
				t.Fatal("the backup of an encrypted database holds names in clear")
			}
			dst := diskStore(t, t.TempDir(), "")
			defer dst.Close()
			if err := dst.Restore(bytes.NewReader(buf.Bytes()), pass, false); err != nil {
				t.Fatal(err)
			}
			assertSameData(t, src, dst, p.ID)
			src.Close()
			if err := dst.Restore(bytes.NewReader(buf.Bytes()), pass, false); !errors.Is(err, ErrNotEmpty) {
				t.Fatalf("restore over data: %v", err)
			}
			if err := dst.Restore(bytes.NewReader(buf.Bytes()), pass, true); err != nil {
				t.Fatalf("restore --replace: %v", err)
			}
		})
	}
	t.Run("not a backup", func(t *testing.T) {
		dst := memStore(t)
		if err := dst.Restore(strings.NewReader("hello"), "", false); !errors.Is(err, ErrNotBackup) {
			t.Fatalf("got %v", err)
		}
	})
}

func assertSameData(t *testing.T, a, b *Store, pid string) {
	t.Helper()
	ta, _ := a.Totals(pid)
	tb, err := b.Totals(pid)
	if err != nil || ta != tb {
		t.Fatalf("totals %+v vs %+v (%v)", ta, tb, err)
	}
	var na, nb []petition.Signature
	a.ForEachSignature(pid, func(s *petition.Signature) error { na = append(na, *s); return nil })
	b.ForEachSignature(pid, func(s *petition.Signature) error { nb = append(nb, *s); return nil })
	if len(na) != len(nb) || len(na) == 0 {
		t.Fatalf("%d vs %d signatures", len(na), len(nb))
	}
	for i := range na {
		if na[i].ID != nb[i].ID || na[i].Name != nb[i].Name || len(na[i].Strokes) != len(nb[i].Strokes) {
			t.Fatalf("signature %d differs", i)
		}
	}
	sa, _ := a.Sheets(pid)
	sb, _ := b.Sheets(pid)
	if len(sa) != len(sb) {
		t.Fatalf("%d vs %d sheets", len(sa), len(sb))
	}
}
