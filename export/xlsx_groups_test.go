package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// twoGroupStore returns a coordinator's in-memory database holding the
// demo petition as a group (Thun) sent it in a bundle, plus three rows
// signed here, one of them by a person Thun also has.
func twoGroupStore(t *testing.T) *store.Store {
	t.Helper()
	g := demoStore(t)
	if _, err := g.SetGroupName("Group Thun"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := g.ExportBundle(context.Background(), &buf, store.ExportOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(store.Options{InMemory: true, Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.SetGroupName("National office"); err != nil {
		t.Fatal(err)
	}
	r, err := bundle.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImportBundle(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	list, _ := c.Petitions()
	for i, who := range []struct{ name, postcode string }{{"Anna Schmid", "3011"}, {"Lena Keller", "3600"}, {"Nadia Huber", "3000"}} {
		sig := &petition.Signature{Name: who.name, Address: petition.Address{Street: "Hauptgasse 1", Postcode: who.postcode, City: "Thun", Country: "Switzerland"},
			Strokes: store.DemoStrokes(who.name, i), Signed: demoNow.Add(-time.Duration(i) * time.Hour)}
		if err := c.AddSignature(list[0].ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestSummaryByGroup(t *testing.T) {
	c := twoGroupStore(t)
	list, _ := c.Petitions()
	tot, err := c.Totals(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	f, data := summarise(t, c, SummaryOptions{})
	if got, want := strings.Join(f.GetSheetList(), "|"), "Totals|By group|Sheets|By week"; got != want {
		t.Fatalf("worksheets %q, want %q", got, want)
	}
	rows, err := f.GetRows(sheetByGroup, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("By group has %d lines, want one per group (2): %q", len(rows)-1, rows)
	}
	var sum petition.Totals
	names := map[string]string{}
	for i, r := range rows[1:] {
		for col := 3; col < len(groupColumns); col++ {
			ref, _ := excelize.CoordinatesToCellName(col+1, i+2)
			if typ, _ := f.GetCellType(sheetByGroup, ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s is not a number (%v)", ref, typ)
			}
		}
		n := func(col int) int {
			v, err := strconv.Atoi(r[col])
			if err != nil {
				t.Fatalf("line %q column %d is not a number", r, col)
			}
			return v
		}
		sum.Digital += n(4)
		sum.Paper += n(5)
		sum.Struck += n(6)
		sum.Duplicates += n(7)
		if n(8) != n(4)+n(5) {
			t.Errorf("line %q: valid is not in person + on paper", r)
		}
		names[r[1]] = r[2]
	}
	if sum.Digital != tot.Digital || sum.Paper != tot.Paper || sum.Struck != tot.Struck || sum.Duplicates != tot.Duplicates {
		t.Errorf("By group adds up to %+v, Totals are %+v", sum, tot)
	}
	if names["National office"] != "yes" || names["Group Thun"] != "no" {
		t.Errorf("groups and 'this database' %v", names)
	}
	if tot.Duplicates < 2 { // the demo's own, and Anna Schmid signing here too
		t.Errorf("want the cross-group duplicate flagged, totals %+v", tot)
	}
	checkLayout(t, members(t, data), true) // 4 worksheets, like with personal data
	for _, who := range []string{"Anna Schmid", "Lena Keller", "Hauptgasse"} {
		if bytes.Contains(data, []byte(who)) {
			t.Errorf("%q is in a workbook without personal data", who)
		}
	}
}

// A single group — the demo, with or without a name, or a source that
// cannot split by group — gets no "By group" worksheet.
func TestSummaryNoByGroupForOneGroup(t *testing.T) {
	named := demoStore(t)
	if _, err := named.SetGroupName("Group Thun"); err != nil {
		t.Fatal(err)
	}
	fake := &fakeSource{}
	fake.addPetition(testPetition("p1", "UA 1/25", "One", 10), demoNow, []string{"A B", "C D"}, 3)
	for _, tc := range []struct {
		name string
		src  Source
	}{{"demo", demoStore(t)}, {"named group", named}, {"no GroupSource", fake}} {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := summarise(t, tc.src, SummaryOptions{})
			for _, name := range f.GetSheetList() {
				if name == sheetByGroup {
					t.Fatalf("worksheets %q: a single group needs no %q", f.GetSheetList(), sheetByGroup)
				}
			}
		})
	}
}

// TestByGroupInLibreOffice opens the two-group workbook in a real
// spreadsheet: LibreOffice must read the "By group" counts as numbers
// that add up to the Totals line.
func TestByGroupInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("soffice is needed (libreoffice-calc-nogui): %v", err)
		}
		t.Skip("soffice is not installed")
	}
	c := twoGroupStore(t)
	work := t.TempDir()
	book := filepath.Join(work, "groups.xlsx")
	if err := writeTestFile(book, func(w io.Writer) error {
		_, err := WriteSummary(context.Background(), w, c, SummaryOptions{Now: demoNow, Location: time.UTC})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Its own profile, so parallel runs share no lock; -1 writes every
	// worksheet to its own CSV file; numbers are written unformatted.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(work, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", work, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	read := func(name string) [][]string {
		b, err := os.ReadFile(filepath.Join(work, "groups-"+name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		lines, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return lines
	}
	byGroup, totals := read("By group"), read("Totals")
	sum := 0
	for _, l := range byGroup[1:] {
		n, err := strconv.Atoi(l[8])
		if err != nil {
			t.Fatalf("LibreOffice reads the valid count %q of %q as no number", l[8], l)
		}
		sum += n
	}
	if want := totals[1][9]; strconv.Itoa(sum) != want || len(byGroup) != 3 {
		t.Errorf("LibreOffice: By group adds up to %d in %d lines, Totals says %s", sum, len(byGroup)-1, want)
	}
}
