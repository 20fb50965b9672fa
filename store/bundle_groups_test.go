package store

import (
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/petitiondesk/petitiondesk/petition"
)

func parseKeyText(text string) ([]age.Identity, error) {
	return age.ParseIdentities(strings.NewReader(text))
}

// The same person signed with two groups: both rows count until struck,
// one is flagged, and that holds whichever bundle comes first.
func TestSharedSignerFlaggedOnce(t *testing.T) {
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		c, p, hand := coordinatorWithPetition(t)
		groups := []*Store{newGroup(t, "Group Thun", hand), newGroup(t, "Group Bern", hand)}
		sign(t, groups[0], p.ID, "Anna Schmid", "Lena Keller")
		sign(t, groups[1], p.ID, "ANNA SCHMID", "Jürg Bärtschi", "Chiara Rossi")
		bundles := [][]byte{exportBytes(t, groups[0], ExportOptions{}), exportBytes(t, groups[1], ExportOptions{})}
		mustImport(t, c, bundles[order[0]])
		mustImport(t, c, bundles[order[1]])
		mustImport(t, c, bundles[order[0]]) // again: nothing changes
		tot := totals(t, c, p.ID)
		if tot.Digital != 5 || tot.Duplicates != 1 {
			t.Fatalf("order %v: totals %+v, want 5 digital and 1 duplicate", order, tot)
		}
		byGroup, err := c.TotalsByGroup(p.ID)
		must(t, err)
		sum := 0
		for _, g := range byGroup {
			sum += g.Duplicates
		}
		if sum != 1 || len(byGroup) != 2 {
			t.Fatalf("by group %+v", byGroup)
		}
		dups, err := c.DuplicateGroups(p.ID, 0)
		must(t, err)
		if len(dups) != 1 || len(dups[0]) != 2 || dups[0][0].Group == dups[0][1].Group {
			t.Fatalf("duplicate list %+v", dups)
		}
	}
}

// Ten groups send bundles in any order, some twice, some superseded by a
// newer one (new rows, a struck row, a posted sheet), an old one arriving
// after the new: the coordinator's totals equal the sum of the groups'.
func TestTenGroupsMergeExactly(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	var groups []*Store
	var first, second [][]byte
	for i := range 10 {
		g := newGroup(t, "Group "+string(rune('A'+i)), hand)
		sigs := sign(t, g, p.ID, names(string(rune('A'+i)), 5+i)...)
		first = append(first, exportBytes(t, g, ExportOptions{}))
		sign(t, g, p.ID, names("Late "+string(rune('A'+i)), i%3)...)
		must(t, g.StrikeSignature(sigs[0].ID, petition.StrikeWithdrawn))
		if i%2 == 0 {
			must(t, g.MarkSheetPosted(p.ID, 1, petition.DateOf(testNow), ""))
		}
		second = append(second, exportBytes(t, g, ExportOptions{}))
		groups = append(groups, g)
	}
	all := append(append([][]byte{}, second...), first...)
	all = append(all, second[3], first[7], second[7])
	for _, perm := range [][]int{permutation(len(all), 1), permutation(len(all), 2)} {
		coord := tickingStore(t)
		mustImport(t, coord, exportBytes(t, c, ExportOptions{CountsOnly: true}))
		for _, i := range perm {
			mustImport(t, coord, all[i])
		}
		var want petition.Totals
		for _, g := range groups {
			gt := totals(t, g, p.ID)
			want.Digital += gt.Digital
			want.Paper += gt.Paper
			want.Struck += gt.Struck
		}
		got := totals(t, coord, p.ID)
		if got.Digital != want.Digital || got.Struck != want.Struck || got.Paper != want.Paper || got.Duplicates != 0 {
			t.Fatalf("coordinator %+v, groups %+v", got, want)
		}
		byGroup, err := coord.TotalsByGroup(p.ID)
		must(t, err)
		if len(byGroup) != 10 { // the coordinator itself has no sheets, so no line
			t.Fatalf("%d group lines", len(byGroup))
		}
	}
}

func permutation(n int, seed uint64) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	x := seed
	for i := n - 1; i > 0; i-- {
		x = x*6364136223846793005 + 1442695040888963407
		j := int(x>>33) % (i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// A strike made by the coordinator survives the group's next bundle.
func TestCoordinatorStrikeIsSticky(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 6)...)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	must(t, c.StrikeSignature(sigs[2].ID, petition.StrikeDuplicate))
	sign(t, a, p.ID, "New Signer")
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	tot := totals(t, c, p.ID)
	if tot.Digital != 6 || tot.Struck != 1 {
		t.Fatalf("totals %+v, want 6 valid and 1 struck", tot)
	}
	sheets, err := c.Sheets(p.ID)
	must(t, err)
	if sheets[0].Struck != 1 {
		t.Fatalf("sheet %+v", sheets[0])
	}
}

// A newer bundle updates what changed; the older one arriving late
// afterwards reverts nothing.
func TestNewerBundleUpdatesOlderDoesNotRevert(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 10)...)
	old := exportBytes(t, a, ExportOptions{})
	must(t, a.StrikeSignature(sigs[3].ID, petition.StrikeWithdrawn))
	must(t, a.MarkSheetPosted(p.ID, 1, petition.DateOf(testNow), "RR123"))
	sign(t, a, p.ID, "Late Signer")
	newer := exportBytes(t, a, ExportOptions{})
	for _, order := range [][][]byte{{old, newer}, {newer, old}} {
		coord := tickingStore(t)
		mustImport(t, coord, exportBytes(t, c, ExportOptions{CountsOnly: true}))
		for _, b := range order {
			mustImport(t, coord, b)
		}
		sig, err := coord.SignatureByID(sigs[3].ID)
		must(t, err)
		sheets, err := coord.Sheets(p.ID)
		must(t, err)
		if got, want := totals(t, coord, p.ID), totals(t, a, p.ID); got.Digital != want.Digital || got.Struck != want.Struck {
			t.Fatalf("totals %+v, want %+v", got, want)
		}
		if sig.Struck != petition.StrikeWithdrawn || sheets[0].Status != petition.SheetPosted || sheets[0].Tracking != "RR123" {
			t.Fatalf("row %q, sheet %+v", sig.Struck, sheets[0])
		}
	}
}

// A counts-only bundle carries the totals and no personal data; a full
// bundle later brings the rows without counting anything twice.
func TestCountsOnlyThenFull(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 14)...)
	must(t, a.StrikeSignature(sigs[1].ID, petition.StrikeIllegible))
	want := totals(t, a, p.ID)
	rep := mustImport(t, c, exportBytes(t, a, ExportOptions{CountsOnly: true}))
	if rep.SignaturesAdded != 0 || rep.SheetsAdded != 2 { // 14 rows, 10 to a sheet
		t.Fatalf("counts-only report %+v", rep)
	}
	if got := totals(t, c, p.ID); got.Digital != want.Digital || got.Struck != want.Struck {
		t.Fatalf("after counts-only: %+v, want %+v", got, want)
	}
	if _, err := c.SignatureByID(sigs[0].ID); err == nil {
		t.Fatal("a counts-only bundle brought a signature")
	}
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if got := totals(t, c, p.ID); got.Digital != want.Digital || got.Struck != want.Struck {
		t.Fatalf("after the full bundle: %+v, want %+v", got, want)
	}
	if _, err := c.SignatureByID(sigs[0].ID); err != nil {
		t.Fatal("the full bundle brought no rows")
	}
}
