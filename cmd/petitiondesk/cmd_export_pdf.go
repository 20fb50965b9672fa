package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "export pdf", args: "--petition ID --out FILE [--paper a4|letter] [--target N] [--addresses full|town|town-country] [--duplicates keep|strike] [--part-pages N]",
		summary: "write the petition pack to post: cover letter, signature sheets, scans, envelope (per target); a target of more than 2,000 pages is cut into files of 2,000 (FILE-part-01-of-12.pdf, …)", run: runExportPDF})
	register(command{name: "export blank", args: "--petition ID --sheets N --out FILE [--paper a4|letter]",
		summary: "print N blank signature sheets with QR codes (reserves their sheet numbers)", run: runExportBlank})
}

func runExportPDF(e *env, args []string) error {
	ref := e.flags.String("petition", "", "the petition (id, id prefix or reference)")
	out := e.flags.String("out", "", "the PDF file to write")
	paper := e.flags.String("paper", "a4", "a4 or letter")
	target := e.flags.Int("target", 0, "only this target (1, 2, …; default: every target)")
	addresses := e.flags.String("addresses", "", "what the recipient sees of each signer, for this file only: full, town or town-country (default: the petition's setting)")
	dups := e.flags.String("duplicates", "", "possible duplicates not yet reviewed: keep (both count) or strike (the later one is struck)")
	partPages := e.flags.Int("part-pages", export.DefaultPartPages, "pages one file holds at most; a longer pack is cut into several files (mostly for tests)")
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *partPages < export.MinPartPages {
		return usageError{fmt.Sprintf("--part-pages must be at least %d", export.MinPartPages)}
	}
	mode, err := parseAddresses(*addresses)
	if err != nil {
		return err
	}
	if *dups != "" && *dups != "keep" && *dups != "strike" {
		return usageError{"--duplicates must be keep or strike"}
	}
	if *out == "" {
		return usageError{"give the PDF to write with --out FILE.pdf"}
	}
	pp, err := layout.ParsePaper(*paper)
	if err != nil {
		return usageError{err.Error()}
	}
	if *target < 0 {
		return usageError{"--target counts from 1"}
	}
	res, err := withStore(e, func(s *store.Store) (desk.PackResult, error) {
		p, err := e.petition(s, *ref)
		if err != nil {
			return desk.PackResult{}, err
		}
		if err := reviewDuplicates(e, s, p.ID, *dups); err != nil {
			return desk.PackResult{}, err
		}
		opt := desk.PackOptions{Path: *out, Petition: p, PackOptions: export.PackOptions{
			PDFOptions: export.PDFOptions{Paper: pp, Now: time.Now()}, Addresses: mode, PartPages: *partPages}}
		if *target > 0 {
			opt.Targets = []int{*target - 1}
		}
		return desk.ExportPack(context.Background(), s, opt, nil)
	})
	if len(res.Removed) > 0 {
		fmt.Fprintf(e.stdout, "removed the earlier pack's %s\n", strings.Join(res.Removed, ", "))
	}
	if err != nil {
		return err
	}
	name := *out
	if len(res.Paths) > 1 {
		name = exportCount(len(res.Paths), "file")
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, %s, %s (names and addresses: keep it safe)\n", name,
		exportCount(res.Targets, "target"), exportCount(res.Pages, "page"), exportCount(res.Signatures, "signature row"))
	if len(res.Paths) > 1 {
		for _, p := range res.Paths {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
	}
	if len(res.LeftOut) > 0 {
		fmt.Fprintf(e.stdout, "left out (the scan cannot be read; a note stands in its place): paper %s\n", res.LeftOutText())
	}
	return nil
}

func runExportBlank(e *env, args []string) error {
	ref := e.flags.String("petition", "", "the petition (id, id prefix or reference)")
	out := e.flags.String("out", "", "the PDF file to write")
	paper := e.flags.String("paper", "a4", "a4 or letter")
	n := e.flags.Int("sheets", 0, fmt.Sprintf("how many sheets (1 to %d)", export.MaxBlankSheets))
	if _, err := e.parse(args, false); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"give the PDF to write with --out FILE.pdf"}
	}
	if *n < 1 || *n > export.MaxBlankSheets {
		return usageError{export.ErrSheetCount.Error() + " (--sheets N)"}
	}
	pp, err := layout.ParsePaper(*paper)
	if err != nil {
		return usageError{err.Error()}
	}
	sheets, err := withStore(e, func(s *store.Store) ([]petition.Sheet, error) {
		p, err := e.petition(s, *ref)
		if err != nil {
			return nil, err
		}
		return desk.ExportBlank(context.Background(), s, desk.BlankOptions{Path: *out, Petition: p, Sheets: *n,
			PDFOptions: export.PDFOptions{Paper: pp, Now: time.Now()}}, nil)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, numbers %d to %d reserved\n", *out,
		exportCount(len(sheets), "blank sheet"), sheets[0].Number, sheets[len(sheets)-1].Number)
	return nil
}
