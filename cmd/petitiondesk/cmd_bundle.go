package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

func init() {
	register(command{name: "export bundle", args: "--out FILE [--petition ID] [--counts-only] [--to KEY|--passphrase]",
		summary: "write a bundle for the coordinator (optionally encrypted)", run: runExportBundle})
	register(command{name: "import bundle", args: "FILE [--key KEYFILE] [--json]",
		summary: "merge a group's bundle (checked first; twice changes nothing)", run: runImportBundle})
	register(command{name: "keygen", args: "--out KEYFILE",
		summary: "make a coordinator's key pair; prints the public key to give groups", run: runKeygen})
	register(command{name: "group", args: "[--name NAME]",
		summary: "show (or name) this database's group, as bundles show it", run: runGroup})
	register(command{name: "groups", args: "[--json]",
		summary: "groups known here, their key fingerprint, last bundle and totals per petition", run: runGroups})
	register(command{name: "groups forget-key", args: "GROUP",
		summary: "forget a group's pinned key: its next bundle pins a new one (compare it by phone first)", run: runForgetKey})
}

// bundlePassphraseEnv lets scripts give a bundle's passphrase.
const bundlePassphraseEnv = "PETITIONDESK_BUNDLE_PASSPHRASE"

func runExportBundle(e *env, args []string) error {
	out := e.flags.String("out", "", "the bundle file to write")
	countsOnly := e.flags.Bool("counts-only", false, "petitions and sheet counts only: no names, no signatures, no scans")
	to := e.flags.String("to", "", "encrypt to the coordinator's public key (age1…)")
	withPass := e.flags.Bool("passphrase", false, "encrypt with a passphrase (asked, or "+bundlePassphraseEnv+")")
	var refs petitionList
	e.flags.Var(&refs, "petition", "a petition to include (repeat for several; default: all)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"give the bundle file to write with --out FILE"}
	}
	if *to != "" && *withPass {
		return usageError{"choose --to or --passphrase, not both"}
	}
	pass := ""
	if *withPass {
		var err error
		if pass, err = bundlePassphrase(e, "Passphrase for the bundle: "); err != nil {
			return err
		}
	}
	m, err := withStore(e, func(s *store.Store) (*bundle.Manifest, error) {
		ids, err := petitionIDs(e, s, refs)
		if err != nil {
			return nil, err
		}
		return desk.ExportBundle(context.Background(), s, desk.BundleOptions{Path: *out, To: *to, Passphrase: pass,
			ExportOptions: store.ExportOptions{Petitions: ids, CountsOnly: *countsOnly, AppVersion: buildVersion()}}, nil)
	})
	if err != nil {
		return err
	}
	how := "not encrypted"
	switch {
	case *to != "":
		how = "encrypted to the coordinator's key"
	case pass != "":
		how = "encrypted with a passphrase"
	}
	fmt.Fprintf(e.stdout, "wrote %s for group %q: %s, %s, %s (%s)\n", *out, m.Group.Name,
		exportCount(m.Counts.Petitions, "petition"), exportCount(m.Counts.Sheets, "sheet"),
		exportCount(m.Counts.Signatures, "signature"), how)
	return nil
}

func bundlePassphrase(e *env, prompt string) (string, error) {
	if p := os.Getenv(bundlePassphraseEnv); p != "" {
		return p, nil
	}
	p, err := readPassphrase(e, prompt)
	if err == nil && p == "" {
		err = errors.New("no passphrase given")
	}
	return p, err
}

func runImportBundle(e *env, args []string) error {
	keyFile := e.flags.String("key", "", "the coordinator's key file (from keygen) for encrypted bundles")
	asJSON := e.flags.Bool("json", false, "print the report as JSON")
	arg, err := e.parseOne(args, "give the bundle file: petitiondesk import bundle FILE")
	if err != nil {
		return err
	}
	f, err := openBundle(e, arg, *keyFile)
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := withStore(e, func(s *store.Store) (*store.ImportReport, error) {
		return desk.ImportBundle(context.Background(), s, f, nil)
	})
	if err != nil || *asJSON {
		return printJSON(e, rep, importError(err, f.Manifest().Group))
	}
	if rep.KeyPinned {
		fmt.Fprintf(e.stdout, "first bundle from %q: key pinned, fingerprint %s; compare it with the group by phone (the group sees it with: petitiondesk group)\n", rep.Group.Name, rep.Fingerprint)
	}
	if rep.AlreadyImported && rep.Changes == 0 {
		fmt.Fprintf(e.stdout, "bundle %s from %q was imported before: nothing changed\n", rep.Bundle, rep.Group.Name)
		return nil
	}
	fmt.Fprintf(e.stdout, "imported bundle from %q made %s: %s added, %s updated, %s added, %s updated, %s flagged as possible duplicates\n",
		rep.Group.Name, rep.Created.Local().Format("2006-01-02 15:04"),
		exportCount(rep.SignaturesAdded, "signature"), exportCount(rep.SignaturesUpdated, "signature"),
		exportCount(rep.SheetsAdded, "sheet"), exportCount(rep.SheetsUpdated, "sheet"), exportCount(rep.Duplicates, "row"))
	if rep.OlderSnapshots > 0 {
		fmt.Fprintf(e.stdout, "%s older than what was already here: only missing records were added\n", exportCount(rep.OlderSnapshots, "part"))
	}
	if rep.ErasedHere > 0 || rep.PagesErasedHere > 0 {
		fmt.Fprintf(e.stdout, "%s and %s in the bundle were erased here before: they stay erased\n",
			exportCount(rep.ErasedHere, "signer"), exportCount(rep.PagesErasedHere, "scanned page"))
	}
	return nil
}

// importError adds to a refused key what the coordinator can do here.
func importError(err error, g bundle.Group) error {
	if errors.Is(err, bundle.ErrForeignKey) {
		return fmt.Errorf("%w; if %s really reinstalled its app, compare the new fingerprint with the group by phone, then run: petitiondesk groups forget-key %s", err, g.Name, g.ID)
	}
	return err
}

// openBundle opens a bundle file, asking for a passphrase when it needs one.
func openBundle(e *env, path, keyFile string) (*bundle.File, error) {
	var keys bundle.Keys
	if keyFile != "" {
		ids, err := bundle.ReadKeyFile(keyFile)
		if err != nil {
			return nil, err
		}
		keys.Identities = ids
	}
	keys.Passphrase = os.Getenv(bundlePassphraseEnv)
	f, err := bundle.OpenFile(path, keys)
	if errors.Is(err, bundle.ErrNeedPass) {
		if keys.Passphrase, err = bundlePassphrase(e, "Passphrase of the bundle: "); err != nil {
			return nil, err
		}
		f, err = bundle.OpenFile(path, keys)
	}
	if errors.Is(err, bundle.ErrNeedKey) {
		err = fmt.Errorf("%w: give the key file with --key FILE", err)
	}
	return f, err
}

func runKeygen(e *env, args []string) error {
	out := e.flags.String("out", "", "the key file to write (keep it secret)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"give the key file to write with --out FILE"}
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s exists: a key is not overwritten (bundles made for it could no longer be opened)", *out)
	}
	text, public, err := bundle.NewKey(time.Now())
	if err != nil {
		return err
	}
	if err := desk.WriteFile(nil, *out, true, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, public)
	fmt.Fprintf(e.stderr, "the secret key is in %s: keep it safe, groups need only the public key above\n", *out)
	return nil
}

func runGroup(e *env, args []string) error {
	name := e.flags.String("name", "", "the group's name, e.g. \"Amnesty group Thun\"")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	var fp string
	g, err := withStore(e, func(s *store.Store) (bundle.Group, error) {
		g, err := s.OwnGroup()
		if *name != "" {
			g, err = s.SetGroupName(*name)
		}
		if err == nil {
			fp, err = s.OwnFingerprint()
		}
		return g, err
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "%s\t%s\n", g.ID, g.Name)
		fmt.Fprintf(e.stdout, "key fingerprint: %s (read it to your coordinator by phone)\n", fp)
	}
	return err
}

// groupsView is what `groups` prints.
type groupsView struct {
	Groups    []petition.GroupInfo              `json:"groups"`
	Petitions map[string][]petition.GroupTotals `json:"totals_by_petition"` // by reference
}

func runGroups(e *env, args []string) error {
	asJSON := e.flags.Bool("json", false, "print JSON")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	v, err := withStore(e, func(s *store.Store) (groupsView, error) {
		v := groupsView{Petitions: map[string][]petition.GroupTotals{}}
		var err error
		if v.Groups, err = s.Groups(); err != nil {
			return v, err
		}
		list, err := s.Petitions()
		for _, p := range list {
			if err != nil {
				break
			}
			v.Petitions[p.Reference], err = s.TotalsByGroup(p.ID)
		}
		return v, err
	})
	if err != nil || *asJSON {
		return printJSON(e, v, err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tID\tKEY FINGERPRINT\tBUNDLES\tLAST IMPORT")
	for _, g := range v.Groups {
		last := ""
		if !g.LastImport.IsZero() {
			last = g.LastImport.Local().Format("2006-01-02 15:04")
		}
		if g.Own {
			last = "(this database)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", g.Name, g.ID, orDash(g.Fingerprint), g.Bundles, last)
	}
	fmt.Fprintln(tw, "\nPETITION\tGROUP\tDIGITAL\tPAPER\tSTRUCK\tDUPLICATES\tVALID")
	for ref, lines := range v.Petitions {
		for _, l := range lines {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\n", ref, l.GroupName, l.Digital, l.Paper, l.Struck, l.Duplicates, l.Valid())
		}
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// runForgetKey unpins a group's key (audited): for a group that
// reinstalled its app, once its new fingerprint was compared by phone.
func runForgetKey(e *env, args []string) error {
	arg, err := e.parseOne(args, "give the group (its id or name): petitiondesk groups forget-key GROUP")
	if err != nil {
		return err
	}
	g, err := withStore(e, func(s *store.Store) (petition.GroupInfo, error) {
		g, err := findGroup(s, arg)
		if err == nil {
			err = s.ForgetGroupKey(g.ID)
		}
		return g, err
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "forgot the key of %q (was %s): its next bundle pins the key it is signed with\n", g.Name, orDash(g.Fingerprint))
	}
	return err
}

// findGroup finds another group by id or (case-insensitive) name.
func findGroup(s *store.Store, ref string) (petition.GroupInfo, error) {
	list, err := s.Groups()
	if err != nil {
		return petition.GroupInfo{}, err
	}
	var found []petition.GroupInfo
	for _, g := range list {
		if !g.Own && (g.ID == ref || strings.EqualFold(g.Name, ref)) {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 0:
		return petition.GroupInfo{}, fmt.Errorf("no group %q here (see petitiondesk groups)", ref)
	case 1:
		return found[0], nil
	}
	return petition.GroupInfo{}, fmt.Errorf("several groups are called %q: give the id (see petitiondesk groups)", ref)
}
