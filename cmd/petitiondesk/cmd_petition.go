package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "petition new", args: "--ref REF --title TITLE [FIELD=VALUE …]",
		summary: "create a petition (fields as in `petition set`)", run: runPetitionNew})
	register(command{name: "petition set", args: "--petition ID FIELD=VALUE …",
		summary: "change fields of a petition; lists are separated by |, e.g. targets='Minister A|Embassy B'", run: runPetitionSet})
	register(command{name: "petition show", args: "--petition ID [--json]",
		summary: "print a petition's fields", run: runPetitionShow})
	register(command{name: "petition export", args: "--petition ID --out FILE",
		summary: "write a campaign file for groups (docs/PETITION-FORMAT.md): the petition without signatures, signed with this database's key", run: runPetitionExport})
	register(command{name: "petition import", args: "FILE",
		summary: "create a petition from a campaign or petition file; a later file of the same campaign updates it", run: runPetitionImport})
	register(command{name: "petition forget-key", args: "--petition ID",
		summary: "forget the key pinned for the campaign a petition came from: its next file pins a new one (compare it by phone first)", run: runPetitionForgetKey})
}

// fieldLine writes a petition's validation errors on one line, each with
// its field, as the editor shows each message beside its field.
func fieldLine(err error) error {
	var v petition.ValidationError
	var f *petition.FieldError
	switch {
	case errors.As(err, &v):
		parts := make([]string, len(v))
		for i, fe := range v {
			parts[i] = fe.Field + ": " + fe.Message
		}
		return errors.New(strings.Join(parts, "; "))
	case errors.As(err, &f):
		return errors.New(f.Field + ": " + f.Message)
	}
	return err
}

// setFields applies FIELD=VALUE arguments.
func setFields(p *petition.Petition, args []string) error {
	for _, a := range args {
		field, value, ok := strings.Cut(a, "=")
		if !ok {
			return usageError{fmt.Sprintf("%q: give fields as FIELD=VALUE (fields: %s)", a, strings.Join(petition.SetFields, ", "))}
		}
		if err := p.SetField(strings.TrimSpace(field), value); err != nil {
			return fieldLine(err)
		}
	}
	return nil
}

func runPetitionNew(e *env, args []string) error {
	ref := e.flags.String("ref", "", "the case reference, e.g. \"UA 147/20\"")
	title := e.flags.String("title", "", "the petition's title")
	rest, err := e.parse(args, true)
	if err != nil {
		return err
	}
	p := petition.New()
	p.Reference, p.Title = *ref, *title
	if err := setFields(p, rest); err != nil {
		return err
	}
	return createPetition(e, p)
}

// createPetition stores a new petition and prints its id.
func createPetition(e *env, p *petition.Petition) error {
	_, err := withStore(e, func(s *store.Store) (struct{}, error) { return struct{}{}, s.CreatePetition(p) })
	if err != nil {
		return fieldLine(err)
	}
	fmt.Fprintf(e.stdout, "%s\t%s\n", p.ID, p.Reference)
	return nil
}

func runPetitionSet(e *env, args []string) error {
	ref := e.flags.String("petition", "", "the petition: id, start of the id, or reference")
	rest, err := e.parse(args, true)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageError{"say what to change: FIELD=VALUE …"}
	}
	_, err = withStore(e, func(s *store.Store) (struct{}, error) {
		p, err := e.petition(s, *ref)
		if err != nil {
			return struct{}{}, err
		}
		if err := setFields(p, rest); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, fieldLine(s.UpdatePetition(p))
	})
	return err
}

func runPetitionShow(e *env, args []string) error {
	ref := e.flags.String("petition", "", "the petition: id, start of the id, or reference")
	asJSON := e.flags.Bool("json", false, "print JSON (the stored petition)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	p, err := withStore(e, func(s *store.Store) (*petition.Petition, error) { return e.petition(s, *ref) })
	if err != nil || *asJSON {
		return printJSON(e, p, err)
	}
	fmt.Fprintf(e.stdout, "id: %s\nreference: %s\ntitle: %s\norganisation: %s\nstatus: %s\ndeadline: %s (post by %s)\ngoal: %d\nlanguages: %s\n",
		p.ID, p.Reference, p.Title, p.Organisation, p.Status, p.Deadline, p.PostBy(), p.Goal, strings.Join(p.Languages, ", "))
	for _, t := range p.Targets {
		fmt.Fprintf(e.stdout, "target: %s\n", strings.TrimSpace(t.Name+", "+t.Title))
	}
	for _, d := range p.Demands {
		fmt.Fprintf(e.stdout, "demand: %s\n", d)
	}
	fmt.Fprintf(e.stdout, "letter:\n%s\n", p.Letter)
	return nil
}

func runPetitionExport(e *env, args []string) error {
	ref := e.flags.String("petition", "", "the petition: id, start of the id, or reference")
	out := e.flags.String("out", "", "the campaign file to write (.json)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"give the file to write with --out FILE.json"}
	}
	fp, err := withStore(e, func(s *store.Store) (string, error) {
		p, err := e.petition(s, *ref)
		if err != nil {
			return "", err
		}
		return desk.ExportCampaign(context.Background(), s, *out, p)
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "wrote %s, signed with this database's key, fingerprint %s: groups see it when they import the file\n", *out, fp)
	}
	return err
}

func runPetitionImport(e *env, args []string) error {
	arg, err := e.parseOne(args, "give one petition file: petition import FILE")
	if err != nil {
		return err
	}
	b, err := readSmallFile(arg, 1<<20, "a petition file")
	if err != nil {
		return err
	}
	res, err := withStore(e, func(s *store.Store) (*desk.CampaignResult, error) {
		return desk.ImportCampaign(s, bytes.NewReader(b))
	})
	if err != nil {
		return campaignError(err)
	}
	fmt.Fprintf(e.stdout, "%s\t%s\n", res.Petition.ID, res.Petition.Reference)
	fmt.Fprintln(e.stdout, campaignWords(res))
	return nil
}

// campaignWords says in one line what importing a petition file did.
func campaignWords(res *desk.CampaignResult) string {
	from := fmt.Sprintf("campaign from %q, key fingerprint %s", res.From, res.Fingerprint)
	switch {
	case res.Unsigned:
		return "unsigned petition file (version 1): nobody can tell who wrote it; a new draft was made (ask the sender for a signed campaign file)"
	case res.Created:
		return from + ": first file, key pinned; compare the fingerprint with the sender by phone"
	case res.Same:
		return from + ": imported before, nothing changed"
	case res.Older:
		return from + ": older than the file imported before, nothing changed"
	case len(res.Changed) == 0:
		return from + ": nothing in the petition changed"
	}
	line := from + ": updated " + strings.Join(res.Changed, ", ") + "; signatures and sheets untouched"
	if res.KeptLayout {
		line += "; rows per sheet kept, as sheets are printed"
	}
	if res.KeyPinned {
		line += "; new key pinned"
	}
	return line
}

// campaignError adds to a refused key what the group can do here.
func campaignError(err error) error {
	var ke *store.CampaignKeyError
	if errors.As(err, &ke) {
		return fmt.Errorf("%w; if the sender really changed its key, compare the new fingerprint with it by phone, then run: petitiondesk petition forget-key --petition %s", err, ke.PetitionID)
	}
	return err
}

// runPetitionForgetKey unpins a campaign's key (audited).
func runPetitionForgetKey(e *env, args []string) error {
	ref := e.flags.String("petition", "", "the petition: id, start of the id, or reference")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	p, err := withStore(e, func(s *store.Store) (*petition.Petition, error) {
		p, err := e.petition(s, *ref)
		if err == nil {
			err = s.ForgetCampaignKey(p.ID)
		}
		return p, err
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "forgot the campaign key of %s: its next campaign file pins the key it carries\n", p.Reference)
	}
	return err
}
