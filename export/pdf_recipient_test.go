package export

import (
	"strings"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// TestPackAddressModes reads the pack's text for each address mode: the
// default (town and country) shows no street and no postcode of a Swiss
// demo signer, and no signer living in Belarus (the targets' country) is
// named in full unless they asked to be.
func TestPackAddressModes(t *testing.T) {
	needTool(t, "pdftotext")
	s, p := pdfDemo(t)
	if p.RecipientSees != petition.AddressTownCountry {
		t.Fatalf("the demo shows the recipient %q, want town-country", p.RecipientSees)
	}
	optIn := &petition.Signature{Name: "Sviatlana Adkrytaja", PrintFullName: true,
		Address: petition.Address{Street: "vul. Lenina 1", Postcode: "220050", City: "Minsk", Country: "BY"},
		Strokes: store.DemoStrokes("Sviatlana", 1), Signed: pdfNow}
	if err := s.AddSignature(p.ID, optIn); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		mode          petition.AddressMode
		want, notWant []string
		fromOverride  bool
	}{
		{"", []string{"Zürich, Switzerland", "М. К.", "Sviatlana Adkrytaja", "name, town and country"},
			[]string{"Bahnhofstrasse", "8001", "Марыя", "Калеснікава", "Олег", "Marktgasse", "Інтэрнацыянальная", "Lenina"}, false},
		{petition.AddressPostcodeTown, []string{"8001 Zürich, Switzerland", "220050 Minsk, BY"},
			[]string{"Bahnhofstrasse", "Калеснікава", "Lenina"}, true},
		{petition.AddressFull, []string{"Bahnhofstrasse 12", "8001 Zürich, Switzerland", "vul. Lenina 1", "postal address"},
			[]string{"Калеснікава", "Інтэрнацыянальная", "Niezaliežnasci"}, true},
	} {
		t.Run(string(c.mode), func(t *testing.T) {
			path, _ := writePack(t, s, p, PackOptions{Addresses: c.mode})
			text := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q is not in the pack", w)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(text, w) {
					t.Errorf("%q is in the pack, but the recipient must not see it", w)
				}
			}
		})
	}
}

// TestPackFollowsThePetition: without an override the petition's own
// setting decides.
func TestPackFollowsThePetition(t *testing.T) {
	needTool(t, "pdftotext")
	s, p := pdfDemo(t)
	p.RecipientSees = petition.AddressFull
	path, _ := writePack(t, s, p, PackOptions{})
	if text := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-"); !strings.Contains(text, "Bahnhofstrasse") {
		t.Error("a petition set to full addresses printed no street")
	}
}
