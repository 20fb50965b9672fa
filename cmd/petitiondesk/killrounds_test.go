package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// The kill rounds run the command line as a separate process — this test
// binary, re-executed with cliChildEnv set, runs exactly what main runs
// for a subcommand — and kill -9 it at a random moment of its work. After
// each kill the database must open at the first try and hold everything
// a command acknowledged (exit 0, or the id it printed).
//
// PETITIONDESK_LONG=1 runs 125 rounds of each scenario instead of 4
// (a third of that, at least one, for the slow passphrase change).
const cliChildEnv = "PETITIONDESK_TEST_CLI_CHILD"

// TestMain runs the command line instead of the tests in a child process
// that a test started with cliChildEnv set: the arguments after the
// program's name, as main would.
func TestMain(m *testing.M) {
	if os.Getenv(cliChildEnv) == "1" {
		privateUmask()
		limitMemory()
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// killScenario is one kind of command to kill. setup prepares the data
// directory once; round starts one killable run and returns a check to
// make after the kill (nil if nothing is to be checked). Other scenarios
// (restore) are added to killScenarios.
type killScenario struct {
	name  string
	slow  bool // a third of the rounds (every open derives a key with scrypt)
	setup func(t *testing.T, k *killer)
	round func(t *testing.T, k *killer) (cmd []string, env []string, check func(t *testing.T, r childResult))
}

// killer holds one scenario's state across its rounds.
type killer struct {
	dir, tmp string
	pass     string            // the database's passphrase ("" if not encrypted)
	acked    map[string]string // acknowledged signature id → name
	erased   []string          // acknowledged erasures
	state    map[string]string // scenario-specific
	calib    time.Duration     // how long an unkilled run takes
	opens    int
}

// childResult is what a killed (or finished) run left.
type childResult struct {
	stdout, stderr string
	exited         bool // finished (with code) before the kill
	code           int
}

var killScenarios = []killScenario{
	{name: "sign", setup: demoSetup(""), round: signRound},
	{name: "import bundle", setup: importSetup, round: importRound},
	{name: "erase", setup: eraseSetup, round: eraseRound},
	{name: "passphrase change", slow: true, setup: demoSetup("kill rounds 0"), round: passphraseRound},
}

func TestKillRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("kill rounds in -short mode")
	}
	rounds := 4
	if os.Getenv("PETITIONDESK_LONG") == "1" {
		rounds = 125
	}
	for _, sc := range killScenarios {
		t.Run(sc.name, func(t *testing.T) {
			k := &killer{dir: filepath.Join(t.TempDir(), "data"), tmp: t.TempDir(),
				acked: map[string]string{}, state: map[string]string{}}
			sc.setup(t, k)
			k.calibrate(t, sc)
			killed, n := 0, rounds
			if sc.slow {
				n = max(1, rounds/3)
			}
			for i := 0; i < n; i++ {
				args, env, check := sc.round(t, k)
				r := k.runKilled(t, args, env, time.Duration(rand.Int64N(int64(k.calib)*5/4+1)))
				if !r.exited {
					killed++
				}
				if check != nil {
					check(t, r)
				}
				k.verifyOpen(t, i)
			}
			t.Logf("%s: %d rounds, %d killed mid-run, %d opens after a kill, 0 failed (an unkilled run takes %v)",
				sc.name, n, killed, k.opens, k.calib)
		})
	}
}

// calibrate times one round run to its end, so kills land inside the work.
func (k *killer) calibrate(t *testing.T, sc killScenario) {
	args, env, check := sc.round(t, k)
	start := time.Now()
	r := k.runKilled(t, args, env, time.Minute)
	k.calib = time.Since(start)
	if !r.exited || r.code != 0 {
		t.Fatalf("%v does not work unkilled: %d %s", args, r.code, r.stderr)
	}
	if check != nil {
		check(t, r)
	}
}

// runKilled starts the command line and sends SIGKILL after the delay.
func (k *killer) runKilled(t *testing.T, args, env []string, after time.Duration) childResult {
	t.Helper()
	c := exec.Command(os.Args[0], append(args, "--data", k.dir)...)
	c.Env = append(append(os.Environ(), cliChildEnv+"=1", "LANG=en_US.UTF-8", "PETITIONDESK_PASSPHRASE="+k.pass), env...)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	r := childResult{}
	select {
	case <-done:
		r.exited, r.code = true, c.ProcessState.ExitCode()
	case <-time.After(after):
		c.Process.Signal(syscall.SIGKILL)
		<-done
		if ws, ok := c.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			r.exited, r.code = true, c.ProcessState.ExitCode()
		}
	}
	r.stdout, r.stderr = out.String(), errb.String()
	if r.exited && r.code != 0 {
		t.Fatalf("%v failed: %s", args, r.stderr)
	}
	return r
}

// verifyOpen opens the database as the next command would: it must open
// at the first try and hold every acknowledged signature.
func (k *killer) verifyOpen(t *testing.T, round int) {
	t.Helper()
	k.opens++
	s, err := store.Open(store.Options{Dir: k.dir, Passphrase: k.pass})
	if err != nil {
		t.Fatalf("round %d: the first open after a kill failed: %v", round, err)
	}
	defer s.Close()
	for id, name := range k.acked {
		sig, err := s.SignatureByID(id)
		if err != nil {
			t.Fatalf("round %d: acknowledged signature %s lost: %v", round, id, err)
		}
		if sig.Name != name && !sig.ErasedPerson {
			t.Fatalf("round %d: signature %s changed", round, id)
		}
	}
	for _, id := range k.erased {
		if sig, err := s.SignatureByID(id); err != nil || !sig.ErasedPerson {
			t.Fatalf("round %d: acknowledged erasure of %s undone (%v)", round, id, err)
		}
	}
}

func demoSetup(pass string) func(t *testing.T, k *killer) {
	return func(t *testing.T, k *killer) {
		k.pass = pass
		t.Setenv("PETITIONDESK_PASSPHRASE", pass)
		if code, _, stderr := cli(t, "demo", "--data", k.dir); code != 0 {
			t.Fatal(stderr)
		}
	}
}

func signRound(t *testing.T, k *killer) ([]string, []string, func(*testing.T, childResult)) {
	name := fmt.Sprintf("Kill Round %04d", len(k.state))
	k.state[name] = ""
	args := []string{"sign", "--petition", "UA 147/20", "--name", name, "--street", "Marktgasse 3",
		"--postcode", "3011", "--city", "Bern", "--country", "Switzerland"}
	return args, nil, func(t *testing.T, r childResult) {
		if id := strings.TrimSpace(r.stdout); len(id) == 36 { // printed: acknowledged
			k.acked[id] = name
		}
	}
}

// eraseSetup adds enough signers for the long run's erasures.
func eraseSetup(t *testing.T, k *killer) {
	demoSetup("")(t, k)
	s, err := store.Open(store.Options{Dir: k.dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, _ := s.Petitions()
	for i := 0; i < 140; i++ {
		sig := &petition.Signature{Name: fmt.Sprintf("To Erase %03d", i),
			Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
		if err := s.AddSignature(list[0].ID, sig); err != nil {
			t.Fatal(err)
		}
	}
}

func eraseRound(t *testing.T, k *killer) ([]string, []string, func(*testing.T, childResult)) {
	// The first row not erased yet: a killed erasure may have finished
	// before the kill, so the row is looked up again each round.
	s, err := store.Open(store.Options{Dir: k.dir, Passphrase: k.pass})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.Petitions()
	id := ""
	s.ForEachSignature(list[0].ID, func(sig *petition.Signature) error {
		if id == "" && !sig.ErasedPerson {
			id = sig.ID
		}
		return nil
	})
	s.Close()
	return []string{"erase", "--signature", id}, nil, func(t *testing.T, r childResult) {
		if r.exited {
			k.erased = append(k.erased, id)
		}
	}
}

// passphraseRound changes the passphrase; a killed change leaves the old
// or the new one working, and the next round starts from whichever does.
func passphraseRound(t *testing.T, k *killer) ([]string, []string, func(*testing.T, childResult)) {
	next := fmt.Sprintf("kill rounds %d", len(k.state)+1)
	k.state[next] = ""
	return []string{"passphrase", "change"}, []string{"PETITIONDESK_NEW_PASSPHRASE=" + next}, func(t *testing.T, r childResult) {
		if r.exited {
			k.pass = next // acknowledged: only the new one may open it
			return
		}
		s, err := store.Open(store.Options{Dir: k.dir, Passphrase: next})
		switch {
		case err == nil:
			s.Close()
			k.pass = next
		case !errors.Is(err, store.ErrWrongPassphrase):
			t.Fatalf("after a killed passphrase change: %v", err)
		}
	}
}

// importSetup makes a group's bundle to import.
func importSetup(t *testing.T, k *killer) {
	group := filepath.Join(k.tmp, "group")
	t.Setenv("PETITIONDESK_PASSPHRASE", "")
	cli(t, "demo", "--data", group)
	cli(t, "group", "--name", "Group Thun", "--data", group)
	k.state["bundle"] = filepath.Join(k.tmp, "thun.bundle")
	if code, _, stderr := cli(t, "export", "bundle", "--data", group, "--out", k.state["bundle"]); code != 0 {
		t.Fatal(stderr)
	}
	k.state["full"] = "" // what the first, unkilled import leaves
}

// importRound imports the bundle into a new coordinator's database each
// time: the import applies all or nothing, whenever it is killed.
func importRound(t *testing.T, k *killer) ([]string, []string, func(*testing.T, childResult)) {
	k.dir = filepath.Join(k.tmp, fmt.Sprintf("coordinator%d", len(k.state)))
	k.state[k.dir] = ""
	if code, _, stderr := cli(t, "group", "--name", "Coordinator", "--data", k.dir); code != 0 {
		t.Fatal(stderr)
	}
	empty := rawTotals(t, k.dir)
	return []string{"import", "bundle", k.state["bundle"]}, nil, func(t *testing.T, r childResult) {
		got := rawTotals(t, k.dir)
		if k.state["full"] == "" && r.exited {
			k.state["full"] = got
		}
		if got != k.state["full"] && (r.exited || got != empty) {
			t.Fatalf("after the import (finished: %v) the totals are %s, want %s", r.exited, got, k.state["full"])
		}
	}
}

// rawTotals is `totals --json` as it prints, which must work.
func rawTotals(t *testing.T, dir string) string {
	t.Helper()
	code, out, stderr := cli(t, "totals", "--json", "--data", dir)
	if code != 0 {
		t.Fatalf("the first open after a kill failed: %s", stderr)
	}
	return out
}
