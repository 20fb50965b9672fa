package store

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// A signer erased at the coordinator stays erased when the group's next
// bundle brings the row again, and the report says so.
func TestErasedAtCoordinatorStaysErased(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sigs := sign(t, a, p.ID, names("Thun", 5)...)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if _, err := c.EraseSignature(sigs[1].ID); err != nil {
		t.Fatal(err)
	}
	want := totals(t, c, p.ID)
	sign(t, a, p.ID, "Late Signer")
	rep := mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if rep.ErasedHere != 1 || rep.SignaturesAdded != 1 {
		t.Fatalf("report %+v", rep)
	}
	got, err := c.SignatureByID(sigs[1].ID)
	must(t, err)
	if !got.ErasedPerson || got.Name != "" || got.Struck != petition.StrikeWithdrawn || len(got.Strokes) > 0 {
		t.Fatalf("the erased row came back: %+v", got)
	}
	want.Digital++
	if tot := totals(t, c, p.ID); tot != want {
		t.Fatalf("totals %+v, want %+v", tot, want)
	}
	for k, v := range dump(t, c) {
		if strings.Contains(v, sigs[1].Name) || strings.Contains(k, sigs[1].Name) {
			t.Fatalf("the erased name is back under %q", k)
		}
	}
}

// Retention erasure at the coordinator keeps a petition's rows and pages
// erased whatever the groups send after.
func TestRetentionErasureStaysErased(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sign(t, a, p.ID, names("Thun", 3)...)
	paper, err := a.CreatePaperSheets(p.ID, 1, "Church hall", "Lea")
	must(t, err)
	_, err = a.PutScanPage(p.ID, paper[0].Number, ScanPage{Page: 1, Count: 4, Confidence: 0.9}, []byte("\xff\xd8 page"), false)
	must(t, err)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if _, err := c.ErasePetitionData(p.ID, ActionEraseNow); err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if rep.ErasedHere != 3 || rep.PagesErasedHere != 1 || rep.PagesAdded != 0 {
		t.Fatalf("report %+v", rep)
	}
	for k, v := range dump(t, c) {
		if strings.Contains(v, "Thun Signer") || strings.HasPrefix(k, pfxImages) {
			t.Fatalf("erased data is back under %q", k)
		}
	}
}

// Bundles carry no email address; the coordinator keeps none.
func TestBundlesCarryNoEmail(t *testing.T) {
	c, p, hand := coordinatorWithPetition(t)
	a := newGroup(t, "Group Thun", hand)
	sig := person("Mail Signer", "3600")
	sig.Email, sig.Consent = "mail.signer@example.org", true
	must(t, a.AddSignature(p.ID, sig))
	b := exportBytes(t, a, ExportOptions{})
	if plain := unzipAll(t, b); bytes.Contains(plain, []byte("example.org")) || bytes.Contains(plain, []byte(`"consent":true`)) {
		t.Fatal("the bundle holds the email address or the consent")
	}
	mustImport(t, c, b)
	got, err := c.SignatureByID(sig.ID)
	must(t, err)
	if got.Email != "" || got.Consent || got.Name != sig.Name {
		t.Fatalf("at the coordinator: %+v", got)
	}
}

// unzipAll returns every member of a plaintext bundle, inflated.
func unzipAll(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var out []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		m, err := io.ReadAll(rc)
		must(t, err)
		out = append(out, m...)
	}
	return out
}

// On disk, with the erasure ledger: after the group's next bundle nothing
// needs erasing again, so no message blames a restored backup.
func TestErasedOnDiskNeedsNoReapply(t *testing.T) {
	c, err := openChecked(t, Options{Dir: t.TempDir(), Now: func() time.Time { return testNow }})
	must(t, err)
	defer c.Close()
	p := newPetition(t, c, 10)
	a := newGroup(t, "Group Thun", exportBytes(t, c, ExportOptions{CountsOnly: true}))
	sigs := sign(t, a, p.ID, names("Thun", 3)...)
	mustImport(t, c, exportBytes(t, a, ExportOptions{}))
	if _, err := c.EraseSignature(sigs[0].ID); err != nil {
		t.Fatal(err)
	}
	sign(t, a, p.ID, "Late Signer")
	if rep := mustImport(t, c, exportBytes(t, a, ExportOptions{})); rep.ErasedHere != 1 {
		t.Fatalf("report %+v", rep)
	}
	reps, err := c.ApplyRetention()
	must(t, err)
	for _, r := range reps {
		if r.Again {
			t.Fatalf("the erasure had to be made again: %s", r)
		}
	}
}
