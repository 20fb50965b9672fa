package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// Signer rights, retention and the audit log on the command line. `find`
// prints names and addresses because that is what it is asked for; no
// other command prints, and nothing logs, a signer's personal data.
func init() {
	if os.Getenv("PETITIONDESK_LOG") == "debug" {
		store.SetVerboseLog(true) // the most verbose logging: still no personal data (tested)
	}
	register(command{name: "find", args: "NAME [--json] [--export FILE [--ids ID,…]]", summary: "find a signer's rows by name in every petition (any case, accents, alphabet); --export writes their data", run: runFind})
	register(command{name: "erase", args: "--signature ID[,ID] | --due | --petition ID --now", summary: "erase one signer's data (struck as withdrawn), what retention makes due, or a petition's personal data", run: runErase})
	register(command{name: "retention", args: "[--json]", summary: "when each petition's personal data is due to be erased", run: runRetention})
	register(command{name: "audit", args: "[--json|--csv] [--since DATE]", summary: "the audit log of exports, imports, erasures, strikes (no personal data); --petition, --action filter", run: runAudit})
}

// applyRetention erases what is due at every start of a command, as the
// window does at its start, and says so on stderr once the command is
// done. On failure the store is closed and the command stops.
func (e *env) applyRetention(s *store.Store) error {
	reps, err := s.ApplyRetention()
	if errors.Is(err, store.ErrNotPurged) {
		// The erasures are saved: say so, and let the command go on.
		e.notes, e.notPurged, err = append(e.notes, oneLine(err)), err, nil
	}
	if err != nil {
		s.Close()
		return fmt.Errorf("applying the retention periods: %w", err)
	}
	for _, r := range reps {
		e.notes = append(e.notes, r.String())
	}
	e.erased = reps
	return nil
}

func runFind(e *env, args []string) error {
	asJSON := e.flags.Bool("json", false, "print JSON")
	export := e.flags.String("export", "", "write the person's data to this file (JSON)")
	only := e.flags.String("ids", "", "with --export: only these of the matches (signature ids, comma-separated)")
	rest, err := e.parse(args, true)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageError{"give the name to search for: petitiondesk find NAME"}
	}
	q, err := store.ParseNameQuery(strings.Join(rest, " "))
	if err != nil {
		return usageError{err.Error()}
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	found, err := s.FindPersonList(q, 0)
	if err != nil {
		return err
	}
	if err := s.Audit(store.ActionFind, map[string]any{"count": len(found)}); err != nil {
		return err
	}
	if *export != "" {
		if found, err = pickMatches(found, *only); err != nil {
			return err
		}
		return exportPerson(e, s, found, *export)
	}
	if *asJSON {
		return printJSON(e, found, nil)
	}
	if len(found) == 0 {
		fmt.Fprintln(e.stdout, "no signature matches")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SIGNATURE ID\tPETITION\tSHEET\tROW\tNAME\tPOSTCODE\tCITY\tSIGNED\tSTRUCK")
	for _, m := range found {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", m.SignatureID, m.Reference, m.Sheet, m.Row,
			m.Name, m.Address.Postcode, m.Address.City, m.Signed.Local().Format("2006-01-02"), m.Struck)
	}
	return tw.Flush()
}

// pickMatches keeps the matches whose ids are listed (all when none are).
func pickMatches(found []store.PersonMatch, ids string) ([]store.PersonMatch, error) {
	if ids == "" {
		return found, nil
	}
	var out []store.PersonMatch
	for _, id := range strings.Split(ids, ",") {
		i := slices.IndexFunc(found, func(m store.PersonMatch) bool { return m.SignatureID == strings.TrimSpace(id) })
		if i < 0 {
			return nil, fmt.Errorf("signature %s is not among the matches", strings.TrimSpace(id))
		}
		out = append(out, found[i])
	}
	return out, nil
}

// exportPerson writes the matches' data readable by the user only
// (desk.ExportPerson) and says where it went.
func exportPerson(e *env, s *store.Store, found []store.PersonMatch, path string) error {
	ids := make([]string, len(found))
	for i, m := range found {
		ids[i] = m.SignatureID
	}
	if err := desk.ExportPerson(context.Background(), s, path, ids); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote the personal data of %d signatures to %s: it holds personal data, give it only to that person\n", len(ids), path)
	return nil
}

func runErase(e *env, args []string) error {
	sigID := e.flags.String("signature", "", "erase these signatures' personal data (ids, comma-separated) and strike them as withdrawn")
	due := e.flags.Bool("due", false, "erase the personal data of every petition whose retention time has run out")
	ref := e.flags.String("petition", "", "with --now: the petition whose personal data to erase")
	now := e.flags.Bool("now", false, "with --petition: erase that petition's personal data now, before its retention time")
	yes := e.flags.Bool("yes", false, "confirm --petition --now, which cannot be undone")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	modes := 0
	for _, on := range []bool{*sigID != "", *due, *now || *ref != ""} {
		if on {
			modes++
		}
	}
	switch {
	case modes != 1:
		return usageError{"say what to erase: --signature ID, --due, or --petition ID --now --yes"}
	case *ref != "" && !*now:
		return usageError{"--petition needs --now: it erases that petition's personal data at once"}
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	var reps []store.ErasureReport
	switch {
	case *sigID != "":
		var ids []string
		for _, id := range strings.Split(*sigID, ",") {
			ids = append(ids, strings.TrimSpace(id))
		}
		reps, err = s.EraseSignatures(ids)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%w: no such signature (see `petitiondesk find NAME`); nothing was erased", err)
		}
		if err != nil && !errors.Is(err, store.ErrNotPurged) {
			return err
		}
	case *due:
		// Opening the store applied retention already: report it here.
		reps, e.notes = e.erased, e.notes[:len(e.notes)-len(e.erased)]
		err = e.notPurged
		if len(reps) == 0 {
			fmt.Fprintln(e.stdout, "no petition is due for erasure (see `petitiondesk retention`)")
		}
	default:
		var p *petition.Petition
		if p, err = e.petition(s, *ref); err != nil {
			return err
		}
		if !*yes {
			return usageError{fmt.Sprintf("erasing the personal data of every signer of %s cannot be undone: add --yes", p.Reference)}
		}
		var rep store.ErasureReport
		rep, err = s.ErasePetitionData(p.ID, store.ActionEraseNow)
		if err != nil && !errors.Is(err, store.ErrNotPurged) {
			return err
		}
		reps = append(reps, rep)
	}
	for _, r := range reps {
		fmt.Fprintln(e.stdout, r.String())
	}
	// What was erased is said first; then that the disk may still hold it.
	return err
}

func runRetention(e *env, args []string) error {
	asJSON := e.flags.Bool("json", false, "print JSON")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	infos, err := withStore(e, func(s *store.Store) ([]store.RetentionInfo, error) { return s.Retention() })
	if err != nil || *asJSON {
		return printJSON(e, infos, err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "REFERENCE\tKEEP DAYS\tDELIVERED\tERASE ON\tSTATE")
	for _, r := range infos {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", r.Reference, r.Days, r.DeliveredOn, r.DueOn, retentionState(r))
	}
	return tw.Flush()
}

// retentionState says in words where a petition stands.
func retentionState(r store.RetentionInfo) string {
	switch {
	case !r.ErasedAt.IsZero():
		return "personal data erased " + r.ErasedAt.Local().Format("2006-01-02")
	case !r.Delivered:
		return "kept until delivery, then " + fmt.Sprint(r.Days) + " days"
	case r.Due:
		return "due now: run `petitiondesk erase --due`"
	}
	return fmt.Sprintf("%d days left", r.DaysLeft)
}

func runAudit(e *env, args []string) error {
	asJSON := e.flags.Bool("json", false, "print JSON")
	asCSV := e.flags.Bool("csv", false, "print CSV")
	ref := e.flags.String("petition", "", "only this petition")
	action := e.flags.String("action", "", "only this action, e.g. erase")
	since := e.flags.String("since", "", "only from this day on (YYYY-MM-DD)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	var f store.AuditFilter
	f.Action = *action
	if *since != "" {
		d, err := petition.ParseDate(*since)
		if err != nil {
			return usageError{err.Error()}
		}
		f.Since = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local)
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if *ref != "" {
		p, err := e.petition(s, *ref)
		if err != nil {
			return err
		}
		f.PetitionID = p.ID
	}
	refs := map[string]string{}
	if list, err := s.Petitions(); err == nil {
		for _, p := range list {
			refs[p.ID] = p.Reference
		}
	}
	var entries []store.AuditEntry
	if err := s.ForEachAudit(f, func(a store.AuditEntry) error { entries = append(entries, a); return nil }); err != nil {
		return err
	}
	switch {
	case *asJSON:
		return printJSON(e, entries, nil)
	case *asCSV:
		return store.WriteAuditCSV(e.stdout, entries, refs)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tACTION\tPETITION\tCOUNT\tDETAILS")
	for _, a := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", a.Time.Local().Format("2006-01-02 15:04:05"), a.Action, refs[a.PetitionID], a.Count, auditDetails(a))
	}
	return tw.Flush()
}

func auditDetails(a store.AuditEntry) string {
	var parts []string
	for _, k := range a.DetailKeys() {
		parts = append(parts, fmt.Sprintf("%s=%v", k, a.Details[k]))
	}
	return strings.Join(parts, " ")
}

func init() {
	register(command{name: "passphrase change", summary: "change the passphrase of an encrypted database (the data is not rewritten)", run: runPassphraseChange})
	register(command{name: "passphrase recovery-key", args: "FILE", summary: "write a new recovery key to FILE: it can set a new passphrase if this one is lost", run: runRecoveryKey})
	register(command{name: "passphrase reset", args: "--recovery-key FILE", summary: "set a new passphrase with the recovery key", run: runPassphraseReset})
}

// secrets asks for passphrases: without echo on a terminal, one line each
// from a pipe (so scripts can feed old and new in turn).
type secrets struct {
	e *env
	r *bufio.Reader
}

func (s *secrets) ask(env, prompt string) (string, error) {
	if v := os.Getenv(env); v != "" {
		return v, nil
	}
	if f, ok := s.e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return readPassphrase(s.e, prompt)
	}
	if s.r == nil {
		s.r = bufio.NewReader(s.e.stdin)
	}
	line, _ := s.r.ReadString('\n')
	if line = strings.TrimRight(line, "\r\n"); line == "" {
		return "", fmt.Errorf("set %s or type it", env)
	}
	return line, nil
}

// askNew asks for a new passphrase, twice on a terminal.
func (s *secrets) askNew() (string, error) {
	p, err := s.ask("PETITIONDESK_NEW_PASSPHRASE", "New passphrase (a lost passphrase means lost data): ")
	if err != nil {
		return "", err
	}
	if err := store.ValidateNewPassphrase(p); err != nil {
		return "", err
	}
	if f, ok := s.e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) && os.Getenv("PETITIONDESK_NEW_PASSPHRASE") == "" {
		again, err := readPassphrase(s.e, "The new passphrase again: ")
		if err != nil {
			return "", err
		}
		if again != p {
			return "", errors.New("the two passphrases differ: nothing was changed")
		}
	}
	return p, nil
}

// dir is the data directory named by --data, or the default one.
func (e *env) dir() (string, error) {
	if *e.dataDir != "" {
		return *e.dataDir, nil
	}
	dir, err := store.DefaultDir()
	return dir, noDataDir(err)
}

func runPassphraseChange(e *env, args []string) error {
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	if st, err := store.Inspect(dir); err != nil || !st.Encrypted {
		return cmp.Or(err, store.ErrNotEncrypted)
	}
	sec := &secrets{e: e}
	old, err := sec.ask("PETITIONDESK_PASSPHRASE", "Current passphrase for "+dir+": ")
	if err != nil {
		return err
	}
	p, err := sec.askNew()
	if err != nil {
		return err
	}
	if err := store.ChangePassphrase(dir, old, p); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "the passphrase is changed: open the database with the new one from now on")
	return nil
}

func runRecoveryKey(e *env, args []string) error {
	arg, err := e.parseOne(args, "give the file to write the recovery key to: petitiondesk passphrase recovery-key FILE")
	if err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	err = s.CreateRecoveryKey(func(key string) error {
		text := fmt.Sprintf("Petition Desk recovery key for the database in %s, made %s\n\n%s\n\n"+
			"With this key anyone can set a new passphrase for that database and read it.\n"+
			"Keep it apart from the laptop: printed and locked away, or on a USB stick in a safe place.\n"+
			"If the passphrase is lost: petitiondesk passphrase reset --recovery-key THIS_FILE --data DIR\n",
			s.Dir(), time.Now().Format("2006-01-02"), key)
		return desk.WriteFile(s, arg, true, func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "recovery key written to %s: keep it apart from the laptop; any earlier recovery key no longer works\n", arg)
	return nil
}

func runPassphraseReset(e *env, args []string) error {
	keyFile := e.flags.String("recovery-key", "", "the file holding the recovery key")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *keyFile == "" {
		return usageError{"give the recovery key file: petitiondesk passphrase reset --recovery-key FILE"}
	}
	b, err := readSmallFile(*keyFile, 64<<10, "a recovery key") // a key is a line; a mistaken choice may be a film
	if err != nil {
		return err
	}
	dir, err := e.dir()
	if err != nil {
		return err
	}
	p, err := (&secrets{e: e}).askNew()
	if err != nil {
		return err
	}
	if err := store.ResetPassphrase(dir, store.FindRecoveryKey(string(b)), p); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "a new passphrase is set: open the database with it from now on (the recovery key still works)")
	return nil
}
