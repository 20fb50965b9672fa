package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// LoadOptions says what GenerateLoad makes.
type LoadOptions struct {
	Signatures int     // signatures in all: rows on digital sheets plus counts on paper ones
	Groups     int     // local groups whose bundles the database holds; 0: all collected here
	PaperShare float64 // share of Signatures counted on paper sheets (0..1)
	Seed       uint64  // the same seed makes the same people (ids and times differ)
	// Progress (may be nil) gets (done, total) signatures as they are written.
	Progress func(done, total int)
}

// LoadReport says what GenerateLoad made.
type LoadReport struct {
	Petition   *petition.Petition
	Rows       int // signature rows (digital sheets)
	Paper      int // signatures counted on paper sheets
	Sheets     int
	Duplicates int // rows flagged as possible duplicates of an earlier one
	Struck     int // rows struck out (withdrawn)
}

// Shape of a load: one row in loadDupEvery signs a second time, one in
// loadStrikeEvery is withdrawn.
const (
	loadDupEvery    = 211
	loadStrikeEvery = 499
	loadStrokePool  = 512
	loadBatchRows   = 20_000 // rows per WriteBatch before it is flushed
)

// GenerateLoad fills the database with a new petition holding
// o.Signatures signatures, as a coordinator holds them once o.Groups
// local groups' bundles are merged: each group's sheets with their
// mapping and origin, its snapshot, its receipt; rows with names and
// addresses in several scripts and drawn signatures; some rows signed
// twice (flagged as duplicates, across groups too) and some withdrawn;
// o.PaperShare of the signatures counted on paper sheets. It is for
// benchmarks and for trying the app under load: the rows go in through
// large write batches with one sync at the end, not through AddSignature
// (a durable save each), so a million take minutes, not hours.
func (s *Store) GenerateLoad(ctx context.Context, o LoadOptions) (_ *LoadReport, err error) {
	defer wrap(&err, "generating a load of %d signatures", o.Signatures)
	if o.Signatures < 1 || o.Groups < 0 || o.PaperShare < 0 || o.PaperShare > 1 {
		return nil, errors.New("the signatures must be at least 1, the groups at least 0 and the paper share between 0 and 1")
	}
	// Badger's flushes, compactions and the Flatten below map every table;
	// a million rows left 3.2 GB of mapped files in the resident set.
	defer trimWhile()()
	now := s.now().UTC()
	p := petition.Example(now)
	p.Title = fmt.Sprintf("%s (%d signatures, generated)", p.Title, o.Signatures)
	p.Goal = o.Signatures
	if err := s.CreatePetition(p); err != nil {
		return nil, err
	}
	g := &loadGen{s: s, o: o, p: p, now: now, people: newPeople(o.Seed), strokes: strokePool(loadStrokePool, o.Seed),
		c: counters{Totals: petition.Totals{PetitionID: p.ID, Goal: p.Goal}, NextSheet: 1}, rep: &LoadReport{Petition: p}}
	if g.o.Progress == nil {
		g.o.Progress = func(int, int) {}
	}
	g.wb = s.db.NewWriteBatch()
	defer func() { g.wb.Cancel() }()
	if err := g.run(ctx); err != nil {
		return nil, err
	}
	if err := g.flush(); err != nil {
		return nil, err
	}
	if err := s.db.Sync(); err != nil {
		return nil, err
	}
	// Settle the tables now: a load leaves many level-0 and bulk-sized
	// tables, and the next open (with normal options) would otherwise
	// compact the whole database in the background while the user's
	// first command runs, doubling its time and memory.
	if err := s.db.Flatten(2); err != nil {
		return nil, fmt.Errorf("compacting the loaded tables: %w", err)
	}
	return g.rep, s.Audit("generate-load", map[string]any{"petition": p.ID, "count": o.Signatures, "groups": o.Groups})
}

// loadGen is one GenerateLoad at work.
type loadGen struct {
	s       *Store
	o       LoadOptions
	p       *petition.Petition
	now     time.Time
	people  *people
	strokes [][]byte
	c       counters
	rep     *LoadReport
	wb      *badger.WriteBatch
	pending int // rows in wb since the last flush
	done    int // signatures written, for Progress
	row     int // rows made, for the shape of the load
	gdups   int // rows of the current group flagged as duplicates
}

// run makes each group's share of the signatures (all of them as this
// database's own when there are no groups).
func (g *loadGen) run(ctx context.Context) error {
	groups := max(1, g.o.Groups)
	weights, sum := make([]int, groups), 0
	for i := range weights {
		weights[i] = 1 + (i*7)%5 // groups differ in size, one to five parts
		sum += weights[i]
	}
	left := g.o.Signatures
	for i := range groups {
		n := g.o.Signatures * weights[i] / sum
		if i == groups-1 {
			n = left
		}
		left -= n
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := g.group(ctx, i, n); err != nil {
			return err
		}
	}
	return g.set(keyCounters(g.p.ID), g.c)
}

// group writes one group's n signatures: digital sheets of rows, then
// paper sheets with counts, and (for a real group) what its bundle's
// import records.
func (g *loadGen) group(ctx context.Context, i, n int) error {
	gid, name := "", ""
	if g.o.Groups > 0 {
		gid, name = newID(), fmt.Sprintf("Group %d", i+1)
	}
	g.gdups = 0
	paper := int(float64(n) * g.o.PaperShare)
	rows := n - paper
	start := g.now.Add(-56 * 24 * time.Hour)
	step := 56 * 24 * time.Hour / time.Duration(max(1, n))
	number := 0
	for r := 0; r < rows; r += g.p.RowsPerSheet {
		number++
		k := min(g.p.RowsPerSheet, rows-r)
		where := fmt.Sprintf("Market stall %d", 1+number%9)
		sh := &petition.Sheet{PetitionID: g.p.ID, Number: g.c.NextSheet, Origin: petition.OriginDigital, Location: where,
			Collector: "Volunteer " + fmt.Sprint(1+number%23), Opened: start.Add(time.Duration(r) * step), Status: petition.SheetFull, Group: gid}
		if err := g.sheetRows(sh, k, start.Add(time.Duration(r)*step), step); err != nil {
			return err
		}
		if err := g.sheet(sh, gid, number); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	for paper > 0 {
		number++
		k := min(paper, 10+(number*13)%(g.p.RowsPerSheet-9))
		paper -= k
		sh := &petition.Sheet{PetitionID: g.p.ID, Number: g.c.NextSheet, Origin: petition.OriginPaper, Location: "Church hall",
			Collector: name, Opened: start, Status: petition.SheetScanned, Filled: k, Group: gid}
		g.c.Paper += k
		g.rep.Paper += k
		if err := g.sheet(sh, gid, number); err != nil {
			return err
		}
		g.progress(k)
	}
	if gid == "" {
		return nil
	}
	return g.groupRecords(gid, name)
}

// sheetRows writes k rows of a digital sheet.
func (g *loadGen) sheetRows(sh *petition.Sheet, k int, t time.Time, step time.Duration) error {
	for row := 1; row <= k; row++ {
		g.row++
		sig := petition.Signature{ID: newID(), PetitionID: g.p.ID, Sheet: sh.Number, Row: row, Group: sh.Group,
			Signed: t.Add(time.Duration(row) * step).Truncate(time.Second), Location: sh.Location, Collector: sh.Collector}
		if d, ok := g.people.again(); ok && g.row%loadDupEvery == 0 {
			sig.Name, sig.Address, sig.DuplicateOf = d.name, d.addr, d.id
			g.c.Duplicates++
			g.rep.Duplicates++
			g.gdups++
		} else {
			sig.Name, sig.Address = g.people.fresh()
			g.people.remember(dealt{sig.Name, sig.Address, sig.ID})
		}
		if g.row%loadStrikeEvery == 0 && sig.DuplicateOf == "" {
			sig.Struck = petition.StrikeWithdrawn
			sh.Struck++
			g.c.Struck++
			g.rep.Struck++
		} else {
			g.c.Digital++
		}
		sh.Filled++
		if err := g.signature(&sig); err != nil {
			return err
		}
		g.progress(1)
	}
	return nil
}

// signature writes a row, its id index and its duplicate index entry.
func (g *loadGen) signature(sig *petition.Signature) error {
	raw := bundle.RawSignature{Signature: *sig, Strokes: g.strokes[g.row%len(g.strokes)]}
	b, err := storedSignature(&raw)
	if err != nil {
		return err
	}
	key := keySig(sig.PetitionID, sig.Sheet, sig.Row)
	dup := append(prefixDup(sig.PetitionID, petition.DuplicateKey(sig.Name, sig.Address.Postcode)), sig.ID...)
	for _, kv := range [][2][]byte{{key, b}, {keySigIndex(sig.ID), key}, {dup, nil}} {
		if err := g.wb.Set(kv[0], kv[1]); err != nil {
			return err
		}
	}
	g.rep.Rows++
	g.pending++
	if g.pending >= loadBatchRows {
		return g.flush()
	}
	return nil
}

// sheet writes a sheet and, for a group's, its mapping and origin as
// an import writes them.
func (g *loadGen) sheet(sh *petition.Sheet, gid string, number int) error {
	local := g.c.NextSheet
	g.c.NextSheet++
	g.rep.Sheets++
	if err := g.set(keySheet(g.p.ID, local), sh); err != nil || gid == "" {
		return err
	}
	if err := g.wb.Set(keySheetMap(g.p.ID, gid, number), u32(local)); err != nil {
		return err
	}
	return g.set(keySheetOrigin(g.p.ID, local), sheetOrigin{Group: gid, Number: number, GroupStruck: sh.Struck})
}

// groupRecords writes what importing the group's bundle leaves besides
// its sheets and rows: the group, the snapshot held, the receipt.
func (g *loadGen) groupRecords(gid, name string) error {
	made := g.now.Add(-time.Hour)
	bid := newID()
	for _, kv := range []struct {
		key []byte
		v   any
	}{
		{keyGroup(gid), groupRecord{ID: gid, Name: name, LastImport: g.now, LastBundle: bid, LastMade: made, Bundles: 1}},
		{keyHeld(gid, g.p.ID), heldSnapshot{AsOf: made}},
		{keyReceipt(bid), BundleReceipt{ID: bid, Group: bundle.Group{ID: gid, Name: name}, Created: made, Imported: g.now}},
	} {
		if err := g.set(kv.key, kv.v); err != nil {
			return err
		}
	}
	if g.gdups == 0 {
		return nil
	}
	return g.wb.Set(keyGroupDups(g.p.ID, gid), u32(g.gdups))
}

func (g *loadGen) set(key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return g.wb.Set(key, b)
}

// flush commits what the batch holds and starts a new one, so the
// batch's pending entries never hold more than loadBatchRows rows.
func (g *loadGen) flush() error {
	if err := g.wb.Flush(); err != nil {
		return err
	}
	g.wb = g.s.db.NewWriteBatch()
	g.pending = 0
	return nil
}

func (g *loadGen) progress(n int) {
	g.done += n
	if g.done%1000 < n || g.done == g.o.Signatures {
		g.o.Progress(g.done, g.o.Signatures)
	}
}
