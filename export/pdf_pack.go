package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/petitiondesk/petitiondesk/petition"
)

// PackSource is what the petition pack reads; *store.Store satisfies it.
// Signatures are streamed in sheet and row order, never loaded at once.
type PackSource interface {
	ForEachSignature(pid string, fn func(sig *petition.Signature) error) error
	Sheets(pid string) ([]petition.Sheet, error)
	Totals(pid string) (petition.Totals, error)
}

// ScanPagesFunc returns the scanned page images (JPEG) of one paper sheet,
// in page order, or nil when the sheet has no scan (desk passes the
// store's ScanPages). With nil (or NoScans) the pack has no scan pages.
type ScanPagesFunc func(pid string, sheet int) ([][]byte, error)

// NoScans is a ScanPagesFunc for a store without scanned images.
func NoScans(string, int) ([][]byte, error) { return nil, nil }

// PackOptions are the choices behind one petition pack.
type PackOptions struct {
	PDFOptions
	// Targets lists the indexes (0-based) of the targets to make a part
	// for, in order; empty means every target.
	Targets []int
	// ScanPages, if set, supplies scanned paper sheets as full pages.
	ScanPages ScanPagesFunc
	// ScanCount, if set, says how many scanned pages a sheet has without
	// reading the images (for "page x of y"); without it ScanPages is
	// asked, which reads every image twice.
	ScanCount func(pid string, sheet int) (int, error)
	// Addresses overrides, for this pack only, what the petition lets the
	// recipient see of each signer (petition.RecipientSees); "" keeps it.
	Addresses petition.AddressMode
	// PartPages, if set, is how many pages one file holds at most
	// (DefaultPartPages; at least MinPartPages); see PackFiles.
	PartPages int
}

// addressMode is what this pack shows of each signer's address.
func (opt PackOptions) addressMode(p *petition.Petition) petition.AddressMode {
	if opt.Addresses != "" {
		return opt.Addresses
	}
	if p.RecipientSees != "" {
		return p.RecipientSees
	}
	return petition.DefaultAddressMode
}

// PackResult says what went into a pack, for a closing message.
type PackResult struct {
	Targets    int       // parts, one per target
	Pages      int       // all pages, envelopes included
	Signatures int       // digital rows drawn, per target part
	ScanPages  int       // scanned pages, per target part
	LeftOut    []ScanRef // scanned pages that could not be read: a note stands in their place
	// Files lists the files written, in order, by the suffix given to
	// PackOut.Create ("" for a pack in one file); desk.ExportPack turns
	// them into paths.
	Files []string
}

// ScanRef names one scanned page of a paper sheet.
type ScanRef struct{ Sheet, Page int }

// String says "sheet 3, page 2".
func (r ScanRef) String() string { return fmt.Sprintf("sheet %d, page %d", r.Sheet, r.Page) }

// LeftOutText lists the pages left out ("sheet 3, page 2; sheet 7,
// page 1"), or "" when none was.
func (r PackResult) LeftOutText() string {
	parts := make([]string, len(r.LeftOut))
	for i, ref := range r.LeftOut {
		parts[i] = ref.String()
	}
	return strings.Join(parts, "; ")
}

// ErrNoSignatures is the decision for an empty petition: a pack with no
// signature is not worth a stamp, so Pack refuses with this clear error
// rather than produce a cover letter announcing "0 signatures".
var ErrNoSignatures = errors.New("this petition has no signatures yet: there is nothing to post")

// ErrNoTargets says the petition names nobody to post the pack to.
var ErrNoTargets = errors.New("the petition has no target to address the pack to: add one in the editor")

// TargetError says a chosen target index does not exist.
type TargetError struct{ Index, Count int }

func (e *TargetError) Error() string {
	return fmt.Sprintf("target %d does not exist: the petition has %d target(s)", e.Index+1, e.Count)
}

// Pack writes the petition pack to w as one file: for each target a
// cover letter in the target's language (sender, address in the envelope
// window, date, salutation, letter, demands, the counts, a line to sign
// on, the enclosures and the copies), then the signature sheets in the
// petition's layout with the app's own sheet and row numbers (struck rows
// crossed out, empty), then every scanned paper sheet as a full page,
// "page x of y" on each, and a C5 envelope page. Progress counts pages.
// With opt.PartPages set, a pack too large for one file is an error: use
// PackFiles.
func Pack(ctx context.Context, w io.Writer, src PackSource, p *petition.Petition, opt PackOptions, progress Progress) (PackResult, error) {
	return PackFiles(ctx, writerOut{w}, src, p, opt, progress)
}

// PackFiles writes the pack as Pack does, through out. When a target's
// part has more than opt.PartPages pages, every target gets files of its
// own, and a long part is cut into files of at most PartPages pages: the
// cover letter in the first, a continuation page at the start of the
// others, "Part x of y" in every footer. Each file is written before the
// next begins, so memory stays bounded by the file, not the pack.
func PackFiles(ctx context.Context, out PackOut, src PackSource, p *petition.Petition, opt PackOptions, progress Progress) (PackResult, error) {
	var res PackResult
	if opt.PartPages != 0 && opt.PartPages < MinPartPages {
		return res, fmt.Errorf("a pack file holds at least %d pages, not %d", MinPartPages, opt.PartPages)
	}
	targets, nums, err := chooseTargets(p, opt.Targets)
	if err != nil {
		return res, err
	}
	tot, err := src.Totals(p.ID)
	if err != nil {
		return res, err
	}
	if tot.Valid() == 0 {
		return res, ErrNoSignatures
	}
	sheets, err := src.Sheets(p.ID)
	if err != nil {
		return res, err
	}
	scans, err := countScans(p.ID, sheets, opt)
	if err != nil {
		return res, err
	}
	lab := newLabels([]string{sheetLang(p)})
	info := gopdf.PdfInfo{
		Title: p.Title + " – " + lab.petitionTo(addressedTo(targets, lab.first().and)), Author: p.Organisation,
		Subject: p.Reference, Creator: "Petition Desk", CreationDate: opt.now(),
	}
	d, err := newDoc(opt.Paper, info)
	if err != nil {
		return res, err
	}
	pw := &packWriter{d: d, p: p, ctx: ctx, progress: progress, tot: tot, scans: scans, scanFn: opt.ScanPages,
		mode: opt.addressMode(p), digital: digitalSheets(sheets), out: out, paper: opt.Paper, info: info}
	defer pw.stop()
	parts := make([]packPart, len(targets))
	split := false
	for i, t := range targets {
		parts[i] = pw.planPart(t, opt.now())
		pw.totalSteps += parts[i].pages
		split = split || (opt.PartPages > 0 && parts[i].pages+1 > opt.PartPages)
	}
	if split {
		err = pw.drawSplit(src, parts, nums, opt.PartPages)
	} else {
		err = pw.drawWhole(src, parts)
	}
	if err != nil {
		return res, err
	}
	res = PackResult{Targets: len(targets), Pages: pw.pages, Signatures: tot.Digital, ScanPages: scans.pages,
		LeftOut: pw.leftOut, Files: pw.files}
	return res, nil
}

// drawWhole draws every part into the one document planned with.
func (pw *packWriter) drawWhole(src PackSource, parts []packPart) error {
	pw.sigs = newSigLayer(pw.d.w, pw.d.h)
	for _, part := range parts {
		if err := pw.drawPart(src, part); err != nil {
			return err
		}
	}
	return pw.closeFile()
}

// drawSplit gives every target's part files of its own, cut at limit
// pages; nums are the targets' numbers, for the file names.
func (pw *packWriter) drawSplit(src PackSource, parts []packPart, nums []int, limit int) error {
	pw.limit = limit
	for i := range parts {
		num := 0
		if len(parts) > 1 {
			num = nums[i]
		}
		if len(parts[i].cover) >= limit {
			return fmt.Errorf("the cover letter takes %d pages: a pack file must hold more than that", len(parts[i].cover))
		}
		n := partFiles(parts[i].pages, limit)
		pw.cur = &parts[i]
		if err := pw.openFile(fileState{suffix: partSuffix(num, 1, n), index: 1, of: n, target: num}); err != nil {
			return err
		}
		if err := pw.drawPart(src, parts[i]); err != nil {
			return err
		}
		if err := pw.closeFile(); err != nil {
			return err
		}
	}
	return nil
}

// stop ends the signature workers of an unfinished file.
func (pw *packWriter) stop() {
	if pw.sigs != nil {
		pw.sigs.stop()
	}
}

// packPart is one target's part, planned before anything is drawn so
// "page x of y" and the progress are known.
type packPart struct {
	t     petition.Target
	lab   labels // one language: the target's
	date  string
	plan  sheetPlan
	cover [][]textLine
	pages int // numbered pages: cover, sheets, scans
}

// planPart lays out the letter and the sheets of t's part in t's language.
func (pw *packWriter) planPart(t petition.Target, now time.Time) packPart {
	lang := packLang(pw.p, t)
	part := packPart{t: t, lab: newLabels([]string{lang}), date: petition.DateOf(now).Long(lang)}
	part.plan = pw.d.planSheet(pw.p, []petition.Target{t}, part.lab)
	facts := coverFacts{tot: pw.tot, mode: pw.mode, sheets: len(pw.digital), scanPages: pw.scans.pages,
		scannedSigs: pw.scans.sigs, heldSigs: pw.scans.held, others: otherTargets(pw.p.Targets, t), w: part.lab.first()}
	part.cover = pw.d.planCover(coverItems(pw.p, t, facts))
	part.pages = len(part.cover) + pw.scans.pages
	for _, sh := range pw.digital {
		for _, pr := range part.plan.pages {
			if pr.First <= sh.Filled {
				part.pages++
			}
		}
	}
	return part
}

// otherTargets is every target of the petition but t: they get a copy.
func otherTargets(all []petition.Target, t petition.Target) []petition.Target {
	var out []petition.Target
	for _, o := range all {
		if o.Name != t.Name || o.Title != t.Title {
			out = append(out, o)
		}
	}
	return out
}

// digitalSheets maps the numbers of the digital sheets that hold a valid
// signature to their sheets: the pack prints these, under their numbers.
func digitalSheets(sheets []petition.Sheet) map[int]petition.Sheet {
	m := map[int]petition.Sheet{}
	for _, sh := range sheets {
		if sh.Origin != petition.OriginPaper && sh.Valid() > 0 {
			m[sh.Number] = sh
		}
	}
	return m
}

// chooseTargets returns the targets of the pack and their numbers (1, 2,
// … in the petition), which name their files when the pack is split.
func chooseTargets(p *petition.Petition, idx []int) ([]petition.Target, []int, error) {
	if len(p.Targets) == 0 {
		return nil, nil, ErrNoTargets
	}
	if len(idx) == 0 {
		idx = make([]int, len(p.Targets))
		for i := range idx {
			idx[i] = i
		}
	}
	var out []petition.Target
	var nums []int
	for _, i := range idx {
		if i < 0 || i >= len(p.Targets) {
			return nil, nil, &TargetError{i, len(p.Targets)}
		}
		out = append(out, p.Targets[i])
		nums = append(nums, i+1)
	}
	return out, nums, nil
}

// scanSet is the paper sheets that have scanned pages, how many pages
// and signatures they hold, and the signatures on paper sheets without a
// scan, which the group holds and the pack cannot show.
type scanSet struct {
	sheets []int
	pages  int
	sigs   int // valid signatures on the scanned sheets
	held   int // valid signatures on paper sheets counted by hand, unscanned
}

// countScans asks for every paper sheet's pages once, before drawing, so
// "page x of y" is known; the images are fetched again when drawn, so only
// one sheet's images are held at a time.
func countScans(pid string, sheets []petition.Sheet, opt PackOptions) (scanSet, error) {
	var s scanSet
	count := opt.ScanCount
	if count == nil {
		count = func(pid string, sheet int) (int, error) {
			if opt.ScanPages == nil {
				return 0, nil
			}
			imgs, err := opt.ScanPages(pid, sheet)
			return len(imgs), err
		}
	}
	for _, sh := range sheets {
		if sh.Origin != petition.OriginPaper {
			continue
		}
		n := 0
		if opt.ScanPages != nil {
			var err error
			if n, err = count(pid, sh.Number); err != nil {
				return s, fmt.Errorf("reading the scan of sheet %d: %w", sh.Number, err)
			}
		}
		if n > 0 {
			s.sheets = append(s.sheets, sh.Number)
			s.pages += n
			s.sigs += sh.Valid()
		} else {
			s.held += sh.Valid()
		}
	}
	return s, nil
}
