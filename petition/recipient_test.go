package petition

import (
	"testing"
	"time"
)

func TestSameCountry(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Belarus", "BELARUS", true}, {"BY", "Belarus", true}, {"Беларусь", "Belarus", true},
		{"Weißrussland", "by", true}, {"Republic of Belarus", "Belarus", true},
		{"Schweiz", "Switzerland", true}, {"Côte d'Ivoire", "cote d ivoire", true},
		{"Belarus", "Switzerland", false}, {"", "", false}, {"Belarus", "", false},
	} {
		if got := SameCountry(c.a, c.b); got != c.same {
			t.Errorf("SameCountry(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestForRecipient(t *testing.T) {
	sig := &Signature{Name: "Марыя Калеснікава", Address: Address{Street: "вул. 5", Postcode: "220030", City: "Мінск", Country: "Belarus"}}
	if got := ForRecipient(sig, AddressFull, "Belarus"); got != (Printed{Name: "М. К.", Line2: "Belarus"}) {
		t.Errorf("a signer in the target's country: %+v", got)
	}
	sig.PrintFullName = true
	if got := ForRecipient(sig, AddressTownCountry, "BY"); got != (Printed{Name: sig.Name, Line2: "Мінск, Belarus"}) {
		t.Errorf("opted in: %+v", got)
	}
	swiss := &Signature{Name: "Anna Schmid", Address: Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
	for mode, want := range map[AddressMode]Printed{
		AddressFull:         {"Anna Schmid", "Marktgasse 3", "3011 Bern, Switzerland"},
		AddressPostcodeTown: {"Anna Schmid", "", "3011 Bern, Switzerland"},
		AddressTownCountry:  {"Anna Schmid", "", "Bern, Switzerland"},
	} {
		if got := ForRecipient(swiss, mode, "Belarus"); got != want {
			t.Errorf("%s: %+v, want %+v", mode, got, want)
		}
	}
}

func TestRecipientSeesValidated(t *testing.T) {
	p := Example(time.Date(2024, 11, 1, 12, 0, 0, 0, time.UTC))
	if p.RecipientSees != AddressTownCountry {
		t.Errorf("the example shows %q", p.RecipientSees)
	}
	p.RecipientSees = "street"
	if p.Validate() == nil {
		t.Error("an unknown address mode passed validation")
	}
	var old Petition
	if err := old.UnmarshalJSON([]byte(`{"id":"x"}`)); err != nil || old.RecipientSees != DefaultAddressMode {
		t.Errorf("an older petition reads as %q (%v)", old.RecipientSees, err)
	}
}
