package bundle

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/google/uuid"

	"github.com/petitiondesk/petitiondesk/petition"
)

// sheetRef names a sheet across groups: its group of origin, petition and
// number there.
type sheetRef struct {
	group, petition string
	number          int
}

// sheetTally is what Verify learns about one sheet.
type sheetTally struct {
	origin           petition.Origin
	filled, struck   int
	rows, struckRows int
	pages            map[int]bool
	rowsSeen         []uint64 // a bit per row: a map took 700 bytes a sheet, 23 MB at a million rows
	countsOnly       bool     // its group's snapshot carries no rows
}

func (t *sheetTally) seen(row int) bool {
	return row/64 < len(t.rowsSeen) && t.rowsSeen[row/64]&(1<<(row%64)) != 0
}

func (t *sheetTally) see(row int) {
	for len(t.rowsSeen) <= row/64 {
		t.rowsSeen = append(t.rowsSeen, 0)
	}
	t.rowsSeen[row/64] |= 1 << (row % 64)
}

// verifier holds what the records said so far.
type verifier struct {
	r         *Reader
	petitions map[string]*petition.Petition
	snapshots map[[2]string]*Snapshot
	sheets    map[sheetRef]*sheetTally
	sigIDs    map[uuid.UUID]bool
	members   map[string]bool // page members referenced so far
	counts    Counts
	Ticker
	visit Visitor
}

// Verify reads the whole bundle and checks every member's hash and size,
// every record's validity (the same rules the app applies when a record is
// typed in), that records point at each other correctly, that the counts
// agree with the manifest and, for digital sheets, that the rows agree
// with the sheet's counts. progress (may be nil) gets records done so far.
// Nothing is written anywhere.
func (r *Reader) Verify(ctx context.Context, progress func(done, total int)) error {
	return r.VerifyVisit(ctx, progress, nil)
}

// Visitor receives each record once it has passed its own checks, in
// file order: petitions, sheets, signatures, pages. A bundle is valid only
// if VerifyVisit returns nil: the visitor must not act on what it saw
// before then (an importer plans and stages, and applies afterwards).
type Visitor interface {
	Petition(p *petition.Petition) error
	Sheet(sh *petition.Sheet) error
	Signature(sig *RawSignature) error // strokes checked, kept as their JSON text in sig.Strokes
	Page(p Page, image []byte) error
}

// VerifyVisit is Verify, handing each checked record to visit (may be
// nil), so an importer reads the bundle once.
func (r *Reader) VerifyVisit(ctx context.Context, progress func(done, total int), visit Visitor) error {
	c := r.man.Counts
	v := &verifier{r: r, petitions: map[string]*petition.Petition{}, snapshots: map[[2]string]*Snapshot{},
		sheets: map[sheetRef]*sheetTally{}, sigIDs: make(map[uuid.UUID]bool, c.Signatures), members: map[string]bool{},
		Ticker: Ticker{Ctx: ctx, Progress: progress, Total: c.Petitions + c.Sheets + c.Signatures + c.Pages}, visit: visit}
	if visit == nil {
		v.visit = nopVisitor{}
	}
	if err := v.manifest(); err != nil {
		return err
	}
	steps := []func() error{
		func() error { return r.Petitions(v.petition) },
		v.checkSnapshots,
		func() error { return r.Sheets(v.sheet) },
		func() error { return r.eachCheckedSignature(v.signature) },
		func() error { return r.Pages(v.page) },
		v.finish,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if progress != nil {
		progress(v.Total, v.Total)
	}
	return nil
}

type nopVisitor struct{}

func (nopVisitor) Petition(*petition.Petition) error { return nil }
func (nopVisitor) Sheet(*petition.Sheet) error       { return nil }
func (nopVisitor) Signature(*RawSignature) error     { return nil }
func (nopVisitor) Page(Page, []byte) error           { return nil }

// Ticker counts the records of a long pass over a bundle (checking one,
// or the store writing one): every thousandth it stops the pass if Ctx
// is cancelled and reports (Done, Total) to Progress, which may be nil.
type Ticker struct {
	Ctx         context.Context
	Progress    func(done, total int)
	Done, Total int
}

// Tick counts one record.
func (t *Ticker) Tick() error {
	t.Done++
	if t.Done%1000 == 0 {
		if err := t.Ctx.Err(); err != nil {
			return err
		}
		if t.Progress != nil {
			t.Progress(t.Done, max(t.Total, t.Done))
		}
	}
	return nil
}

func isUUID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func bad(member string, line int, format string, a ...any) error {
	return &InvalidError{Member: member, Line: line, Reason: fmt.Sprintf(format, a...)}
}

func (v *verifier) manifest() error {
	m := v.r.man
	switch {
	case !isUUID(m.ID):
		return bad(ManifestName, 0, "the bundle id is not a UUID")
	case !isUUID(m.Group.ID):
		return bad(ManifestName, 0, "the group id is not a UUID")
	case m.Group.Name == "" || petition.ValidateShortText(m.Group.Name) != nil:
		return bad(ManifestName, 0, "the group name is missing or not valid text")
	case m.Created.IsZero():
		return bad(ManifestName, 0, "the creation time is missing")
	case m.CountsOnly && (m.Counts.Signatures > 0 || m.Counts.Pages > 0):
		return ErrCountsOnlyRow
	}
	return nil
}

func (v *verifier) petition(p *petition.Petition) error {
	n := v.Done + 1
	if !isUUID(p.ID) {
		return bad(PetitionsName, n, "the petition id is not a UUID")
	}
	if v.petitions[p.ID] != nil {
		return bad(PetitionsName, n, "petition %s appears twice", p.ID)
	}
	if err := p.Validate(); err != nil {
		return bad(PetitionsName, n, "petition %s: %v", p.ID, err)
	}
	v.petitions[p.ID] = p
	v.counts.Petitions++
	if err := v.visit.Petition(p); err != nil {
		return err
	}
	return v.Tick()
}

func (v *verifier) checkSnapshots() error {
	for i, s := range v.r.man.Snapshots {
		k := [2]string{s.Group, s.Petition}
		switch {
		case !isUUID(s.Group) || v.petitions[s.Petition] == nil:
			return bad(ManifestName, 0, "snapshot %d names an unknown group or petition", i+1)
		case s.AsOf.IsZero():
			return bad(ManifestName, 0, "snapshot %d has no time", i+1)
		case s.GroupName != "" && petition.ValidateShortText(s.GroupName) != nil:
			return bad(ManifestName, 0, "snapshot %d: the group name is not valid text", i+1)
		case v.snapshots[k] != nil:
			return bad(ManifestName, 0, "snapshot %d appears twice", i+1)
		case v.r.man.CountsOnly && !s.CountsOnly:
			return bad(ManifestName, 0, "snapshot %d of a counts-only bundle is not marked counts-only", i+1)
		case s.Group != v.r.man.Group.ID:
			return &OtherGroupError{Member: ManifestName, Line: 0}
		}
		v.snapshots[k] = &v.r.man.Snapshots[i]
	}
	return nil
}

func (v *verifier) sheet(sh *petition.Sheet) error {
	n := v.counts.Sheets + 1
	p := v.petitions[sh.PetitionID]
	ref := sheetRef{sh.Group, sh.PetitionID, sh.Number}
	switch {
	case sh.Group != v.r.man.Group.ID:
		return &OtherGroupError{Member: SheetsName, Line: n}
	case p == nil:
		return bad(SheetsName, n, "the sheet's petition is not in the bundle")
	case v.snapshots[[2]string{sh.Group, sh.PetitionID}] == nil:
		return bad(SheetsName, n, "the sheet's group has no snapshot of its petition")
	case sh.Number < 1 || sh.Number > maxSheetNo:
		return bad(SheetsName, n, "the sheet number %d is out of range", sh.Number)
	case v.sheets[ref] != nil:
		return bad(SheetsName, n, "sheet %d of group %s appears twice", sh.Number, sh.Group)
	case sh.Origin != petition.OriginDigital && sh.Origin != petition.OriginPaper:
		return bad(SheetsName, n, "unknown origin %q", sh.Origin)
	case !slices.Contains(petition.SheetStatuses, sh.Status):
		return bad(SheetsName, n, "unknown status %q", sh.Status)
	case sh.Struck < 0 || sh.Struck > sh.Filled || sh.Filled > p.RowsPerSheet:
		return bad(SheetsName, n, "the counts (%d filled, %d struck) do not fit a sheet of %d rows", sh.Filled, sh.Struck, p.RowsPerSheet)
	case sh.Pages < 0 || sh.Pages > maxPagesSheet:
		return bad(SheetsName, n, "the page count is out of range")
	}
	for _, t := range []string{sh.Location, sh.Collector, sh.Tracking} {
		if err := petition.ValidateShortText(t); err != nil {
			return bad(SheetsName, n, "%v", err)
		}
	}
	v.sheets[ref] = &sheetTally{origin: sh.Origin, filled: sh.Filled, struck: sh.Struck,
		countsOnly: v.snapshots[[2]string{sh.Group, sh.PetitionID}].CountsOnly}
	v.counts.Sheets++
	if err := v.visit.Sheet(sh); err != nil {
		return err
	}
	return v.Tick()
}

// signature checks how a signature (already checked on its own by
// checkLine) fits the rest of the bundle.
func (v *verifier) signature(c *checkedSig) error {
	if c.err != nil {
		return c.err
	}
	if v.r.man.CountsOnly {
		return ErrCountsOnlyRow
	}
	n := v.counts.Signatures + 1
	raw, sig := &c.raw, &c.raw.Signature
	if v.sigIDs[c.id] {
		return bad(SignaturesName, n, "signature %s appears twice", sig.ID)
	}
	t := v.sheets[sheetRef{sig.Group, sig.PetitionID, sig.Sheet}]
	switch {
	case sig.Group != v.r.man.Group.ID:
		return &OtherGroupError{Member: SignaturesName, Line: n}
	case t == nil:
		return bad(SignaturesName, n, "signature %s is on a sheet the bundle does not hold", sig.ID)
	case t.countsOnly:
		return bad(SignaturesName, n, "signature %s belongs to a counts-only snapshot", sig.ID)
	case t.origin != petition.OriginDigital:
		return bad(SignaturesName, n, "signature %s is on a paper sheet", sig.ID)
	case sig.Row < 1 || sig.Row > v.petitions[sig.PetitionID].RowsPerSheet:
		return bad(SignaturesName, n, "signature %s has row %d", sig.ID, sig.Row)
	case t.seen(sig.Row):
		return bad(SignaturesName, n, "two signatures on row %d of sheet %d", sig.Row, sig.Sheet)
	}
	t.see(sig.Row)
	t.rows++
	if sig.IsStruck() {
		t.struckRows++
	}
	v.sigIDs[c.id] = true
	v.counts.Signatures++
	if err := v.visit.Signature(raw); err != nil {
		return err
	}
	return v.Tick()
}

// ValidateSignature applies the app's signature rules. A row whose
// personal data was erased (retention, a signer's request) keeps no name
// or address, so only its other fields are checked.
func ValidateSignature(sig *petition.Signature) error {
	if !sig.ErasedPerson {
		return sig.Validate()
	}
	tmp := *sig
	tmp.Name, tmp.Email, tmp.Consent, tmp.Strokes = "erased", "", false, nil
	tmp.Address = petition.Address{Street: "erased", Postcode: "00", City: "erased", Country: "erased"}
	if sig.Email != "" || len(sig.Strokes) > 0 {
		return fmt.Errorf("an erased row still holds an email address or a signature")
	}
	return tmp.Validate()
}

func (v *verifier) page(p Page, image []byte) error {
	n := v.counts.Pages + 1
	t := v.sheets[sheetRef{p.Group, p.PetitionID, p.Sheet}]
	ext, known := contentTypes[p.ContentType]
	switch {
	case v.r.man.CountsOnly:
		return ErrCountsOnlyRow
	case p.Group != v.r.man.Group.ID:
		return &OtherGroupError{Member: PagesName, Line: n}
	case t == nil || t.countsOnly || t.origin != petition.OriginPaper:
		return bad(PagesName, n, "the page belongs to no paper sheet the bundle holds")
	case p.Count < 0 || p.Count > maxPagesSheet || p.Confidence < 0 || p.Confidence > 1 || p.Width < 0 || p.Height < 0:
		return bad(PagesName, n, "what was read from page %d is out of range", p.Page)
	case !known || len(p.Member) < len(ext) || p.Member[len(p.Member)-len(ext):] != ext:
		return bad(PagesName, n, "the page is not a JPEG or PNG image")
	case p.Page < 1 || p.Page > maxPagesSheet || t.pages[p.Page]:
		return bad(PagesName, n, "page %d of sheet %d is out of range or appears twice", p.Page, p.Sheet)
	case v.members[p.Member]:
		return bad(PagesName, n, "two pages share the image %s", p.Member)
	case len(image) == 0:
		return bad(PagesName, n, "the page image is empty")
	}
	if t.pages == nil {
		t.pages = map[int]bool{}
	}
	t.pages[p.Page] = true
	v.members[p.Member] = true
	v.counts.Pages++
	if err := v.visit.Page(p, image); err != nil {
		return err
	}
	return v.Tick()
}

// finish checks what can only be checked once everything is read.
func (v *verifier) finish() error {
	if v.counts != v.r.man.Counts {
		return bad(ManifestName, 0, "the manifest counts %+v but the bundle holds %+v", v.r.man.Counts, v.counts)
	}
	pageMembers := 0
	for name := range v.r.files {
		if len(name) > len(pagesDir) && name[:len(pagesDir)] == pagesDir {
			pageMembers++
		}
	}
	if pageMembers != v.counts.Pages {
		return bad(PagesName, 0, "the bundle holds %d page images but lists %d", pageMembers, v.counts.Pages)
	}
	if v.r.man.CountsOnly {
		return nil
	}
	for ref, t := range v.sheets {
		if t.origin == petition.OriginDigital && !t.countsOnly && (t.rows != t.filled || t.struckRows != t.struck) {
			return bad(SheetsName, 0, "sheet %d of group %s counts %d rows (%d struck) but the bundle holds %d (%d struck)",
				ref.number, ref.group, t.filled, t.struck, t.rows, t.struckRows)
		}
	}
	return nil
}

// checkStrokes validates a signature's strokes as Stroke.UnmarshalJSON
// would read them (NaN and far-off points refused alike), without
// building the points: the packed form is a JSON
// array of base64 strings, each a run of (float32, float32, uvarint).
// Anything else (the readable [[x,y,t]] form, escapes) goes the long way.
func checkStrokes(raw []byte, buf []byte) (strokes, points int, _ []byte, err error) {
	var list [][]byte
	if list = splitStrings(raw); list == nil {
		var st []petition.Stroke
		if err := json.Unmarshal(raw, &st); err != nil {
			return 0, 0, buf, err
		}
		for _, s := range st {
			points += len(s)
		}
		return len(st), points, buf, nil
	}
	for _, enc := range list {
		buf = buf[:0]
		if buf, err = base64.StdEncoding.AppendDecode(buf, enc); err != nil {
			return 0, 0, buf, err
		}
		for b := buf; len(b) > 0; points++ {
			if len(b) < 9 {
				return 0, 0, buf, errBadStroke
			}
			_, n := binary.Uvarint(b[8:])
			if n <= 0 {
				return 0, 0, buf, errBadStroke
			}
			x := math.Float32frombits(binary.LittleEndian.Uint32(b))
			y := math.Float32frombits(binary.LittleEndian.Uint32(b[4:]))
			if err := petition.CheckPoint(x, y); err != nil {
				return 0, 0, buf, err
			}
			b = b[8+n:]
		}
	}
	return len(list), points, buf, nil
}

var errBadStroke = errors.New("a signature stroke is damaged")

// splitStrings returns the strings of a compact JSON array of plain
// strings (no escapes), or nil if raw is anything else.
func splitStrings(raw []byte) [][]byte {
	if len(raw) < 2 || raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil
	}
	out := [][]byte{}
	rest := raw[1 : len(raw)-1]
	for len(rest) > 0 {
		if rest[0] != '"' {
			return nil
		}
		end := bytes.IndexByte(rest[1:], '"')
		if end < 0 {
			return nil
		}
		s := rest[1 : 1+end]
		if !plainString(s) {
			return nil // escapes or control characters: let the JSON decoder judge
		}
		out = append(out, s)
		rest = rest[end+2:]
		if len(rest) > 0 {
			if rest[0] != ',' || len(rest) == 1 {
				return nil
			}
			rest = rest[1:]
		}
	}
	return out
}

// plainString reports whether a JSON string's text holds no escape and no
// control character, so it means exactly its bytes.
func plainString(s []byte) bool {
	for _, c := range s {
		if c == '\\' || c < 0x20 {
			return false
		}
	}
	return true
}
