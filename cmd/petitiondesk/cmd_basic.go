package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "demo", args: "[--signatures N [--groups G] [--paper-share P]]",
		summary: "create the example petition with sample signatures, or a generated load of N", run: runDemo})
	register(command{name: "petitions", args: "[--json]", summary: "list petitions with deadline status and totals", run: runPetitions})
	register(command{name: "totals", args: "[--json]", summary: "signature totals per petition", run: runTotals})
}

func runDemo(e *env, args []string) error {
	n := e.flags.Int("signatures", 0, "generate a petition with this many signatures instead (a load for trying the app at scale)")
	groups := e.flags.Int("groups", 10, "with --signatures: local groups whose merged bundles hold them (0: all collected here)")
	paper := e.flags.Float64("paper-share", 0.2, "with --signatures: the share counted on paper sheets (0 to 1)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	e.bulk = *n > 0
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if *n > 0 {
		return generateLoad(e, s, store.LoadOptions{Signatures: *n, Groups: *groups, PaperShare: *paper, Seed: uint64(time.Now().UnixNano())})
	}
	p, err := s.CreateDemo(time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created the example petition %s (%s)\n", p.ID, p.Reference)
	return nil
}

// generateLoad runs `demo --signatures`, with its progress on stderr.
func generateLoad(e *env, s *store.Store, o store.LoadOptions) error {
	t0 := time.Now()
	last := time.Now()
	o.Progress = func(done, total int) {
		if time.Since(last) > 2*time.Second || done == total {
			last = time.Now()
			fmt.Fprintf(e.stderr, "%d of %d signatures (%.0f s)\n", done, total, time.Since(t0).Seconds())
		}
	}
	rep, err := s.GenerateLoad(context.Background(), o)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s (%s): %d signature rows and %d counted on paper on %d sheets, %d groups, %d flagged as duplicates, in %.1f s\n",
		rep.Petition.ID, rep.Petition.Reference, rep.Rows, rep.Paper, rep.Sheets, o.Groups, rep.Duplicates, time.Since(t0).Seconds())
	return nil
}

// petitionRow is one line of `petitions` and `totals`.
type petitionRow struct {
	ID        string                 `json:"id"`
	Reference string                 `json:"reference"`
	Title     string                 `json:"title"`
	Deadline  petition.Date          `json:"deadline"`
	PostBy    petition.Date          `json:"post_by"`
	State     petition.DeadlineState `json:"deadline_status"`
	DaysLeft  int                    `json:"days_left"`
	Digital   int                    `json:"digital"`
	Paper     int                    `json:"paper"`
	Struck    int                    `json:"struck"`
	Valid     int                    `json:"valid"`
	Goal      int                    `json:"goal"`
	ToReview  int                    `json:"to_review"` // scanned rows not counted until a person confirms them
}

func petitionRows(s *store.Store, now time.Time) ([]petitionRow, error) {
	list, err := s.Petitions()
	if err != nil {
		return nil, err
	}
	rows := make([]petitionRow, 0, len(list))
	for _, p := range list {
		t, err := s.Totals(p.ID)
		if err != nil {
			return nil, err
		}
		d := p.DeadlineAt(now)
		rows = append(rows, petitionRow{p.ID, p.Reference, p.Title, p.Deadline, d.PostBy, d.State,
			d.DaysLeft, t.Digital, t.Paper, t.Struck, t.Valid(), t.Goal, t.ToReview})
	}
	return rows, nil
}

// withPetitionRows reads the petition rows for `petitions` and `totals`
// and prints them as JSON with --json, else as print does.
func withPetitionRows(e *env, args []string, print func(rows []petitionRow) error) error {
	asJSON := e.flags.Bool("json", false, "print JSON")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	rows, err := withStore(e, func(s *store.Store) ([]petitionRow, error) { return petitionRows(s, time.Now()) })
	if err != nil || *asJSON {
		return printJSON(e, rows, err)
	}
	return print(rows)
}

func runPetitions(e *env, args []string) error {
	return withPetitionRows(e, args, func(rows []petitionRow) error { return printPetitions(e, rows) })
}

func printPetitions(e *env, rows []petitionRow) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tREFERENCE\tTITLE\tDEADLINE\tSTATUS\tDAYS LEFT\tVALID\tGOAL")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", r.ID, r.Reference, r.Title, r.Deadline, r.State, r.DaysLeft, r.Valid, r.Goal)
	}
	return tw.Flush()
}

func runTotals(e *env, args []string) error {
	return withPetitionRows(e, args, func(rows []petitionRow) error { return printTotals(e, rows) })
}

func printTotals(e *env, rows []petitionRow) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "REFERENCE\tDIGITAL\tPAPER\tSTRUCK\tVALID\tGOAL\tTO REVIEW\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", r.Reference, r.Digital, r.Paper, r.Struck, r.Valid, r.Goal, r.ToReview)
	}
	return tw.Flush()
}

// withStore opens the store, runs fn and closes it again.
func withStore[T any](e *env, fn func(*store.Store) (T, error)) (T, error) {
	var zero T
	s, err := e.open()
	if err != nil {
		return zero, err
	}
	defer s.Close()
	return fn(s)
}

func printJSON(e *env, v any, err error) error {
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
