package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// command is one subcommand. Each lives in its own cmd_*.go file and
// registers itself, so adding one touches no shared list.
type command struct {
	name    string // e.g. "totals" or "export pdf"
	args    string // usage after the name, e.g. "[--json]"
	summary string
	run     func(env *env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// env is what a command gets: its streams and a way to open the store.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	flags          *flag.FlagSet
	dataDir        *string
	notes          []string              // printed on stderr once the command succeeded
	bulk           bool                  // open the database for a bulk load (store.Options.BulkLoad)
	erased         []store.ErasureReport // what retention erased when the store was opened
	notPurged      error                 // retention's purge failed (store.ErrNotPurged) when the store was opened
}

// usageError marks a mistake in the command line itself (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run executes one subcommand and returns the process exit code. Errors
// are printed as one plain line on stderr.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if emptyData(args) {
		fmt.Fprintln(stderr, "petitiondesk: --data needs a directory; leave --data out to use the default one")
		return 2
	}
	c, rest, ok := lookup(args)
	if !ok {
		if len(args) > 0 && args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "petitiondesk: unknown command %q (try `petitiondesk help`)\n", strings.Join(args, " "))
			return 2
		}
		printHelp(stdout)
		return 0
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	e.flags = flag.NewFlagSet(c.name, flag.ContinueOnError)
	e.flags.SetOutput(io.Discard)
	e.dataDir = e.flags.String("data", "", "data directory (default: the user's config directory)")
	err := c.run(e, rest)
	if err == nil {
		for _, n := range e.notes {
			fmt.Fprintf(stderr, "petitiondesk: %s\n", n)
		}
		return 0
	}
	fmt.Fprintf(stderr, "petitiondesk %s: %s\n", c.name, plainError(err))
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// windowArgs recognises the arguments that open the window: none, or
// only --data DIR (an empty DIR is left to run, which refuses it).
func windowArgs(args []string) (dir string, ok bool) {
	switch {
	case len(args) == 0:
		return "", true
	case emptyData(args):
		return "", false
	case len(args) == 2 && (args[0] == "--data" || args[0] == "-data"):
		return args[1], true
	case len(args) == 1 && strings.HasPrefix(args[0], "--data="):
		return strings.TrimPrefix(args[0], "--data="), true
	}
	return "", false
}

// emptyData reports whether the arguments give --data an empty (or
// blank) directory: a script whose variable is unset must not silently
// read or write the default profile's signers.
func emptyData(args []string) bool {
	for i, a := range args {
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if a == "--" {
			return false
		}
		if !strings.HasPrefix(a, "-") || name != "data" {
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return false // flag reports the missing value
			}
			val = args[i+1]
		}
		if strings.TrimSpace(val) == "" {
			return true
		}
	}
	return false
}

// lookup finds the longest command name that the arguments start with.
func lookup(args []string) (command, []string, bool) {
	for n := min(2, len(args)); n > 0; n-- {
		if c, ok := commands[strings.Join(args[:n], " ")]; ok {
			return c, args[n:], true
		}
	}
	return command{}, nil, false
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Petition Desk: collect, scan, count and post petition signatures, offline.")
	fmt.Fprintln(w, "\nWith no command, the window opens. Commands (each takes --data DIR):")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprintln(w, "\nAn encrypted database is opened with PETITIONDESK_PASSPHRASE or a prompt.")
}

// parse reads the flags; stray positional arguments are refused unless
// the command wants them (wantArgs).
func (e *env) parse(args []string, wantArgs bool) ([]string, error) {
	if err := e.flags.Parse(args); err != nil {
		return nil, usageError{err.Error()}
	}
	rest := e.flags.Args()
	for len(rest) > 0 && wantArgs {
		// Go's flag stops at the first positional argument: allow flags after it.
		i := 0
		for i < len(rest) && !strings.HasPrefix(rest[i], "-") {
			i++
		}
		if i == len(rest) {
			break
		}
		pos := rest[:i]
		if err := e.flags.Parse(rest[i:]); err != nil {
			return nil, usageError{err.Error()}
		}
		rest = append(append([]string{}, pos...), e.flags.Args()...)
		if len(e.flags.Args()) == 0 {
			break
		}
	}
	if !wantArgs && len(rest) > 0 {
		return nil, usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	return rest, nil
}

// parseOne parses the flags and the one argument the command takes
// (usage says which, when it is missing or there are more).
func (e *env) parseOne(args []string, usage string) (string, error) {
	rest, err := e.parse(args, true)
	if err != nil {
		return "", err
	}
	if len(rest) != 1 {
		return "", usageError{usage}
	}
	return rest[0], nil
}

// open opens the database named by --data (or the default directory).
func (e *env) open() (*store.Store, error) {
	dir := *e.dataDir
	if dir == "" {
		var err error
		if dir, err = store.DefaultDir(); err != nil {
			return nil, noDataDir(err)
		}
	}
	pass := os.Getenv("PETITIONDESK_PASSPHRASE")
	// On a nearly full disk, reading still works: a command that writes
	// gets the disk-full error at its first write (see store/readonly.go).
	s, err := store.Open(store.Options{Dir: dir, Passphrase: pass, ReadOnlyIfFull: true, BulkLoad: e.bulk})
	if errors.Is(err, store.ErrPassphraseNeeded) && pass == "" {
		if pass, err = readPassphrase(e, "Passphrase for "+dir+": "); err != nil {
			return nil, err
		}
		s, err = store.Open(store.Options{Dir: dir, Passphrase: pass, ReadOnlyIfFull: true, BulkLoad: e.bulk})
	}
	if err == nil && s.ReadOnly() {
		e.notes = append(e.notes, oneLine(s.ReadOnlyReason())+"; opened for reading only")
		return s, nil // retention waits for a start with room to write
	}
	if err == nil && !s.Encrypted() && s.IsNew() {
		e.notes = append(e.notes, "the new database in "+dir+" is not encrypted: set PETITIONDESK_PASSPHRASE to encrypt it (see the README's Privacy section)")
	}
	if err == nil {
		if err = e.applyRetention(s); err != nil { // at every start, as the window does: see cmd_privacy.go
			return nil, err
		}
	}
	return s, err
}

// petition resolves --petition: an id, a unique id prefix or a reference.
func (e *env) petition(s *store.Store, ref string) (*petition.Petition, error) {
	if ref == "" {
		list, err := s.Petitions()
		if err != nil {
			return nil, err
		}
		if len(list) == 1 {
			return &list[0], nil
		}
		return nil, usageError{"say which petition with --petition ID (see `petitiondesk petitions`)"}
	}
	return s.FindPetition(ref)
}

// oneLine folds an error (a validation error may list several problems)
// into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// noDataDir words store.ErrNoDataDir for the command line.
func noDataDir(err error) error {
	if errors.Is(err, store.ErrNoDataDir) {
		return fmt.Errorf("%w: choose a data directory with --data DIR", err)
	}
	return err
}
