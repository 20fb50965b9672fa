package export

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTotalsCSVSemicolonCRLF(t *testing.T) {
	var buf bytes.Buffer
	opt := CSVOptions{Sep: ';', BOM: true, Now: demoNow}
	if err := WriteTotalsCSV(context.Background(), &buf, printSource(), opt); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasPrefix(text, "\uFEFFReference;Title;Deadline;Post by;Days left;Deadline status;") {
		t.Errorf("header %q", text[:60])
	}
	if strings.Count(text, "\r\n") != 3 || strings.Count(text, "\n") != 3 {
		t.Errorf("want 3 lines each ending CRLF:\n%q", text)
	}
	// 3 digital and 4 paper of a goal of 10: 70 %, decimal comma.
	if !strings.Contains(text, ";70,0\r\n") {
		t.Errorf("share of the goal not written with a decimal comma:\n%s", text)
	}
}

func TestSheetsCSV(t *testing.T) {
	var buf bytes.Buffer
	opt := CSVOptions{Now: demoNow, Location: time.UTC}
	if err := WriteSheetsCSV(context.Background(), &buf, printSource(), opt); err != nil {
		t.Fatal(err)
	}
	want := "Petition,Sheet,Origin,Location,Collector,Opened,First signature,Last signature,Rows filled,Struck,Valid,Status,Posted\n" +
		"UA 1/26,1,digital,Stall 1,,2026-10-05,2026-10-05 09:00,2026-10-05 09:02,3,0,3,collecting,\n" +
		"UA 1/26,2,paper,Church hall,,2026-10-13,,,4,0,4,counted by hand,\n" +
		"UA 2/26,1,digital,Stall 1,,2026-10-05,2026-10-05 09:00,2026-10-05 09:00,1,0,1,collecting,\n"
	if buf.String() != want {
		t.Errorf("sheets CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
	if strings.Contains(buf.String(), "Müller") {
		t.Error("a signer's name in the sheets CSV")
	}
}

// TestSemicolonCSVInLibreOffice reads a ';' CSV back in LibreOffice: the
// fields split where they should and the counts are numbers.
func TestSemicolonCSVInLibreOffice(t *testing.T) {
	soffice := needSoffice(t)
	work := t.TempDir()
	path := filepath.Join(work, "totals.csv")
	src := printSource()
	src.petitions[0].Title = "Zürich; \"Genève\" and Минск"
	opt := CSVOptions{Sep: ';', BOM: true, Now: demoNow}
	if err := writeTestFile(path, func(w io.Writer) error { return WriteTotalsCSV(context.Background(), w, src, opt) }); err != nil {
		t.Fatal(err)
	}
	convert(t, soffice, work, path, "59")
	lines := readCSVFile(t, filepath.Join(work, "totals-totals.csv"), ',') // file-sheet.csv
	if len(lines) != 3 || len(lines[1]) != 12 {
		t.Fatalf("LibreOffice reads %q", lines)
	}
	if got := lines[1][1]; got != "Zürich; \"Genève\" and Минск" {
		t.Errorf("title read back as %q", got)
	}
	if got := strings.Join(lines[1][6:11], "|"); got != "3|4|0|7|10" {
		t.Errorf("counts read back as %q", got)
	}
}
