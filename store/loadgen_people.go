package store

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/petitiondesk/petitiondesk/petition"
)

// A load's made-up signers, in several scripts. Each script has its own
// first and last names and places; a signer is one first name, one last
// name and one postcode, drawn so that no two rows of a load share all
// three unless the generator makes them duplicates on purpose (see
// people.next): the duplicate index then holds exactly the duplicates
// the generator counted.

// loadScript is one script's names and places.
type loadScript struct {
	name   string // for tests: "latin", "cyrillic", …
	share  int    // parts in 100 of the load's signers
	first  []string
	last   []string
	places []loadPlace
	family bool // the family name comes first, without a space (CJK)
}

// loadPlace is a town with a street to live on.
type loadPlace struct{ city, country, street, postFmt string }

var loadScripts = []loadScript{
	{"latin", 52,
		[]string{"Zoë", "Jürg", "François", "Łucja", "Søren", "Amélie", "Ana María", "Žofie", "Hélène", "Björn", "Inès", "Mateusz", "Núria", "Ævar", "Çağla", "Anna"},
		[]string{"Müller-Lüdenscheidt", "Pérez", "Wiśniewska", "Kierkegaard-Ølsen", "Dvořák", "Núñez", "Grünewald", "Kovačević", "Crétin", "Brunner", "Şahin", "Gómez", "Ó Súilleabháin", "Schmid"},
		[]loadPlace{{"Zürich", "Switzerland", "Bahnhofstrasse", "%05d"}, {"Genève", "Switzerland", "Rue du Rhône", "%05d"},
			{"München", "Germany", "Schöne Aussicht", "%05d"}, {"Lyon", "France", "Rue de la République", "%05d"},
			{"Gdańsk", "Poland", "ul. Długa", "%02d-%03d"}, {"Sevilla", "Spain", "Calle Feria", "%05d"}, {"Brno", "Czechia", "Náměstí Svobody", "%05d"}}, false},
	{"cyrillic", 16,
		[]string{"Олена", "Дмитро", "Марыя", "Таццяна", "Ганна", "Сергій", "Ірина", "Алесь", "Богдан", "Светлана"},
		[]string{"Калеснікава", "Іваноў", "Шевченко", "Коваленко", "Гарэцкая", "Петров", "Бондаренко", "Мельник", "Ткаченко"},
		[]loadPlace{{"Київ", "Ukraine", "вул. Хрещатик", "%05d"}, {"София", "Bulgaria", "ул. Витоша", "%05d"}, {"Мінск", "Belarus", "вул. Інтэрнацыянальная", "%05d"}}, false},
	{"greek", 8,
		[]string{"Γιώργος", "Ελένη", "Δημήτρης", "Μαρία", "Νίκος", "Αικατερίνη", "Κώστας", "Σοφία"},
		[]string{"Παπαδόπουλος", "Οικονόμου", "Γεωργίου", "Νικολάου", "Βλάχου", "Αντωνίου", "Καραγιάννης", "Ιωάννου"},
		[]loadPlace{{"Αθήνα", "Greece", "Οδός Ερμού", "%05d"}, {"Θεσσαλονίκη", "Greece", "Οδός Τσιμισκή", "%05d"}}, false},
	{"arabic", 10,
		[]string{"محمد", "فاطمة", "أحمد", "ليلى", "يوسف", "مريم", "عمر", "سلمى"},
		[]string{"العلوي", "بنعلي", "الحسيني", "المصري", "الخطيب", "حداد", "النجار", "السيد"},
		[]loadPlace{{"الرباط", "Morocco", "شارع محمد الخامس", "%05d"}, {"بيروت", "Lebanon", "شارع الحمراء", "%05d"}}, false},
	{"cjk", 14,
		[]string{"伟", "芳", "秀英", "敏", "静", "花子", "翔太", "美咲", "健一", "陽菜"},
		[]string{"王", "李", "张", "刘", "陈", "佐藤", "鈴木", "高橋", "田中"},
		[]loadPlace{{"台北市", "Taiwan", "中山北路", "%05d"}, {"東京都", "Japan", "千代田区丸の内", "%05d"}, {"香港", "Hong Kong", "皇后大道中", "%05d"}}, true},
}

// loadPostcodes is how many postcodes each script's signers spread over.
const loadPostcodes = 90_000

// people deals out the load's signers.
type people struct {
	rng    *rand.Rand
	count  []int // signers dealt per script so far
	ring   []dealt
	ringAt int
	shares []int // cumulative shares
}

// dealt is a signer already used, kept to make a duplicate of later.
type dealt struct {
	name string
	addr petition.Address
	id   string
}

func newPeople(seed uint64) *people {
	p := &people{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), count: make([]int, len(loadScripts)), ring: make([]dealt, 256)}
	sum := 0
	for _, s := range loadScripts {
		sum += s.share
		p.shares = append(p.shares, sum)
	}
	return p
}

// fresh returns a signer no earlier call returned: the script by its
// share, then its count in that script spread over (first, last,
// postcode) by multiplying with a prime modulo their product, a
// one-to-one map as long as the prime divides none of them.
func (p *people) fresh() (string, petition.Address) {
	r := p.rng.IntN(p.shares[len(p.shares)-1])
	si := 0
	for r >= p.shares[si] {
		si++
	}
	s := &loadScripts[si]
	m := uint64(len(s.first) * len(s.last) * loadPostcodes)
	j := (uint64(p.count[si]) * 1_000_003) % m
	p.count[si]++
	pc := int(j % loadPostcodes)
	j /= loadPostcodes
	first, last := s.first[j%uint64(len(s.first))], s.last[j/uint64(len(s.first))]
	name := first + " " + last
	if s.family {
		name = last + first
	}
	pl := s.places[p.rng.IntN(len(s.places))]
	code := 10000 + pc
	postcode := fmt.Sprintf(pl.postFmt, code)
	if strings.Count(pl.postFmt, "%") == 2 {
		postcode = fmt.Sprintf(pl.postFmt, code/1000, code%1000)
	}
	return name, petition.Address{Street: fmt.Sprintf("%s %d", pl.street, 1+p.rng.IntN(180)),
		Postcode: postcode, City: pl.city, Country: pl.country}
}

// remember keeps a signer so a later row can sign again.
func (p *people) remember(d dealt) {
	p.ring[p.ringAt%len(p.ring)] = d
	p.ringAt++
}

// again returns a signer dealt earlier (its name sometimes in capitals,
// as people write on a second go), or ok=false when none is kept yet.
func (p *people) again() (dealt, bool) {
	if p.ringAt < len(p.ring) {
		return dealt{}, false
	}
	d := p.ring[(p.ringAt+p.rng.IntN(len(p.ring)/2))%len(p.ring)]
	if p.rng.IntN(2) == 0 {
		d.name = strings.ToUpper(d.name)
	}
	return d, true
}

// strokePool makes n drawn signatures of the size the pad records (one
// to four strokes, 80 to 260 samples in all, about 1–3 KB packed) and
// returns each one's stored JSON: rows reuse them, as encoding a
// million signatures' points would take longer than storing them.
func strokePool(n int, seed uint64) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([][]byte, n)
	for i := range out {
		strokes := make([]petition.Stroke, 1+rng.IntN(4))
		total := 80 + rng.IntN(180)
		var t uint32
		for si := range strokes {
			pts := total / len(strokes)
			x0 := 60 + float64(si)*880/float64(len(strokes))
			span := 880 / float64(len(strokes)) * (0.7 + 0.3*rng.Float64())
			f1, f2, ph := 6+rng.Float64()*8, 20+rng.Float64()*20, rng.Float64()*6
			for k := 0; k < pts; k++ {
				u := float64(k) / float64(pts-1)
				y := 150 + 70*math.Sin(u*f1+ph) + 20*math.Sin(u*f2)
				strokes[si] = append(strokes[si], petition.Point{X: float32(x0 + span*u), Y: float32(y), T: t})
				t += uint32(6 + rng.IntN(8))
			}
			t += uint32(150 + rng.IntN(300))
		}
		out[i], _ = json.Marshal(strokes)
	}
	return out
}
