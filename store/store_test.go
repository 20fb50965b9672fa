package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/petitiondesk/petitiondesk/petition"
)

var testNow = time.Date(2024, 11, 1, 10, 0, 0, 0, time.UTC)

func memStore(t testing.TB) *Store {
	t.Helper()
	s, err := openChecked(t, Options{InMemory: true, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newPetition(t testing.TB, s *Store, rows int) *petition.Petition {
	t.Helper()
	p := petition.Example(testNow)
	p.RowsPerSheet, p.RowsFirstPage = rows, 1
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func person(name, postcode string) *petition.Signature {
	return &petition.Signature{Name: name, Address: petition.Address{Street: "Kramgasse 1", Postcode: postcode, City: "Bern", Country: "Switzerland"}}
}

func TestSheetsFillAndOpenNext(t *testing.T) {
	s := memStore(t)
	p := newPetition(t, s, 5)
	for i := 0; i < 12; i++ {
		sig := person(fmt.Sprintf("Person %02d", i), fmt.Sprint(3000+i))
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
		if want := [2]int{i/5 + 1, i%5 + 1}; [2]int{sig.Sheet, sig.Row} != want {
			t.Fatalf("signature %d on sheet/row %d/%d, want %v", i, sig.Sheet, sig.Row, want)
		}
	}
	sheets, err := s.Sheets(p.ID)
	if err != nil || len(sheets) != 3 {
		t.Fatalf("%d sheets, %v", len(sheets), err)
	}
	wantStatus := []petition.SheetStatus{petition.SheetFull, petition.SheetFull, petition.SheetCollecting}
	for i, sh := range sheets {
		if sh.Status != wantStatus[i] || sh.Origin != petition.OriginDigital {
			t.Errorf("sheet %d: %s %s", sh.Number, sh.Status, sh.Origin)
		}
	}
	rows, _ := s.SignaturesBySheet(p.ID, 2)
	if len(rows) != 5 || rows[0].Name != "Person 05" {
		t.Fatalf("sheet 2 rows: %d", len(rows))
	}
}

func TestTotalsStrikeAndDuplicates(t *testing.T) {
	s := memStore(t)
	p := newPetition(t, s, 30)
	a, b, c := person("Anna Müller", "3011"), person("ANNA MULLER", "30 11"), person("Anna Muller", "8001")
	for _, sig := range []*petition.Signature{a, b, c} {
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	if b.DuplicateOf != a.ID || c.DuplicateOf != "" || a.DuplicateOf != "" {
		t.Fatalf("duplicate flags: a=%q b=%q c=%q", a.DuplicateOf, b.DuplicateOf, c.DuplicateOf)
	}
	steps := []struct {
		name                  string
		do                    func() error
		digital, struck, dups int
	}{
		{"three signed, one flagged", func() error { return nil }, 3, 0, 1},
		{"strike the duplicate", func() error { return s.StrikeSignature(b.ID, petition.StrikeDuplicate) }, 2, 1, 1},
		{"strike it again changes nothing", func() error { return s.StrikeSignature(b.ID, petition.StrikeInvalid) }, 2, 1, 1},
		{"unstrike", func() error { return s.UnstrikeSignature(b.ID) }, 3, 0, 1},
		{"bad reason", func() error { return s.StrikeSignature(a.ID, "boring") }, 3, 0, 1},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			tot, err := s.Totals(p.ID)
			if err != nil || tot.Digital != st.digital || tot.Struck != st.struck || tot.Duplicates != st.dups {
				t.Fatalf("totals %+v, %v", tot, err)
			}
		})
	}
	got, err := s.SignatureByID(b.ID)
	if err != nil || got.Name != "ANNA MULLER" {
		t.Fatal(got, err)
	}
	if _, err := s.SignatureByID("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
}

func TestInvalidSignatureStoresNothing(t *testing.T) {
	s := memStore(t)
	p := newPetition(t, s, 30)
	bad := person("", "3011")
	var ve petition.ValidationError
	if err := s.AddSignature(p.ID, bad); !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	if tot, _ := s.Totals(p.ID); tot.Valid() != 0 {
		t.Fatal("an invalid row was counted")
	}
	if sheets, _ := s.Sheets(p.ID); len(sheets) != 0 {
		t.Fatal("an invalid row opened a sheet")
	}
}

func TestClosedPetitionRefusesSignatures(t *testing.T) {
	s := memStore(t)
	p := newPetition(t, s, 30)
	p.Status = petition.StatusClosed
	if err := s.UpdatePetition(p); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSignature(p.ID, person("Anna Müller", "3011")); !errors.Is(err, ErrPetitionNotActive) {
		t.Fatal(err)
	}
}

func TestPaging(t *testing.T) {
	s := memStore(t)
	p := newPetition(t, s, 7)
	for i := 0; i < 25; i++ {
		if err := s.AddSignature(p.ID, person(fmt.Sprintf("Person %02d", i), "3011")); err != nil {
			t.Fatal(err)
		}
	}
	var seen []string
	cur := Cursor{}
	for {
		page, next, err := s.SignaturesPage(p.ID, cur, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, sig := range page {
			seen = append(seen, sig.Name)
		}
		cur = next
	}
	if len(seen) != 25 || seen[0] != "Person 00" || seen[24] != "Person 24" {
		t.Fatalf("paged %d: %v", len(seen), seen)
	}
}

func TestPaperSheetsAndPosting(t *testing.T) {
	s := memStore(t)
	p := newPetition(t, s, 30)
	s.AddSignature(p.ID, person("Anna Müller", "3011"))
	made, err := s.CreatePaperSheets(p.ID, 3, "Church hall", "Group Thun")
	if err != nil || len(made) != 3 || made[0].Number != 2 || made[2].Number != 4 {
		t.Fatalf("%v %v", made, err)
	}
	if err := s.SetPaperCount(p.ID, 3, 17); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPaperCount(p.ID, 3, 12); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPaperCount(p.ID, 3, 31); err == nil {
		t.Fatal("31 rows on a 30-row sheet accepted")
	}
	if err := s.SetPaperCount(p.ID, 1, 5); err == nil {
		t.Fatal("a digital sheet's count was overwritten")
	}
	tot, _ := s.Totals(p.ID)
	if tot.Paper != 12 || tot.Digital != 1 || tot.Valid() != 13 {
		t.Fatalf("%+v", tot)
	}
	if err := s.MarkSheetPosted(p.ID, 1, petition.Date{Year: 2024, Month: 11, Day: 2}, "RR123"); err != nil {
		t.Fatal(err)
	}
	// A posted sheet takes no more signatures: the next one opens sheet 5.
	next := person("Hans Huber", "3011")
	if err := s.AddSignature(p.ID, next); err != nil || next.Sheet != 5 {
		t.Fatalf("sheet %d, %v", next.Sheet, err)
	}
}

func TestDemo(t *testing.T) {
	s := memStore(t)
	p, err := s.CreateDemo(testNow)
	if err != nil {
		t.Fatal(err)
	}
	tot, _ := s.Totals(p.ID)
	if tot.Digital != 35 || tot.Struck != 1 || tot.Paper != 27 || tot.Duplicates < 1 {
		t.Fatalf("demo totals %+v", tot)
	}
}

func TestSchemaVersion(t *testing.T) {
	s := memStore(t)
	err := s.db.Update(func(txn *badger.Txn) error { return writeSchema(txn, SchemaVersion+1) })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.migrate(); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("a newer schema: got %v", err)
	}
	s.db.Update(func(txn *badger.Txn) error { return writeSchema(txn, SchemaVersion) })
	if err := s.migrate(); err != nil {
		t.Fatalf("current schema: %v", err)
	}
}
