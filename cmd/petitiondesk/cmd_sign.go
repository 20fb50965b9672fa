package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "sign",
		args:    "--petition ID --name N --street S --postcode P --city C --country C [--email E --consent] [--print-full-name] [--strokes FILE.json]",
		summary: "add one signature (prints its id once it is on disk)", run: runSign})
}

func runSign(e *env, args []string) error {
	f := e.flags
	ref := f.String("petition", "", "petition id or reference")
	var sig petition.Signature
	f.StringVar(&sig.Name, "name", "", "full name")
	f.StringVar(&sig.Address.Street, "street", "", "street and number")
	f.StringVar(&sig.Address.Postcode, "postcode", "", "postcode")
	f.StringVar(&sig.Address.City, "city", "", "town or city")
	f.StringVar(&sig.Address.Country, "country", "", "country")
	f.StringVar(&sig.Email, "email", "", "email (needs --consent)")
	f.BoolVar(&sig.Consent, "consent", false, "the signer agrees to be contacted")
	f.BoolVar(&sig.PrintFullName, "print-full-name", false, "a signer living in the target's country asks to be printed by full name for the recipient (else initials)")
	f.StringVar(&sig.Collector, "collector", "", "who collected it")
	f.StringVar(&sig.Location, "location", "", "where")
	strokes := f.String("strokes", "", "JSON file with the drawn signature: [[[x,y,t],...],...]")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *strokes != "" {
		var err error
		if sig.Strokes, err = readStrokesFile(*strokes); err != nil {
			return err
		}
	}
	_, err := withStore(e, func(s *store.Store) (struct{}, error) {
		p, err := e.petition(s, *ref)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, s.AddSignature(p.ID, &sig)
	})
	if err != nil {
		return err
	}
	e.notes = append(e.notes, uncoveredNotes(sig)...)
	// Printed only now: AddSignature returns once the commit is synced.
	_, err = fmt.Fprintln(e.stdout, sig.ID)
	return err
}

// uncoveredNotes warns of characters in the printed fields that no font
// in the PDFs has (issue 15), as the window's form does while they are
// typed: the signature is kept, but the pack will show a gap there.
func uncoveredNotes(sig petition.Signature) []string {
	var out []string
	for _, f := range []struct{ name, text string }{{"name", sig.Name}, {"street", sig.Address.Street},
		{"postcode", sig.Address.Postcode}, {"city", sig.Address.City}, {"country", sig.Address.Country}} {
		if u := export.Uncovered(f.text); len(u) > 0 {
			out = append(out, fmt.Sprintf("warning: no font in the printed sheets has %q (in the %s): it will print as a gap", string(u), f.name))
		}
	}
	return out
}

// maxStrokesFile bounds a --strokes file: the most points a signature may
// hold, written readably ([x,y,t] with long decimals), fit in about 1 MB.
const maxStrokesFile = 4 << 20

// readStrokesFile reads a --strokes file, refusing one too large before
// reading it (a device such as /dev/zero has no size, so the read itself
// is bounded too).
func readStrokesFile(path string) ([]petition.Stroke, error) {
	b, err := readSmallFile(path, maxStrokesFile, "a drawn signature")
	if err != nil {
		return nil, err
	}
	st, err := parseStrokes(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return st, nil
}

// parseStrokes reads the strokes of a --strokes file and checks them as
// the store will (size, points on the pad), so a bad file is named here.
func parseStrokes(b []byte) ([]petition.Stroke, error) {
	var st []petition.Stroke
	if err := json.Unmarshal(bytes.TrimSpace(b), &st); err != nil {
		return nil, fmt.Errorf("the file does not hold strokes as [[[x,y,t],...],...] (%v)", err)
	}
	if err := petition.ValidateStrokes(st); err != nil {
		return nil, err
	}
	return st, nil
}
