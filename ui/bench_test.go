package ui

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// BenchmarkWindow100k measures the window on a petition of 100,000
// signatures: building the Petitions and Sheets screens (what a user
// waits for after start), and reading pages of the all-signatures list
// anywhere in it, beside the floor of the store reading the same page
// without thumbnails. It also reports what the list holds after reading
// pages all over the list: paging keeps it to a few pages of thumbnails.
func BenchmarkWindow100k(b *testing.B) {
	const n = 100_000
	st, pid := bigState(b, n)
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		newPetitionsScreen(st)
		sc := newSheetsScreen(st)
		screens := time.Since(t0)

		rows := newPagedRows(st, pid, sc.sheets)
		var pageTime, floorTime time.Duration
		pages := 0
		for i := 0; i < rows.total; i += rows.size * 20 { // every 20th page, start to end
			t1 := time.Now()
			rows.row(i)
			pageTime += time.Since(t1)
			t2 := time.Now()
			if _, _, err := st.store.SignaturesPage(pid, rows.cursor(i), rows.size); err != nil {
				b.Fatal(err)
			}
			floorTime += time.Since(t2)
			pages++
		}
		held := 0 // bytes of thumbnails the list holds
		for _, pg := range rows.pages {
			for _, r := range pg {
				held += len(r.thumb.(*image.RGBA).Pix)
			}
		}
		b.ReportMetric(float64(screens.Microseconds())/1000, "screens-ms")
		b.ReportMetric(float64(pageTime.Microseconds())/1000/float64(pages), "page-ms")
		b.ReportMetric(float64(floorTime.Microseconds())/1000/float64(pages), "page-floor-ms")
		b.ReportMetric(float64(held)/(1<<20), "list-held-MB")
		b.ReportMetric(float64(len(rows.pages)), "pages-kept")
		b.ReportMetric(float64(len(sc.sheets)), "sheets")
	}
}

// bigState fills an in-memory store with one petition of n signatures.
func bigState(b *testing.B, n int) (*appState, string) {
	a := test.NewTempApp(b)
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	p := petition.Example(time.Now())
	p.Goal = n
	if err := s.CreatePetition(p); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		sig := &petition.Signature{Name: "Signer " + itoa(i), Strokes: store.DemoStrokes("x", i),
			Address: petition.Address{Street: "Gasse 1", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
		if err := s.AddSignature(p.ID, sig); err != nil {
			b.Fatal(err)
		}
	}
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1100, 720))
	st := newAppState(a, w, s)
	st.background = func(f func()) { f() }
	st.current = p
	return st, p.ID
}

func itoa(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{digits[i%10]}, b...)
	}
	return string(b)
}
