package export

import (
	"fmt"
	"testing"
	"time"
)

// Past a worksheet's row limit the Signatures table goes on in
// "Signatures 2", "Signatures 3", each with its header, and no row is
// lost or repeated (the limit is Excel's 1,048,575 in use; 7 here).
func TestSummarySignaturesContinue(t *testing.T) {
	const rows, limit = 23, 7
	src := &fakeSource{}
	var names []string
	for i := range rows {
		names = append(names, fmt.Sprintf("Signer %02d", i))
	}
	signed := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	src.addPetition(testPetition("p1", "REF-1", "Long petition", 100), signed, names, 0)
	f, _ := summarise(t, src, SummaryOptions{PersonalData: true, SheetRows: limit})
	var got []string
	for part := 1; part <= (rows+limit-1)/limit; part++ {
		name := sheetSignatures
		if part > 1 {
			name = fmt.Sprintf("%s %d", sheetSignatures, part)
		}
		all, err := f.GetRows(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(all) < 2 || len(all) > limit+1 || all[0][3] != "Name" {
			t.Fatalf("%s: %d rows, header %v", name, len(all), all[0])
		}
		for _, r := range all[1:] {
			got = append(got, r[3])
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(names) {
		t.Fatalf("rows across the worksheets:\n%v\nwant\n%v", got, names)
	}
	if i, _ := f.GetSheetIndex(fmt.Sprintf("%s %d", sheetSignatures, (rows+limit-1)/limit+1)); i >= 0 {
		t.Fatal("an empty worksheet after the last")
	}
}
