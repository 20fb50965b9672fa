package export

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

func TestScratchBlank(t *testing.T) {
	dir := os.Getenv("PDF_SCRATCH")
	if dir == "" {
		t.Skip()
	}
	p := petition.Example(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	p.ID = "0192f0c4-aaaa-7bbb-8ccc-123456789abc"
	var buf bytes.Buffer
	if err := BlankSheets(context.Background(), &buf, p, []int{3, 4}, PDFOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(dir+"/blank.pdf", buf.Bytes(), 0o644)
}

func TestScratchPack(t *testing.T) {
	dir := os.Getenv("PDF_SCRATCH")
	if dir == "" {
		t.Skip()
	}
	s, err := store.Open(store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.CreateDemo(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res, err := Pack(context.Background(), &buf, s, p, PackOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", res)
	os.WriteFile(dir+"/pack.pdf", buf.Bytes(), 0o644)
}
