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
	register(command{name: "export csv", args: "--out FILE [--bom] [--sep ';'] [--sheets] [--petition ID ...]",
		summary: "write the totals as CSV (UTF-8; --bom for Excel; --sheets adds FILE-sheets.csv)", run: runExportCSV})
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
			Path: *out, PersonalData: *personal, AppVersion: buildVersion(),
			Scope: desk.Scope{Petitions: ids, Now: time.Now()},
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
	bom := e.flags.Bool("bom", false, "start with a byte order mark and end lines with CRLF, for Excel")
	sepFlag := e.flags.String("sep", ",", "the field separator: ',' or ';' (German and French spreadsheets)")
	withSheets := e.flags.Bool("sheets", false, "also write one line per sheet to FILE-sheets.csv")
	var refs petitionList
	e.flags.Var(&refs, "petition", "a petition to include (repeat for several; default: all)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"give the file to write with --out FILE.csv"}
	}
	sep, err := csvSeparator(*sepFlag)
	if err != nil {
		return err
	}
	_, err = withStore(e, func(s *store.Store) (struct{}, error) {
		ids, err := petitionIDs(e, s, refs)
		if err != nil {
			return struct{}{}, err
		}
		opt := desk.CSVOptions{Path: *out, BOM: *bom, Sep: sep, Scope: desk.Scope{Petitions: ids, Now: time.Now()}}
		if *withSheets {
			opt.SheetsPath = sheetsCSVPath(*out)
		}
		return struct{}{}, desk.ExportCSV(context.Background(), s, opt, nil)
	})
	if err == nil {
		fmt.Fprintf(e.stdout, "wrote %s\n", *out)
		if *withSheets {
			fmt.Fprintf(e.stdout, "wrote %s\n", sheetsCSVPath(*out))
		}
	}
	return err
}

// csvSeparator reads --sep.
func csvSeparator(s string) (rune, error) {
	switch s {
	case ",", ";":
		return rune(s[0]), nil
	case "tab", "\t":
		return '\t', nil
	}
	return 0, usageError{"--sep must be ',' or ';' (or tab)"}
}

// sheetsCSVPath is where --sheets writes: beside the totals, "x.csv" →
// "x-sheets.csv".
func sheetsCSVPath(out string) string {
	base := out
	if strings.HasSuffix(strings.ToLower(base), ".csv") {
		base = base[:len(base)-4]
	}
	return base + "-sheets.csv"
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
