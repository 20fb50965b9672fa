package store

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// filesHolding returns the files under dir whose raw bytes contain any of
// needles.
func filesHolding(t *testing.T, dir string, needles ...string) []string {
	t.Helper()
	var hits []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				hits = append(hits, filepath.Base(path)+" has "+n)
			}
		}
		return nil
	})
	return hits
}

func openDisk(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := openChecked(t, Options{Dir: dir, Now: func() time.Time { return time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The test: after an erasure and Badger's value-log GC plus
// compaction, no file of the database holds the erased name (encryption
// off, so the raw bytes would show it). Each step is checked with the
// database open and again after closing and reopening.
func TestErasedNameLeavesEveryFile(t *testing.T) {
	dir := t.TempDir()
	s := openDisk(t, dir)
	p, err := s.CreateDemo(s.Now())
	if err != nil {
		t.Fatal(err)
	}
	secret := []string{"Erasmus Qwyzzlebottom", "Zwetschgenweg 77", "erasmus.q@example.org"}
	sig := &petition.Signature{Name: secret[0], Email: secret[2], Consent: true, Strokes: DemoStrokes(secret[0], 1),
		Address: petition.Address{Street: secret[1], Postcode: "3011", City: "Bern", Country: "Switzerland"}}
	if err := s.AddSignature(p.ID, sig); err != nil {
		t.Fatal(err)
	}
	if hits := filesHolding(t, dir, secret[0]); len(hits) == 0 {
		t.Fatal("control: the new signature should be in the journal")
	}
	s.Close()
	if hits := filesHolding(t, dir, secret...); len(hits) == 0 {
		t.Fatal("control: the signature should be in Badger's files after closing")
	}
	s = openDisk(t, dir)
	before, _ := s.Totals(p.ID)
	// More rows after it, so the memtable and its log are busy too.
	for i := 0; i < 5; i++ {
		filler := &petition.Signature{Name: "Filler Person", Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
		if err := s.AddSignature(p.ID, filler); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := s.EraseSignature(sig.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reference != p.Reference || rep.Signatures != 1 {
		t.Fatalf("report %+v", rep)
	}
	if hits := filesHolding(t, dir, secret...); len(hits) > 0 {
		t.Fatalf("after erasing, while open: %v", hits)
	}
	after, _ := s.Totals(p.ID)
	if after.Digital != before.Digital+5-1 || after.Struck != before.Struck+1 {
		t.Fatalf("totals before %+v after %+v", before, after)
	}
	got, err := s.SignatureByID(sig.ID)
	if err != nil || got.Name != "" || got.Email != "" || got.Strokes != nil || !got.ErasedPerson || got.Struck != petition.StrikeWithdrawn {
		t.Fatalf("erased row %+v %v", got, err)
	}
	s.Close()
	if hits := filesHolding(t, dir, secret...); len(hits) > 0 {
		t.Fatalf("after erasing and closing: %v", hits)
	}
	s = openDisk(t, dir)
	defer s.Close()
	if _, err := s.EraseSignature(sig.ID); !errors.Is(err, ErrAlreadyErased) {
		t.Fatalf("erasing twice: %v", err)
	}
}

// Retention (or "erase now") wipes every signer of a petition and its
// scanned page images from the files; the counts stay.
func TestPetitionErasureLeavesEveryFile(t *testing.T) {
	dir := t.TempDir()
	s := openDisk(t, dir)
	p, err := s.CreateDemo(s.Now())
	if err != nil {
		t.Fatal(err)
	}
	// Two page images of a paper sheet, stored as the scanner stores them
	// (in 1 MiB chunks, in the value log), with a marker standing in for
	// handwriting; the second one is larger than a chunk.
	marker := "HANDWRITTEN-NAME-ON-A-SCANNED-PAGE"
	sheets, _ := s.Sheets(p.ID)
	paper := sheets[len(sheets)-1].Number
	for page, size := range []int{200 << 10, 2500 << 10} {
		img := make([]byte, size)
		rand.Read(img)
		copy(img[1000:], marker)
		copy(img[size-1000:], marker)
		if _, err := s.PutScanPage(p.ID, paper, ScanPage{Page: page + 1, Count: 3}, img, false); err != nil {
			t.Fatal(err)
		}
	}
	totals, _ := s.Totals(p.ID)
	s.Close()
	names := DemoPersonalData()
	if hits := filesHolding(t, dir, marker); len(hits) == 0 {
		t.Fatal("control: the page image should be in the value log")
	}
	if hits := filesHolding(t, dir, names...); len(hits) == 0 {
		t.Fatal("control: demo names should be in the files")
	}
	s = openDisk(t, dir)
	rep, err := s.ErasePetitionData(p.ID, ActionEraseNow)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Signatures != 36 || rep.Images != 2 {
		t.Fatalf("report %+v", rep)
	}
	if hits := filesHolding(t, dir, append(names, marker)...); len(hits) > 0 {
		t.Fatalf("after erasing, while open: %v", hits)
	}
	if got, _ := s.Totals(p.ID); got != totals {
		t.Fatalf("totals changed: %+v -> %+v", totals, got)
	}
	if pages, _ := s.ScanPageList(p.ID, paper); len(pages) != 2 || pages[1].Count != 3 {
		t.Fatalf("the scans' counts should remain: %+v", pages)
	}
	if img, err := s.ScanImage(p.ID, paper, 1); err == nil {
		t.Fatalf("the page image should be gone: %d bytes", len(img))
	}
	s.Close()
	if hits := filesHolding(t, dir, append(names, marker)...); len(hits) > 0 {
		t.Fatalf("after erasing and closing: %v", hits)
	}
}

// A read running during an erasure (a long export, say) keeps Badger from
// dropping old versions; the purge waits for it and tries again.
func TestEraseWhileAReadIsOpen(t *testing.T) {
	dir := t.TempDir()
	s := openDisk(t, dir)
	defer s.Close()
	p, _ := s.CreateDemo(s.Now())
	secret := "Ottilie Vrrbeck-Quaas"
	sig := &petition.Signature{Name: secret, Address: petition.Address{Street: "Lindenhof 4", Postcode: "8001", City: "Zürich", Country: "Switzerland"}}
	if err := s.AddSignature(p.ID, sig); err != nil {
		t.Fatal(err)
	}
	reader := s.db.NewTransaction(false)
	go func() {
		time.Sleep(400 * time.Millisecond)
		reader.Discard()
	}()
	if _, err := s.EraseSignature(sig.ID); err != nil {
		t.Fatal(err)
	}
	if hits := filesHolding(t, dir, secret, "Lindenhof 4"); len(hits) > 0 {
		t.Fatalf("after erasing with a read open: %v", hits)
	}
}

// Restoring a backup made before an erasure brings the erased person back
// into the database; the next ApplyRetention (every start) erases them again.
func TestErasureSurvivesRestore(t *testing.T) {
	dir := t.TempDir()
	s := openDisk(t, dir)
	defer func() { s.Close() }()
	p, _ := s.CreateDemo(s.Now())
	q, _ := ParseNameQuery("Wiśniewska")
	found, _ := s.FindPersonList(q, 0)
	var backup bytes.Buffer
	if err := s.Backup(&backup); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EraseSignature(found[0].SignatureID); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Totals(p.ID)
	if err := s.Restore(&backup, "", true); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.FindPersonList(q, 0); len(back) != 1 {
		t.Fatalf("the restore should have brought the row back: %d", len(back))
	}
	reps, err := s.ApplyRetention()
	if err != nil || len(reps) != 1 || !reps[0].Again {
		t.Fatalf("%v %+v", err, reps)
	}
	if back, _ := s.FindPersonList(q, 0); len(back) != 0 {
		t.Fatal("erased again, yet still found")
	}
	if got, _ := s.Totals(p.ID); got != after {
		t.Fatalf("totals %+v, want %+v", got, after)
	}
	s.Close()
	if hits := filesHolding(t, dir, "Łucja Wiśniewska"); len(hits) > 0 {
		t.Fatalf("files: %v", hits)
	}
	s = openDisk(t, dir)
	if reps, _ := s.ApplyRetention(); len(reps) != 0 {
		t.Fatalf("nothing left to erase again: %+v", reps)
	}
}

// Signing goes on while an erasure purges the files: no save fails, and
// the erased name still leaves every file.
func TestEraseWhileSigning(t *testing.T) {
	dir := t.TempDir()
	s := openDisk(t, dir)
	defer s.Close()
	p, _ := s.CreateDemo(s.Now())
	secret := "Gwendolyn Przybyszewska"
	sig := &petition.Signature{Name: secret, Address: petition.Address{Street: "Rosenweg 9", Postcode: "3012", City: "Bern", Country: "Switzerland"}}
	if err := s.AddSignature(p.ID, sig); err != nil {
		t.Fatal(err)
	}
	stop, errs := make(chan struct{}), make(chan error, 1)
	saved := 0
	go func() {
		defer close(errs)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.AddSignature(p.ID, &petition.Signature{Name: "Stall Visitor", Address: sig.Address}); err != nil {
				errs <- err
				return
			}
			saved++
		}
	}()
	_, err := s.EraseSignature(sig.ID)
	close(stop)
	if serr := <-errs; serr != nil {
		t.Fatalf("a save failed during the purge: %v", serr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if hits := filesHolding(t, dir, secret); len(hits) > 0 {
		t.Fatalf("after erasing while signing: %v", hits)
	}
	if tot, _ := s.Totals(p.ID); tot.Digital != 35+saved {
		t.Fatalf("totals %+v after %d saves", tot, saved)
	}
}
