package store

import (
	"hash/fnv"
	"math"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// demoSigners are invented people; their names exercise accents, Cyrillic
// and a name that looks like a spreadsheet formula.
var demoSigners = []struct{ name, street, postcode, city, country string }{
	{"Zoë Müller-Lüdenscheidt", "Bahnhofstrasse 12", "8001", "Zürich", "Switzerland"},
	{"Марыя Калеснікава", "вул. Інтэрнацыянальная 5", "220030", "Мінск", "Belarus"},
	{"François Pérez", "Rue du Rhône 40", "1204", "Genève", "Switzerland"},
	{"Anna Schmid", "Marktgasse 3", "3011", "Bern", "Switzerland"},
	{"Jürg Bärtschi", "Kramgasse 81", "3011", "Bern", "Switzerland"},
	{"Łucja Wiśniewska", "ul. Długa 7", "80-827", "Gdańsk", "Poland"},
	{"Søren Kierkegaard-Ølsen", "Nørregade 2", "1165", "København", "Denmark"},
	{"Олег Іваноў", "Praspiekt Niezaliežnasci 44", "220030", "Minsk", "Belarus"},
	{"Amélie Dubois", "Avenue de la Gare 9", "1003", "Lausanne", "Switzerland"},
	{"=SUM(A1:A9)", "Gerechtigkeitsgasse 1", "3011", "Bern", "Switzerland"},
	{"Ana María Núñez", "Calle Mayor 3", "28013", "Madrid", "Spain"},
	{"ANNA SCHMID", "Marktgasse 3", "3011", "Bern", "Switzerland"}, // same person as above
}

var (
	demoFirst = []string{"Lena", "Hélène", "Dmitry", "Chiara", "Matthias", "Nadia", "Björn", "Inès", "Таццяна"}
	demoLast  = []string{"Keller", "Favre", "Huber", "Rossi", "Brunner", "Гарэцкая", "Moser", "Blanc", "Weber", "Crétin", "Meier"}
)

// CreateDemo stores the example petition with two market days of digital
// signatures, a struck row, a flagged duplicate and two paper sheets, so
// every screen and export has something to show.
func (s *Store) CreateDemo(now time.Time) (_ *petition.Petition, err error) {
	defer wrap(&err, "creating the demo petition")
	p := petition.Example(now)
	if err := s.CreatePetition(p); err != nil {
		return nil, err
	}
	day := now.Add(-48 * time.Hour)
	var firstID string
	for i := 0; i < 36; i++ {
		who := demoSigners[i%len(demoSigners)]
		sig := &petition.Signature{
			Name:     who.name,
			Address:  petition.Address{Street: who.street, Postcode: who.postcode, City: who.city, Country: who.country},
			Strokes:  DemoStrokes(who.name, i),
			Signed:   day.Add(time.Duration(i) * 7 * time.Minute).UTC(),
			Location: "Market stall, Bundesplatz", Collector: "Lea",
		}
		if i >= 24 {
			sig.Signed = sig.Signed.Add(24 * time.Hour)
			sig.Location = "Saturday market, Thun"
		}
		if i == 3 {
			sig.Email, sig.Consent = "anna.schmid@example.org", true
		}
		if i >= len(demoSigners) {
			sig.Name = demoFirst[i%len(demoFirst)] + " " + demoLast[(i*7)%len(demoLast)]
		}
		if err := s.AddSignature(p.ID, sig); err != nil {
			return nil, err
		}
		if i == 0 {
			firstID = sig.ID
		}
	}
	if err := s.StrikeSignature(firstID, petition.StrikeWithdrawn); err != nil {
		return nil, err
	}
	sheets, err := s.CreatePaperSheets(p.ID, 2, "Church hall, Thun", "Group Thun")
	if err != nil {
		return nil, err
	}
	if err := s.SetPaperCount(p.ID, sheets[0].Number, 27); err != nil {
		return nil, err
	}
	return p, nil
}

// DemoStrokes draws a made-up but signature-like scribble, different for
// each name and variant, in the pad's 1000×300 units. Demo data,
// benchmarks and tests use it in place of a real hand.
func DemoStrokes(name string, variant int) []petition.Stroke {
	h := fnv.New32a()
	h.Write([]byte(name))
	seed := float64(h.Sum32()%1000)/1000 + float64(variant%7)/7
	var strokes []petition.Stroke
	for st := 0; st < 2; st++ {
		var line petition.Stroke
		for i := 0; i < 60; i++ {
			t := float64(i) / 59
			x := 60 + 880*t*(0.55+0.45*float64(st))
			y := 150 + 70*math.Sin(t*(9+seed*5)+seed*6+float64(st)) + 25*math.Sin(t*31*seed)
			line = append(line, petition.Point{X: float32(x), Y: float32(y), T: uint32(st*900 + i*12)})
		}
		strokes = append(strokes, line)
	}
	return strokes
}
