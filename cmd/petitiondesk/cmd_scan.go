package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/scan"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "scan",
		args:    "[--dry-run] [--json] [--replace] [--accept-flagged] [--sheet N] FILES...",
		summary: "identify and count scanned sheets, store the pages (codes unreadable: --sheet N; sheets printed elsewhere: --petition ID --sheet N|new --count K)", run: runScan})
}

// scanLine is one page of the scan report.
type scanLine struct {
	File           string     `json:"file"`
	Page           int        `json:"page"`
	PetitionID     string     `json:"petition_id,omitempty"`
	Reference      string     `json:"petition,omitempty"`
	Sheet          int        `json:"sheet,omitempty"`
	SheetPage      int        `json:"sheet_page,omitempty"`
	Rows           int        `json:"rows_counted"`
	ToReview       int        `json:"rows_to_review,omitempty"` // rows left out of Rows for a person to confirm
	Struck         int        `json:"rows_struck"`
	Confidence     float64    `json:"confidence"`
	Problem        string     `json:"problem,omitempty"`
	AlreadyScanned bool       `json:"already_scanned,omitempty"`
	Note           string     `json:"note,omitempty"`
	Stored         bool       `json:"stored"`
	SheetTotal     int        `json:"sheet_total,omitempty"` // the sheet's count after this page
	RowDetail      []scan.Row `json:"row_detail,omitempty"`
}

type scanFlags struct {
	dryRun, asJSON, replace bool
	acceptFlagged           bool
	petition, sheet         string
	count                   int
}

func runScan(e *env, args []string) error {
	var f scanFlags
	e.flags.BoolVar(&f.dryRun, "dry-run", false, "read and report, store nothing")
	e.flags.BoolVar(&f.asJSON, "json", false, "print JSON, with every row's verdict")
	e.flags.BoolVar(&f.replace, "replace", false, "store a page again over its earlier scan")
	e.flags.BoolVar(&f.acceptFlagged, "accept-flagged", false, "count the rows the scanner is unsure of as it read them, instead of leaving them to review")
	e.flags.StringVar(&f.petition, "petition", "", "petition of a sheet printed elsewhere")
	e.flags.StringVar(&f.sheet, "sheet", "", "sheet number of pages whose QR codes cannot be read (printed large at the foot of the page); with --count, the sheet (or \"new\") to attach pages printed elsewhere to")
	e.flags.IntVar(&f.count, "count", -1, "signatures on a sheet printed elsewhere, counted by hand")
	files, err := e.parse(args, true)
	if err != nil {
		return err
	}
	if files, err = scan.Expand(files); err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"name the scanned files (or a folder of them): petitiondesk scan FILES..."}
	}
	if f.count >= 0 && f.sheet == "" || f.sheet == "new" && f.count < 0 {
		return usageError{"a sheet printed elsewhere needs both --sheet N (or new) and --count K"}
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if !f.dryRun { // the page images are stored: say up front if they cannot fit
		if err := s.CheckRoom(filesSize(files)); err != nil {
			return err
		}
	}
	var lines []scanLine
	switch {
	case f.count >= 0:
		lines, err = scanForeign(e, s, f, files)
	case f.sheet != "":
		var hint *scan.SheetHint
		if hint, err = sheetHint(e, s, f); err == nil {
			lines = scanOurs(s, f, files, hint)
		}
	default:
		lines = scanOurs(s, f, files, nil)
	}
	if err != nil {
		return err
	}
	if f.asJSON {
		if err := printJSON(e, lines, nil); err != nil {
			return err
		}
	} else {
		printScanTable(e.stdout, lines)
	}
	return scanSummary(e.stderr, lines)
}

// scanSummary is the batch's last word: the rows left to review (on w),
// the pages not counted, with the HEIC photos among them counted apart
// (they need the same one action).
func scanSummary(w io.Writer, lines []scanLine) error {
	bad, heic, review, noCode := 0, 0, 0, 0
	for _, l := range lines {
		review += l.ToReview
		switch {
		case l.Problem == scan.ErrHEIC.Error():
			heic++
		case l.Problem == scan.ProblemNoQR:
			noCode++
			bad++
		case l.Problem != "":
			bad++
		}
	}
	var parts []string
	if bad > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d pages could not be counted (see PROBLEM)", bad, len(lines)))
	}
	if heic > 0 {
		parts = append(parts, fmt.Sprintf("%d HEIC photos skipped: save them as JPEG and scan them again", heic))
	}
	if noCode > 0 {
		fmt.Fprintf(w, "%d pages without a readable QR code: if they are sheets printed by this app, scan each sheet's pages again with --sheet N, N being the number printed large at the foot of the page\n", noCode)
	}
	if review > 0 {
		fmt.Fprintf(w, "%d rows to review, not counted: check them in the window's Scan screen, or count them as read with scan --accept-flagged --replace\n", review)
	}
	if len(parts) > 0 {
		return errors.New(strings.Join(parts, "; "))
	}
	return nil
}

// filesSize is the scanned files' total size, about what storing their
// page images takes.
func filesSize(files []string) int64 {
	var n int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// scanOurs reads sheets printed by this app: each page names its sheet in
// its QR code. Pages are stored as they finish, so a large batch keeps
// only a few images in memory.
func scanOurs(s *store.Store, f scanFlags, files []string, hint *scan.SheetHint) []scanLine {
	var lines []scanLine
	seen := map[sheetPageKey]scanLine{} // pages of this batch, for a dry run
	scan.Batch(context.Background(), files, s, scan.Options{Sheet: hint, OnPage: func(_ scan.Progress, r *scan.Result) {
		l := lineOf(r, f.acceptFlagged)
		switch {
		case r.OK() && !f.dryRun:
			storePage(s, r, f, &l)
		case r.OK():
			dryRunDuplicate(s, r, f.replace, seen, &l)
		}
		if f.asJSON {
			l.RowDetail = r.Rows
		}
		lines = append(lines, l)
		r.Image = nil
		for i := range r.Rows {
			r.Rows[i].Crop = nil
		}
	}})
	sortLines(lines, files)
	return lines
}

// sheetHint is `--sheet N` without --count: pages of this app's sheet N
// whose QR codes cannot be read, of the petition named by --petition or
// the only one.
func sheetHint(e *env, s *store.Store, f scanFlags) (*scan.SheetHint, error) {
	n, err := strconv.Atoi(f.sheet)
	if err != nil || n < 1 {
		return nil, usageError{fmt.Sprintf("--sheet takes the sheet number printed at the foot of the page, not %q", f.sheet)}
	}
	p, err := e.petition(s, f.petition)
	if err != nil {
		return nil, err
	}
	return &scan.SheetHint{PetitionID: p.ID, Sheet: n}, nil
}

// sheetPageKey names one page of one sheet.
type sheetPageKey struct {
	pid         string
	sheet, page int
}

// dryRunDuplicate marks, in a dry run, a page that a real run would not
// count again: one already stored (unless --replace), or one read
// earlier in the same batch, the same page scanned twice.
func dryRunDuplicate(s *store.Store, r *scan.Result, replace bool, seen map[sheetPageKey]scanLine, l *scanLine) {
	k := sheetPageKey{r.PetitionID, r.Sheet, r.SheetPage}
	if first, ok := seen[k]; ok {
		l.AlreadyScanned = true
		l.Note = fmt.Sprintf("the same page as %s page %d: counted once", filepath.Base(first.File), first.Page)
		return
	}
	seen[k] = *l
	if replace {
		return
	}
	list, err := s.ScanPageList(r.PetitionID, r.Sheet)
	if err != nil {
		return
	}
	for _, pg := range list {
		if pg.Page == r.SheetPage {
			l.AlreadyScanned, l.Note = true, "already scanned"
		}
	}
}

// lineOf reports a page. Rows the scanner is unsure of are left out of
// the count, to review, unless acceptFlagged counts them as read.
func lineOf(r *scan.Result, acceptFlagged bool) scanLine {
	l := scanLine{File: r.File, Page: max(r.Page, 1), PetitionID: r.PetitionID, Reference: r.Reference,
		Sheet: r.Sheet, SheetPage: r.SheetPage, Rows: r.Count, Struck: r.Struck,
		Confidence: r.Confidence, Problem: r.Problem}
	unsure := r.Unsure()
	if len(unsure) == 0 {
		return l
	}
	nums := make([]string, len(unsure))
	for i, n := range unsure {
		nums[i] = strconv.Itoa(n)
	}
	if acceptFlagged {
		l.Note = "row " + strings.Join(nums, ", ") + " counted as read (--accept-flagged)"
		return l
	}
	l.Rows, l.ToReview = r.SureCount(), len(unsure)
	l.Note = "check row " + strings.Join(nums, ", ") + " by eye: not counted until confirmed"
	return l
}

// storePage keeps the page image with its count (desk.StoreScanPage)
// and words the outcome on its line.
func storePage(s *store.Store, r *scan.Result, f scanFlags, l *scanLine) {
	pg := store.ScanPage{Page: r.SheetPage, Count: l.Rows, Review: l.ToReview, Confidence: r.Confidence,
		Digest: r.Digest, Width: r.ImageW, Height: r.ImageH}
	res, err := desk.StoreScanPage(context.Background(), s, desk.ScanPageOptions{
		Petition: r.PetitionID, Sheet: r.Sheet, Page: pg, Image: r.Image, Replace: f.replace})
	switch {
	case res.AlreadyScanned:
		l.AlreadyScanned = true
		l.Note = "already scanned"
		if !sameImage(s, r) {
			l.Note = "already scanned (from another image: --replace stores this one)"
		}
		if err != nil {
			l.Problem = err.Error()
			return
		}
	case err != nil:
		l.Problem = "not stored: " + err.Error()
		return
	default:
		l.Stored = true
	}
	l.SheetTotal = res.Total
}

// sameImage reports whether the stored page came from the same scanned
// image as r.
func sameImage(s *store.Store, r *scan.Result) bool {
	list, err := s.ScanPageList(r.PetitionID, r.Sheet)
	if err != nil {
		return true
	}
	for _, pg := range list {
		if pg.Page == r.SheetPage {
			return pg.Digest == r.Digest
		}
	}
	return true
}

// scanForeign attaches the pages of a sheet printed elsewhere (no QR
// code) to a sheet the user names, with the count they counted.
func scanForeign(e *env, s *store.Store, f scanFlags, files []string) ([]scanLine, error) {
	p, err := e.petition(s, f.petition)
	if err != nil {
		return nil, err
	}
	if f.count > p.RowsPerSheet {
		return nil, fmt.Errorf("a sheet of %s holds at most %d signatures", p.Reference, p.RowsPerSheet)
	}
	var results []scan.Result
	for _, file := range files {
		srcs, err := scan.ReadFile(file)
		if err != nil {
			results = append(results, scan.Result{File: file, Page: 1, Problem: unwrapInput(err)})
			continue
		}
		for _, src := range srcs {
			results = append(results, scan.Foreign(src))
		}
	}
	readable := 0
	for _, r := range results {
		if r.Problem == "" {
			readable++
		}
	}
	sheet := 0
	if readable > 0 { // no sheet is made for files that could not be read
		if sheet, err = foreignSheet(s, p, f); err != nil {
			return nil, err
		}
	}
	var lines []scanLine
	page := 0
	for i := range results {
		r := &results[i]
		l := lineOf(r, false)
		l.PetitionID, l.Reference, l.Sheet = p.ID, p.Reference, sheet
		if r.Problem == "" {
			page++
			l.SheetPage, l.Problem = page, ""
			if page == 1 {
				l.Rows = f.count
			}
			if !f.dryRun {
				r.PetitionID, r.Sheet, r.SheetPage, r.Count = p.ID, sheet, page, l.Rows
				fr := f
				fr.replace = true
				storePage(s, r, fr, &l)
			}
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// foreignSheet finds (or, for "new", creates) the sheet to attach to. An
// existing sheet's earlier pages are replaced only with --replace.
func foreignSheet(s *store.Store, p *petition.Petition, f scanFlags) (int, error) {
	if f.sheet == "new" {
		if f.dryRun {
			return 0, nil
		}
		made, err := s.CreatePaperSheets(p.ID, 1, "", "")
		if err != nil {
			return 0, err
		}
		return made[0].Number, nil
	}
	n, err := strconv.Atoi(f.sheet)
	if err != nil || n < 1 {
		return 0, usageError{fmt.Sprintf("--sheet takes a sheet number or \"new\", not %q", f.sheet)}
	}
	sh, err := s.SheetByNumber(p.ID, n)
	if errors.Is(err, store.ErrNotFound) {
		return 0, fmt.Errorf("%s has no sheet %d (use --sheet new)", p.Reference, n)
	}
	if err != nil {
		return 0, err
	}
	if sh.Origin != petition.OriginPaper {
		return 0, store.ErrNotPaper
	}
	old, err := s.ScanPageList(p.ID, n)
	if err != nil {
		return 0, err
	}
	if len(old) > 0 && !f.replace {
		return 0, fmt.Errorf("sheet %d of %s already scanned (%d pages): use --replace to attach new ones", n, p.Reference, len(old))
	}
	if len(old) > 0 && !f.dryRun {
		return n, s.DeleteScanPages(p.ID, n)
	}
	return n, nil
}

func unwrapInput(err error) string {
	var ie *scan.InputError
	if errors.As(err, &ie) {
		return ie.Err.Error()
	}
	return err.Error()
}

// sortLines puts the report in the order the files were named.
func sortLines(lines []scanLine, files []string) {
	order := map[string]int{}
	for i, f := range files {
		if _, ok := order[f]; !ok {
			order[f] = i
		}
	}
	less := func(a, b scanLine) bool {
		if order[a.File] != order[b.File] {
			return order[a.File] < order[b.File]
		}
		return a.Page < b.Page
	}
	for i := 1; i < len(lines); i++ {
		for j := i; j > 0 && less(lines[j], lines[j-1]); j-- {
			lines[j], lines[j-1] = lines[j-1], lines[j]
		}
	}
}

func printScanTable(w io.Writer, lines []scanLine) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tPAGE\tPETITION\tSHEET\tROWS\tCONFIDENCE\tPROBLEM")
	for _, l := range lines {
		sheet, rows, conf := "-", "-", "-"
		if l.Sheet > 0 {
			sheet = fmt.Sprintf("%d p.%d", l.Sheet, l.SheetPage)
		}
		if l.Problem == "" {
			rows, conf = strconv.Itoa(l.Rows), fmt.Sprintf("%.2f", l.Confidence)
		}
		note := l.Problem
		if note == "" {
			note = l.Note
		}
		ref := l.Reference
		if ref == "" {
			ref = "-"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", filepath.Base(l.File), l.Page, ref, sheet, rows, conf, note)
	}
	tw.Flush()
}
