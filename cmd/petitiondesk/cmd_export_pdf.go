package main

import (
	"context"
	"fmt"
	"time"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/store"
)

func init() {
	register(command{name: "export pdf", args: "--petition ID --out FILE [--paper a4|letter] [--target N] [--addresses full|town|town-country] [--duplicates keep|strike]",
		summary: "write the petition pack to post: cover letter, signature sheets, scans, envelope (per target)", run: runExportPDF})
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
	if _, err := e.parse(args, false); err != nil {
		return err
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
	res, err := withStore(e, func(s *store.Store) (export.PackResult, error) {
		p, err := e.petition(s, *ref)
		if err != nil {
			return export.PackResult{}, err
		}
		if err := s.CheckTarget(*out, s.DataBytes()); err != nil { // page images dominate
			return export.PackResult{}, err
		}
		if err := reviewDuplicates(e, s, p.ID, *dups); err != nil {
			return export.PackResult{}, err
		}
		opt := export.PackOptions{PDFOptions: export.PDFOptions{Paper: pp, Now: time.Now()},
			ScanPages: s.ScanPages, ScanCount: scanCount(s), Addresses: mode}
		if *target > 0 {
			opt.Targets = []int{*target - 1}
		}
		res, err := export.WritePackFile(context.Background(), *out, s, p, opt, nil)
		if err == nil {
			err = s.AuditExport("pdf-pack", true, res.Signatures*res.Targets, p.ID)
		}
		return res, err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, %s, %s (names and addresses: keep it safe)\n", *out,
		exportCount(res.Targets, "target"), exportCount(res.Pages, "page"), exportCount(res.Signatures, "signature row"))
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
		if err := s.CheckTarget(*out, 0); err != nil {
			return nil, err
		}
		sheets, err := export.PrintBlankFile(context.Background(), *out, s, p, *n,
			export.PDFOptions{Paper: pp, Now: time.Now()}, nil)
		if err == nil {
			err = s.AuditExport("blank", false, 0, p.ID)
		}
		return sheets, err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s, numbers %d to %d reserved\n", *out,
		exportCount(len(sheets), "blank sheet"), sheets[0].Number, sheets[len(sheets)-1].Number)
	return nil
}

// scanCount counts a sheet's stored scan pages from their records,
// without reading the images.
func scanCount(s *store.Store) func(pid string, sheet int) (int, error) {
	return func(pid string, sheet int) (int, error) {
		list, err := s.ScanPageList(pid, sheet)
		return len(list), err
	}
}
