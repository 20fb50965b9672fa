package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func encryptedDemo(t *testing.T, pass string) (dir string, totals string) {
	t.Helper()
	dir = t.TempDir()
	s, err := openChecked(t, Options{Dir: dir, Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreateDemo(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tot, _ := s.Totals(p.ID)
	s.Close()
	return dir, totalsString(tot.Digital, tot.Paper, tot.Struck)
}

func totalsString(n ...int) string { return fmt.Sprint(n) }

// opens reports whether pass opens dir, and checks the data when it does.
func opens(t *testing.T, dir, pass, want string) bool {
	t.Helper()
	s, err := openChecked(t, Options{Dir: dir, Passphrase: pass})
	if errors.Is(err, ErrWrongPassphrase) {
		return false
	}
	if err != nil {
		t.Fatalf("open with %q: %v", pass, err)
	}
	defer s.Close()
	list, _ := s.Petitions()
	tot, _ := s.Totals(list[0].ID)
	if got := totalsString(tot.Digital, tot.Paper, tot.Struck); got != want {
		t.Fatalf("data after the change: %s, want %s", got, want)
	}
	return true
}

func TestChangePassphrase(t *testing.T) {
	dir, want := encryptedDemo(t, "old market stall")
	tests := []struct {
		name     string
		old, new string
		err      error
	}{
		{"wrong old passphrase", "not it at all", "new passphrase 1", ErrWrongPassphrase},
		{"too short", "old market stall", "short", ErrShortPassphrase},
		{"changed", "old market stall", "new passphrase 1", nil},
		{"old one no longer works", "old market stall", "new passphrase 2", ErrWrongPassphrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ChangePassphrase(dir, tt.old, tt.new); !errors.Is(err, tt.err) {
				t.Fatalf("got %v, want %v", err, tt.err)
			}
		})
	}
	if opens(t, dir, "old market stall", want) || !opens(t, dir, "new passphrase 1", want) {
		t.Fatal("after the change only the new passphrase should open the database")
	}
	if _, err := os.Stat(filepath.Join(dir, stagingDir)); !os.IsNotExist(err) {
		t.Fatalf("the staging folder is left behind: %v", err)
	}
	s, _ := openChecked(t, Options{Dir: dir, Passphrase: "new passphrase 1"})
	defer s.Close()
	if err := ChangePassphrase(dir, "new passphrase 1", "another one 3"); !errors.As(err, new(*AlreadyOpenError)) {
		t.Fatalf("changing while open: %v", err)
	}
	entries, _ := s.AuditEntries(AuditFilter{Action: ActionPassphrase}, 0)
	if len(entries) != 1 || entries[0].Details["how"] != "change" {
		t.Fatalf("audit %+v", entries)
	}
}

func TestChangePassphraseUnencrypted(t *testing.T) {
	dir := t.TempDir()
	s, _ := openChecked(t, Options{Dir: dir})
	s.Close()
	if err := ChangePassphrase(dir, "", "new passphrase 1"); !errors.Is(err, ErrNotEncrypted) {
		t.Fatal(err)
	}
}

func TestRecoveryKey(t *testing.T) {
	dir, want := encryptedDemo(t, "first passphrase")
	s, _ := openChecked(t, Options{Dir: dir, Passphrase: "first passphrase"})
	var rk string
	err := s.CreateRecoveryKey(func(k string) error { rk = k; return nil })
	s.Close()
	if err != nil || !strings.HasPrefix(rk, "PDRK-") || !HasRecoveryKey(dir) {
		t.Fatalf("%q %v", rk, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, keyFileName)); strings.Contains(string(b), strings.ReplaceAll(rk, "-", "")[4:12]) {
		t.Fatal("the key file holds the recovery key in clear")
	}
	typed := strings.ToLower(strings.ReplaceAll(rk, "-", " ")) // as someone might type it
	steps := []struct {
		name string
		do   func() error
		err  error
		pass string // opens afterwards
	}{
		{"wrong recovery key", func() error { return ResetPassphrase(dir, formatRecoveryKey(make([]byte, 32)), "lost and found 1") }, ErrWrongRecoveryKey, "first passphrase"},
		{"garbage", func() error { return ResetPassphrase(dir, "hello", "lost and found 1") }, ErrWrongRecoveryKey, "first passphrase"},
		{"reset", func() error { return ResetPassphrase(dir, typed, "lost and found 1") }, nil, "lost and found 1"},
		{"change after reset", func() error { return ChangePassphrase(dir, "lost and found 1", "second change 2") }, nil, "second change 2"},
		{"the recovery key survives changes", func() error { return ResetPassphrase(dir, rk, "lost again 3") }, nil, "lost again 3"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := st.do(); !errors.Is(err, st.err) {
				t.Fatalf("got %v, want %v", err, st.err)
			}
			if !opens(t, dir, st.pass, want) {
				t.Fatalf("%q should open the database", st.pass)
			}
		})
	}
}

// A crash during a change is simulated by stopping after each step and
// leaving things as they are: one passphrase always opens the database,
// the recovery key always works, and the next change succeeds.
func TestChangePassphraseCrash(t *testing.T) {
	for _, step := range []int{2, 3, 4} {
		t.Run("after step "+string(rune('0'+step)), func(t *testing.T) {
			dir, want := encryptedDemo(t, "before the crash")
			s, _ := openChecked(t, Options{Dir: dir, Passphrase: "before the crash"})
			var rk string
			s.CreateRecoveryKey(func(k string) error { rk = k; return nil })
			s.Close()
			rekeyCrash = func(n int) bool { return n == step }
			err := ChangePassphrase(dir, "before the crash", "after the crash")
			rekeyCrash = func(int) bool { return false }
			if !errors.Is(err, errCrash) {
				t.Fatalf("the simulated crash did not happen: %v", err)
			}
			now := "before the crash"
			if step >= 4 {
				now = "after the crash"
			}
			if !opens(t, dir, now, want) {
				t.Fatalf("%q should open the database after a crash at step %d", now, step)
			}
			if err := ResetPassphrase(dir, rk, "reset after crash"); err != nil {
				t.Fatalf("recovery key after a crash at step %d: %v", step, err)
			}
			if err := ChangePassphrase(dir, "reset after crash", "and once more"); err != nil || !opens(t, dir, "and once more", want) {
				t.Fatalf("a change after the crash: %v", err)
			}
		})
	}
}

func TestCheckPassphrase(t *testing.T) {
	s, err := openChecked(t, Options{Dir: t.TempDir(), Passphrase: "market stall 7"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		pass string
		want bool
	}{{"market stall 7", true}, {"market stall", false}, {"", false}} {
		if got := s.CheckPassphrase(tc.pass); got != tc.want {
			t.Errorf("CheckPassphrase(%q) = %v, want %v", tc.pass, got, tc.want)
		}
	}
}
