package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/petitiondesk/petitiondesk/petition"
)

// A coordinator's load: the totals add up, every group has its line,
// the rows are in every script, and the duplicate index flags exactly
// the rows the generator signed twice.
func TestGenerateLoadCoordinator(t *testing.T) {
	s := memStore(t)
	const n = 4000
	var last int
	rep, err := s.GenerateLoad(context.Background(), LoadOptions{Signatures: n, Groups: 4, PaperShare: 0.25, Seed: 3,
		Progress: func(done, total int) { last = done }})
	must(t, err)
	if last != n {
		t.Fatalf("progress ended at %d of %d", last, n)
	}
	pid := rep.Petition.ID
	tot := totals(t, s, pid)
	if tot.Digital+tot.Struck != rep.Rows || tot.Paper != rep.Paper || rep.Rows+rep.Paper != n || tot.Struck != rep.Struck {
		t.Fatalf("totals %+v, report %+v", tot, rep)
	}
	if tot.Duplicates != rep.Duplicates || rep.Duplicates == 0 || rep.Struck == 0 || rep.Paper < n/5 {
		t.Fatalf("shape of the load: %+v", rep)
	}
	byGroup, err := s.TotalsByGroup(pid)
	must(t, err)
	if len(byGroup) != 4 {
		t.Fatalf("%d group lines", len(byGroup))
	}
	scripts := map[string]*unicode.RangeTable{"latin-diacritics": unicode.Latin, "cyrillic": unicode.Cyrillic,
		"greek": unicode.Greek, "arabic": unicode.Arabic, "han": unicode.Han}
	seen := map[string]int{}
	rows, flagged, people := 0, 0, map[string]bool{}
	must(t, s.ForEachSignature(pid, func(sig *petition.Signature) error {
		rows++
		if sig.DuplicateOf != "" {
			flagged++
		} else if key := petition.DuplicateKey(sig.Name, sig.Address.Postcode); people[key] {
			t.Fatalf("row %d/%d repeats a signer without being flagged", sig.Sheet, sig.Row)
		} else {
			people[key] = true
		}
		if len(sig.Strokes) == 0 || sig.Group == "" {
			t.Fatalf("row %d/%d: %d strokes, group %q", sig.Sheet, sig.Row, len(sig.Strokes), sig.Group)
		}
		for name, tab := range scripts {
			if strings.IndexFunc(sig.Name, func(r rune) bool { return unicode.Is(tab, r) && (name != "latin-diacritics" || r > 0x7f) }) >= 0 {
				seen[name]++
			}
		}
		return nil
	}))
	if rows != rep.Rows || flagged != rep.Duplicates {
		t.Fatalf("%d rows, %d flagged; report %+v", rows, flagged, rep)
	}
	for name := range scripts {
		if seen[name] < rows/50 {
			t.Errorf("only %d rows in %s script", seen[name], name)
		}
	}
}

// A group's own load goes out in a bundle that verifies and imports
// into a coordinator with the same totals.
func TestGenerateLoadBundleImports(t *testing.T) {
	g := tickingStore(t)
	rep, err := g.GenerateLoad(context.Background(), LoadOptions{Signatures: 1500, PaperShare: 0.1, Seed: 9})
	must(t, err)
	b := exportBytes(t, g, ExportOptions{})
	// On disk: an in-memory Badger refuses values over 64 KiB, and a
	// chunk's undo record of a bundle this size is larger.
	coord := diskStore(t, t.TempDir(), "")
	defer coord.Close()
	imp := mustImport(t, coord, b)
	if imp.SignaturesAdded != rep.Rows {
		t.Fatalf("imported %d of %d rows", imp.SignaturesAdded, rep.Rows)
	}
	want, got := totals(t, g, rep.Petition.ID), totals(t, coord, rep.Petition.ID)
	if got.Digital != want.Digital || got.Paper != want.Paper || got.Struck != want.Struck || got.Duplicates != want.Duplicates {
		t.Fatalf("coordinator %+v, group %+v", got, want)
	}
}

func TestGenerateLoadRefusesNonsense(t *testing.T) {
	s := memStore(t)
	for _, o := range []LoadOptions{{Signatures: 0}, {Signatures: 5, Groups: -1}, {Signatures: 5, PaperShare: 1.5}} {
		if _, err := s.GenerateLoad(context.Background(), o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// The import's table of first signers per duplicate bucket gives back
// what it was given, for UUIDs and for ids that are not.
func TestDupFirsts(t *testing.T) {
	d := newDupFirsts()
	a := prefixDup("p1", petition.DuplicateKey("Anna Schmid", "3011"))
	b := prefixDup("p2", petition.DuplicateKey("Anna Schmid", "3011"))
	c := prefixDup("p1", petition.DuplicateKey("Олег Іваноў", "220030"))
	id := newID()
	d.put(a, id)
	d.put(c, "not-a-uuid")
	if got, ok := d.get(a); !ok || got != id {
		t.Fatalf("a: %q %v", got, ok)
	}
	if got, ok := d.get(c); !ok || got != "not-a-uuid" {
		t.Fatalf("c: %q %v", got, ok)
	}
	if _, ok := d.get(b); ok {
		t.Fatal("another petition's bucket found")
	}
}

// Past the map, first signers go to sorted runs that merge: every one
// put is found again, in any run, and nothing else is.
func TestDupFirstsRuns(t *testing.T) {
	d := newDupFirsts()
	n := 3*recentFirsts + recentFirsts/2
	bucket := func(i int) []byte { return prefixDup("p1", petition.DuplicateKey(fmt.Sprint("Name ", i), "1000")) }
	ids := make([]string, n)
	for i := range n {
		ids[i] = newID()
		d.put(bucket(i), ids[i])
	}
	if runs := len(d.byPetition["p1"].runs); runs != 2 { // 2×, then 1×
		t.Fatalf("%d runs, want 2", runs)
	}
	for i := range n {
		if got, ok := d.get(bucket(i)); !ok || got != ids[i] {
			t.Fatalf("entry %d: %q %v", i, got, ok)
		}
	}
	if _, ok := d.get(bucket(n)); ok {
		t.Fatal("a bucket never put was found")
	}
}
