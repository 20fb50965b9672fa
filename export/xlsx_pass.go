package export

import (
	"fmt"
	"hash/fnv"
	"sort"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

var sheetsColumns = []column{
	{"Petition", 14, textCol}, {"Sheet", 8, intCol}, {"Origin", 10, textCol},
	{"Location", 28, textCol}, {"Collector", 18, textCol}, {"Opened", 12, dateCol},
	{"First signature", 17, timeCol}, {"Last signature", 17, timeCol},
	{"Rows filled", 10, intCol}, {"Struck", 9, intCol}, {"Valid", 9, intCol},
	{"Status", 11, textCol}, {"Posted", 12, dateCol},
}

var weekColumns = []column{
	{"Petition", 14, textCol}, {"ISO week", 10, textCol}, {"Week from", 12, dateCol},
	{"Location", 28, textCol}, {"In person", 11, countCol}, {"On paper", 11, countCol},
	{"Valid", 11, countCol},
}

// signatureColumns hold personal data: the worksheet exists only when the
// user chose to include it.
var signatureColumns = []column{
	{"Petition", 14, textCol}, {"Sheet", 8, intCol}, {"Row", 6, intCol},
	{"Name", 28, textCol}, {"Street", 28, textCol}, {"Postcode", 10, textCol},
	{"City", 18, textCol}, {"Country", 14, textCol}, {"Signed", 17, timeCol},
	{"Location", 24, textCol}, {"Consent to contact", 11, textCol}, {"Struck", 11, textCol},
	{"Possible duplicate of", 16, textCol},
}

// seenSigners remembers, for one petition, where each signer (by name and
// postcode, see petition.DuplicateKey) first signed, so a later row with
// the same key names the earlier one. It keeps a hash of the key, not the
// name: eight bytes a row, and no name held longer than its row.
type seenSigners map[uint64]sheetRow

// sheetRow is a row's place in the app's numbering.
type sheetRow struct{ sheet, row int }

// check returns "sheet S row R" of the earlier signature with the same
// key, or "" for the first (struck rows are neither flagged nor remembered:
// they no longer count).
func (seen seenSigners) check(sig *petition.Signature) string {
	if sig.IsStruck() {
		return ""
	}
	h := fnv.New64a()
	h.Write([]byte(petition.DuplicateKey(sig.Name, sig.Address.Postcode)))
	k := h.Sum64()
	if first, ok := seen[k]; ok {
		return fmt.Sprintf("sheet %d row %d", first.sheet, first.row)
	}
	seen[k] = sheetRow{sig.Sheet, sig.Row}
	return ""
}

// span is the first and last signature time on one digital sheet.
type span struct{ first, last time.Time }

// weekKey is one line of "By week": an ISO week at one location.
type weekKey struct {
	year, week int
	location   string
}

// weekCount is the valid signatures of one weekKey.
type weekCount struct{ digital, paper int }

// petitionPass gathers what the Sheets and By week lines of one petition
// need while its signatures stream past; it holds one entry per sheet and
// per week and location, never a signature.
type petitionPass struct {
	loc      *time.Location
	spans    map[int]*span
	weeks    map[weekKey]*weekCount
	sheetLoc map[int]string // where each sheet was opened, for rows without a location
}

func newPass(loc *time.Location, sheets []petition.Sheet) *petitionPass {
	pp := &petitionPass{loc: loc, spans: map[int]*span{}, weeks: map[weekKey]*weekCount{}, sheetLoc: map[int]string{}}
	for _, sh := range sheets {
		pp.sheetLoc[sh.Number] = sh.Location
	}
	return pp
}

func (pp *petitionPass) week(t time.Time, location string) *weekCount {
	k := weekKey{location: location}
	if !t.IsZero() {
		k.year, k.week = t.ISOWeek()
	}
	w := pp.weeks[k]
	if w == nil {
		w = &weekCount{}
		pp.weeks[k] = w
	}
	return w
}

// signature counts one digital row.
func (pp *petitionPass) signature(sig *petition.Signature, local time.Time) {
	sp := pp.spans[sig.Sheet]
	if sp == nil {
		sp = &span{first: local, last: local}
		pp.spans[sig.Sheet] = sp
	}
	if local.Before(sp.first) {
		sp.first = local
	}
	if local.After(sp.last) {
		sp.last = local
	}
	if sig.IsStruck() {
		return
	}
	where := sig.Location
	if where == "" {
		where = pp.sheetLoc[sig.Sheet]
	}
	pp.week(local, where).digital++
}

// paper counts a paper sheet's valid rows in the week it was opened: a
// scanned sheet carries a count, not the days its rows were signed.
func (pp *petitionPass) paper(sh *petition.Sheet) {
	if sh.Origin == petition.OriginPaper && sh.Valid() > 0 {
		pp.week(sh.Opened.In(pp.loc), sh.Location).paper += sh.Valid()
	}
}

// petition streams one petition's signatures once, writing the Signatures
// rows (if chosen) as they pass, then writes its Sheets and By week lines.
func (s *summary) petition(p *petition.Petition, sheets []petition.Sheet) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	pp := newPass(s.opt.Location, sheets)
	seen := seenSigners{}
	err := s.src.ForEachSignature(p.ID, func(sig *petition.Signature) error {
		local := sig.Signed.In(s.opt.Location)
		pp.signature(sig, local)
		if s.sig != nil {
			if err := s.sig.add(p.Reference, sig.Sheet, sig.Row, sig.Name, sig.Address.Street,
				sig.Address.Postcode, sig.Address.City, sig.Address.Country, local,
				sig.Location, yesNo(sig.Consent), string(sig.Struck), seen.check(sig)); err != nil {
				return err
			}
		}
		s.res.Signatures++
		if s.res.Signatures%progressEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
			s.report(min(s.res.Signatures, s.total-1))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range sheets {
		pp.paper(&sheets[i])
		if err := s.sheetRow(p, &sheets[i], pp.spans[sheets[i].Number]); err != nil {
			return err
		}
	}
	s.res.Sheets += len(sheets)
	s.report(min(s.res.Signatures, s.total-1))
	return s.weekRows(p, pp.weeks)
}

func (s *summary) sheetRow(p *petition.Petition, sh *petition.Sheet, sp *span) error {
	var first, last time.Time
	if sp != nil {
		first, last = sp.first, sp.last
	}
	status, err := s.sheetStatusWords(sh)
	if err != nil {
		return err
	}
	return s.sheets.add(p.Reference, sh.Number, string(sh.Origin), sh.Location, sh.Collector,
		sh.Opened.In(s.opt.Location), first, last, sh.Filled, sh.Struck, sh.Valid(),
		status, sh.PostedOn)
}

// ScanSource is what a Source may also offer: the scanned pages stored
// for a sheet. *store.Store has it. Without it a paper sheet's own page
// count decides whether it was scanned.
type ScanSource interface {
	ScannedPageCount(pid string, sheet int) (int, error)
}

// sheetStatusWords is a sheet's status as the Sheets worksheet shows it:
// a paper sheet whose count was typed in without a scan is "counted by
// hand", not "scanned", since no page of it is in the app.
func (s *summary) sheetStatusWords(sh *petition.Sheet) (string, error) {
	if sh.Origin != petition.OriginPaper || sh.Status != petition.SheetScanned || sh.Pages > 0 {
		return string(sh.Status), nil
	}
	if ss, ok := s.src.(ScanSource); ok {
		pages, err := ss.ScannedPageCount(sh.PetitionID, sh.Number)
		if err != nil || pages > 0 {
			return string(sh.Status), err
		}
	}
	return "counted by hand", nil
}

// weekRows writes a petition's weeks in calendar order, locations
// alphabetically within a week.
func (s *summary) weekRows(p *petition.Petition, weeks map[weekKey]*weekCount) error {
	keys := make([]weekKey, 0, len(weeks))
	for k := range weeks {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.year != b.year {
			return a.year < b.year
		}
		if a.week != b.week {
			return a.week < b.week
		}
		return a.location < b.location
	})
	for _, k := range keys {
		w := weeks[k]
		label, monday := "", petition.Date{}
		if k.year != 0 {
			label, monday = fmt.Sprintf("%d-W%02d", k.year, k.week), isoMonday(k.year, k.week)
		}
		if err := s.weeks.add(p.Reference, label, monday, k.location, w.digital, w.paper, w.digital+w.paper); err != nil {
			return err
		}
	}
	return nil
}

// isoMonday returns the Monday that starts ISO week w of year y. January 4
// always lies in week 1.
func isoMonday(y, w int) petition.Date {
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return petition.DateOf(jan4.AddDate(0, 0, 7*(w-1)-back))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
