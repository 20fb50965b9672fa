package store

import (
	"errors"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestCorrectSignature(t *testing.T) {
	s, err := openChecked(t, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(s.Now())
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	add := func(name, pc string) *petition.Signature {
		sig := &petition.Signature{Name: name, Address: petition.Address{Street: "Marktgasse 3", Postcode: pc, City: "Bern", Country: "Switzerland"}}
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
		return sig
	}
	first := add("Anna Schmid", "3011")
	typo := add("Ana Schmid", "3011")
	tests := []struct {
		name     string
		fix      func(*petition.Signature)
		wantErr  bool
		wantDup  string
		wantDups int
	}{
		{"typo fixed into a duplicate", func(g *petition.Signature) { g.Name = "Anna Schmid" }, false, first.ID, 1},
		{"invalid correction refused", func(g *petition.Signature) { g.Name = "" }, true, first.ID, 1},
		{"moved away again", func(g *petition.Signature) { g.Address.Postcode = "3012" }, false, "", 0},
		{"fields it may not touch stay", func(g *petition.Signature) { g.Row, g.Struck = 9, petition.StrikeInvalid }, false, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.CorrectSignature(typo.ID, tc.fix)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			got, err := s.SignatureByID(typo.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.DuplicateOf != tc.wantDup || got.Row != typo.Row || got.IsStruck() {
				t.Errorf("got dup %q row %d struck %v; want dup %q row %d", got.DuplicateOf, got.Row, got.IsStruck(), tc.wantDup, typo.Row)
			}
			tot, _ := s.Totals(p.ID)
			if tot.Duplicates != tc.wantDups || tot.Valid() != 2 {
				t.Errorf("totals %+v, want %d duplicates and 2 valid", tot, tc.wantDups)
			}
		})
	}
}

// A row whose personal data was erased takes no correction: it would
// bring a name back into a row that must stay empty.
func TestCorrectSignatureRefusesErasedRows(t *testing.T) {
	s, err := openChecked(t, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := petition.Example(s.Now())
	if err := s.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	sig := &petition.Signature{Name: "Anna Schmid", Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
	if err := s.AddSignature(p.ID, sig); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EraseSignature(sig.ID); err != nil {
		t.Fatal(err)
	}
	err = s.CorrectSignature(sig.ID, func(g *petition.Signature) {
		g.Name, g.Address = "Anna Schmid", petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}
	})
	if !errors.Is(err, ErrAlreadyErased) {
		t.Fatalf("correcting an erased row: err = %v, want ErrAlreadyErased", err)
	}
	got, err := s.SignatureByID(sig.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "" || got.Address.Street != "" || !got.ErasedPerson {
		t.Errorf("the erased row got personal data back: %+v", got)
	}
}
