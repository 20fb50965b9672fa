package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "export xlsx", args: "--out FILE [--personal-data] [--petition ID ...]",
		summary: "write the Excel summary: totals, sheets, by week (signers only with --personal-data)", run: runExportXLSX})
	register(command{name: "export csv", args: "--out FILE [--bom] [--petition ID ...]",
		summary: "write the totals as CSV (UTF-8; --bom for Excel)", run: runExportCSV})
}

// petitionList is a repeatable --petition flag.
type petitionList []string

func (l *petitionList) String() string { return strings.Join(*l, ",") }

func (l *petitionList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

func runExportXLSX(e *env, args []string) error {
	out := e.flags.String("out", "", "the .xlsx file to write")
	personal := e.flags.Bool("personal-data", false, "include signers' names and addresses (the Signatures sheet)")
	var refs petitionList
	e.flags.Var(&refs, "petition", "a petition to include (repeat for several; default: all)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if !strings.HasSuffix(strings.ToLower(*out), ".xlsx") {
		return usageError{"give the workbook to write with --out FILE.xlsx"}
	}
	res, err := withStore(e, func(s *store.Store) (export.SummaryResult, error) {
		ids, err := petitionIDs(e, s, refs)
		if err != nil {
			return export.SummaryResult{}, err
		}
		return desk.ExportSummary(context.Background(), s, desk.SummaryOptions{
			Path: *out, PersonalData: *personal, Scope: desk.Scope{Petitions: ids, Now: time.Now()},
		}, nil)
	})
	if err != nil {
		return err
	}
	what := "no personal data"
	if res.PersonalData {
		what = "with signers' names and addresses: keep it safe"
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, %s, %s (%s)\n", *out, exportCount(res.Petitions, "petition"),
		exportCount(res.Sheets, "sheet"), exportCount(res.Signatures, "signature"), what)
	return nil
}

func runExportCSV(e *env, args []string) error {
	out := e.flags.String("out", "", "the .csv file to write")
	bom := e.flags.Bool("bom", false, "start with a byte order mark, for Excel")
	var refs petitionList
	e.flags.Var(&refs, "petition", "a petition to include (repeat for several; default: all)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"give the file to write with --out FILE.csv"}
	}
	_, err := withStore(e, func(s *store.Store) (struct{}, error) {
		ids, err := petitionIDs(e, s, refs)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, desk.ExportCSV(context.Background(), s, desk.CSVOptions{
			Path: *out, BOM: *bom, Scope: desk.Scope{Petitions: ids, Now: time.Now()},
		}, nil)
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	}
	return err
}

// exportCount writes "1 sheet", "2 sheets".
func exportCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// petitionIDs resolves each --petition (id, id prefix or reference).
func petitionIDs(e *env, s *store.Store, refs []string) ([]string, error) {
	ids := make([]string, 0, len(refs))
	for _, r := range refs {
		p, err := e.petition(s, r)
		if err != nil {
			return nil, err
		}
		ids = append(ids, p.ID)
	}
	return ids, nil
}
