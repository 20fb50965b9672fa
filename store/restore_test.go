package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// demoBackup returns a backup of a demo database encrypted with pass
// (none when empty) and the id of its petition.
func demoBackup(t *testing.T, pass string) ([]byte, string) {
	t.Helper()
	src := diskStore(t, t.TempDir(), pass)
	defer src.Close()
	p, err := src.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), p.ID
}

// samplePositions returns the first and last 64 positions of n and 256
// spread in between.
func samplePositions(n int) []int {
	var at []int
	for i := 0; i < n; i++ {
		if i < 64 || i >= n-64 || i%(n/256+1) == 0 {
			at = append(at, i)
		}
	}
	return at
}

func TestRestoreRefusesAnyFlippedByteOrCut(t *testing.T) {
	b, _ := demoBackup(t, "")
	dst := memStore(t)
	for _, i := range samplePositions(len(b)) {
		bad := bytes.Clone(b)
		bad[i] ^= 0x10
		if err := dst.Restore(bytes.NewReader(bad), "", true); err == nil {
			t.Fatalf("a backup with byte %d of %d flipped was restored", i, len(b))
		}
		if err := dst.Restore(bytes.NewReader(b[:i]), "", true); err == nil {
			t.Fatalf("a backup cut to %d of %d bytes was restored", i, len(b))
		}
	}
	if err := dst.Restore(bytes.NewReader(append(bytes.Clone(b), 'x')), "", true); err == nil {
		t.Fatal("a backup with a byte added was restored")
	}
	if err := dst.Restore(bytes.NewReader(b), "", true); err != nil {
		t.Fatalf("the intact backup: %v", err)
	}
}

// dirState is what a failed restore must leave as it was.
func dirState(t *testing.T, dir string) ([]string, map[string][32]byte) {
	entries, _ := os.ReadDir(filepath.Dir(dir))
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".lock") {
			names = append(names, e.Name())
		}
	}
	return names, fileHashes(t, dir)
}

func TestFailedRestoreLeavesTheDatabase(t *testing.T) {
	const pass = "s3cret passphrase"
	plain, _ := demoBackup(t, "")
	enc, _ := demoBackup(t, pass)
	flipped := bytes.Clone(plain)
	flipped[len(flipped)/2] ^= 1
	encFlipped := bytes.Clone(enc)
	encFlipped[len(encFlipped)*2/3] ^= 1
	cases := []struct {
		name, pass string
		file       []byte
	}{
		{"cut off", "", plain[:len(plain)-100]},
		{"one byte flipped", "", flipped},
		{"encrypted, cut at a chunk boundary", pass, enc[:len(enc)-(len(enc)-200)%(64<<10+16)]},
		{"encrypted, one byte flipped", pass, encFlipped},
		{"wrong passphrase", "not it", enc},
		{"old format without checksum", "", oldFormat(plain)},
	}
	dir := filepath.Join(t.TempDir(), "data")
	s := diskStore(t, dir, "")
	defer s.Close()
	p := newPetition(t, s, 10)
	must(t, s.AddSignature(p.ID, person("Kept Person", "3011")))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			names, hashes := dirState(t, dir)
			safety := false
			err := s.RestoreWith(bytes.NewReader(c.file), RestoreOptions{Passphrase: c.pass, Replace: true, Safety: func(string) { safety = true }})
			if err == nil || !strings.HasPrefix(err.Error(), "store: restoring a backup: ") {
				t.Fatalf("restored, or no context: %v", err)
			}
			if safety {
				t.Error("a safety backup was written for a failed restore")
			}
			names2, hashes2 := dirState(t, dir)
			if strings.Join(names, " ") != strings.Join(names2, " ") || len(hashes) != len(hashes2) {
				t.Fatalf("files beside the data changed: %v -> %v", names, names2)
			}
			for f, h := range hashes {
				if hashes2[f] != h {
					t.Fatalf("%s changed", f)
				}
			}
			if tot, err := s.Totals(p.ID); err != nil || tot.Digital != 1 {
				t.Fatalf("the database changed: %+v %v", tot, err)
			}
		})
	}
}

// oldFormat turns a format-2 backup into format 1 (no trailer).
func oldFormat(b []byte) []byte {
	b = bytes.Clone(b[:len(b)-trailerLen])
	copy(b, backupMagicV1)
	return b
}

func TestOldBackups(t *testing.T) {
	const pass = "s3cret passphrase"
	plain, pid := demoBackup(t, "")
	dst := memStore(t)
	if err := dst.Restore(bytes.NewReader(oldFormat(plain)), "", false); !errors.Is(err, ErrBackupUnchecked) {
		t.Fatalf("an unchecked old backup: %v", err)
	}
	if err := dst.RestoreWith(bytes.NewReader(oldFormat(plain)), RestoreOptions{Unchecked: true}); err != nil {
		t.Fatalf("an old backup loaded on request: %v", err)
	}
	// An encrypted old backup is authenticated by age: it is accepted.
	var enc bytes.Buffer
	r, _ := age.NewScryptRecipient(pass)
	w, _ := age.Encrypt(&enc, r)
	w.Write(oldFormat(plain))
	w.Close()
	dst = memStore(t)
	if err := dst.Restore(&enc, pass, false); err != nil {
		t.Fatalf("an encrypted old backup: %v", err)
	}
	if tot, _ := dst.Totals(pid); tot.Digital != 35 {
		t.Fatalf("%+v", tot)
	}
}

func TestRestoreReplaceSwapsAndKeepsSafetyBackups(t *testing.T) {
	b, pid := demoBackup(t, "")
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	s, err := openChecked(t, Options{Dir: dir, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := newPetition(t, s, 10)
	must(t, s.AddSignature(p.ID, person("Before Restore", "3011")))
	must(t, os.WriteFile(filepath.Join(dir, ledgerName), []byte("signature 0000\n"), 0o600))
	var safety []string
	o := RestoreOptions{Replace: true, Safety: func(path string) { safety = append(safety, path) }}
	for range 2 {
		must(t, s.RestoreWith(bytes.NewReader(b), o))
	}
	if tot, err := s.Totals(pid); err != nil || tot.Digital != 35 {
		t.Fatalf("after the restore: %+v %v", tot, err)
	}
	if led, _ := os.ReadFile(filepath.Join(dir, ledgerName)); string(led) != "signature 0000\n" {
		t.Fatalf("the erasure ledger did not survive the restore: %q", led)
	}
	// Same clock, so the same second and nanosecond: the names still differ.
	if len(safety) != 2 || safety[0] == safety[1] {
		t.Fatalf("safety backups %v", safety)
	}
	first, err := os.Open(safety[0])
	must(t, err)
	defer first.Close()
	back := memStore(t)
	must(t, back.Restore(first, "", false))
	if tot, _ := back.Totals(p.ID); tot.Digital != 1 {
		t.Fatalf("the first safety backup does not hold the data as it was: %+v", tot)
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".petitiondesk-") && !strings.HasSuffix(e.Name(), ".lock") {
			t.Errorf("left beside the data: %s", e.Name())
		}
	}
}

func TestEncryptedRestoreStaysEncrypted(t *testing.T) {
	const pass = "s3cret passphrase"
	b, pid := demoBackup(t, pass)
	dir := filepath.Join(t.TempDir(), "data")
	s := diskStore(t, dir, pass)
	must(t, s.Restore(bytes.NewReader(b), pass, false))
	s.Close()
	for path := range fileHashes(t, dir) {
		raw, _ := os.ReadFile(path)
		if bytes.Contains(raw, []byte("Zoë")) {
			t.Fatalf("%s holds a name in clear after the restore", path)
		}
	}
	if _, err := openChecked(t, Options{Dir: dir, Passphrase: "wrong"}); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("the restored database opens with a wrong passphrase: %v", err)
	}
	s = diskStore(t, dir, pass)
	defer s.Close()
	if tot, _ := s.Totals(pid); tot.Digital != 35 {
		t.Fatalf("%+v", tot)
	}
}

// TestOpenFinishesOrUndoesAnInterruptedRestore builds each state a crash
// can leave (see restore_swap.go) and checks the next Open ends with the
// old or, once the swap began with a complete new one, the new database.
func TestOpenFinishesOrUndoesAnInterruptedRestore(t *testing.T) {
	tests := []struct {
		name                              string
		dirIs, newIs, oldIs               string // "old", "new", "" (missing)
		newComplete, markerInDir, wantNew bool
	}{
		{name: "staging unfinished", dirIs: "old", newIs: "new"},
		{name: "staged, not swapped", dirIs: "old", newIs: "new", newComplete: true},
		{name: "old moved aside", oldIs: "old", newIs: "new", newComplete: true, wantNew: true},
		{name: "old moved aside, new unfinished", oldIs: "old", newIs: "new"},
		{name: "swapped", dirIs: "new", oldIs: "old", markerInDir: true, wantNew: true},
		{name: "old removed, marker left", dirIs: "new", markerInDir: true, wantNew: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbs := map[string]string{"old": demoDir(t, 1), "new": demoDir(t, 2)}
			dir := filepath.Join(t.TempDir(), "data")
			st := stagingFor(dir)
			for where, which := range map[string]string{dir: tt.dirIs, st.new: tt.newIs, st.old: tt.oldIs} {
				if which != "" {
					must(t, os.Rename(dbs[which], where))
				}
			}
			if tt.newComplete {
				must(t, writeFileSync(filepath.Join(st.new, completeMarker), nil))
			}
			if tt.markerInDir {
				must(t, writeFileSync(filepath.Join(dir, completeMarker), nil))
			}
			s := diskStore(t, dir, "")
			defer s.Close()
			list, err := s.Petitions()
			if err != nil || len(list) != 1 {
				t.Fatalf("%d petitions, %v", len(list), err)
			}
			tot, _ := s.Totals(list[0].ID)
			if got := tot.Digital == 2; got != tt.wantNew {
				t.Fatalf("want the new database: %v, got %d signatures", tt.wantNew, tot.Digital)
			}
			for _, p := range []string{st.new, st.old, filepath.Join(dir, completeMarker)} {
				if exists(p) {
					t.Errorf("%s is left", p)
				}
			}
		})
	}
}

// demoDir makes a closed database with one petition and n signatures.
func demoDir(t *testing.T, n int) string {
	dir := filepath.Join(t.TempDir(), "db")
	s := diskStore(t, dir, "")
	p := newPetition(t, s, 10)
	for i := range n {
		must(t, s.AddSignature(p.ID, person("Someone "+string(rune('A'+i)), "3011")))
	}
	must(t, s.Close())
	return dir
}

func TestOpenRemovesStaleTemporaryFiles(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	diskStore(t, dir, "").Close()
	stale := []string{
		filepath.Join(dir, ".petitiondesk-export-123"),
		filepath.Join(parent, ".petitiondesk-restore-data.safety-456"),
	}
	other := filepath.Join(parent, ".petitiondesk-someone-else")
	for _, f := range append(stale, other) {
		must(t, os.WriteFile(f, []byte("Zoë"), 0o600))
	}
	diskStore(t, dir, "").Close()
	for _, f := range stale {
		if exists(f) {
			t.Errorf("%s is left", f)
		}
	}
	if !exists(other) {
		t.Error("a file of another data directory was removed")
	}
}

func TestCreateTempIsRemovedAtTheNextOpen(t *testing.T) {
	dir, elsewhere := filepath.Join(t.TempDir(), "data"), t.TempDir()
	s := diskStore(t, dir, "")
	f, err := s.CreateTemp(elsewhere)
	must(t, err)
	f.WriteString("Zoë")
	f.Close()
	if fi, _ := os.Stat(f.Name()); fi.Mode().Perm() != 0o600 || !strings.HasPrefix(filepath.Base(f.Name()), ".petitiondesk-") {
		t.Fatalf("%s mode %v", f.Name(), fi.Mode().Perm())
	}
	s.Close() // as if killed: the file is neither renamed nor removed
	diskStore(t, dir, "").Close()
	if exists(f.Name()) || exists(filepath.Join(dir, tempListName)) {
		t.Fatal("the temporary file or its list is left after the next open")
	}
}
