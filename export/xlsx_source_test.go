package export

import (
	"strconv"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// fakeSource is a Source held in memory, for tests that need data the demo
// does not have (formula-like titles, several petitions, none at all).
type fakeSource struct {
	petitions []petition.Petition
	totals    map[string]petition.Totals
	sheets    map[string][]petition.Sheet
	sigs      map[string][]petition.Signature
}

func (f *fakeSource) Petitions() ([]petition.Petition, error) { return f.petitions, nil }

func (f *fakeSource) Totals(pid string) (petition.Totals, error) {
	t := f.totals[pid]
	t.PetitionID = pid
	return t, nil
}

func (f *fakeSource) Sheets(pid string) ([]petition.Sheet, error) { return f.sheets[pid], nil }

func (f *fakeSource) ForEachSignature(pid string, fn func(*petition.Signature) error) error {
	for i := range f.sigs[pid] {
		sig := f.sigs[pid][i]
		if err := fn(&sig); err != nil {
			return err
		}
	}
	return nil
}

// addPetition stores p with the given digital signers on as many digital
// sheets as they need, a paper sheet with paper signatures, and totals to match.
func (f *fakeSource) addPetition(p petition.Petition, signed time.Time, names []string, paper int) {
	if f.totals == nil {
		f.totals, f.sheets, f.sigs = map[string]petition.Totals{}, map[string][]petition.Sheet{}, map[string][]petition.Signature{}
	}
	f.petitions = append(f.petitions, p)
	t := petition.Totals{Goal: p.Goal, Paper: paper}
	var sheets []petition.Sheet
	for i, name := range names {
		n, row := i/p.RowsPerSheet+1, i%p.RowsPerSheet+1
		if row == 1 {
			sheets = append(sheets, petition.Sheet{PetitionID: p.ID, Number: n, Origin: petition.OriginDigital,
				Location: "Stall " + strconv.Itoa(n), Opened: signed, Status: petition.SheetCollecting})
		}
		sheets[n-1].Filled++
		f.sigs[p.ID] = append(f.sigs[p.ID], petition.Signature{PetitionID: p.ID, Sheet: n, Row: row,
			Name: name, Address: petition.Address{Street: name, Postcode: "0" + strconv.Itoa(1000+i), City: name, Country: name},
			Signed: signed.Add(time.Duration(i) * time.Minute), Location: "Stall " + strconv.Itoa(n)})
		t.Digital++
	}
	if paper > 0 {
		sheets = append(sheets, petition.Sheet{PetitionID: p.ID, Number: len(sheets) + 1, Origin: petition.OriginPaper,
			Location: "Church hall", Opened: signed.AddDate(0, 0, 8), Status: petition.SheetScanned, Filled: paper})
	}
	f.totals[p.ID], f.sheets[p.ID] = t, sheets
}

// testPetition returns a valid petition with the given id, reference and title.
func testPetition(id, ref, title string, goal int) petition.Petition {
	p := *petition.Example(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC))
	p.ID, p.Reference, p.Title, p.Goal = id, ref, title, goal
	return p
}
