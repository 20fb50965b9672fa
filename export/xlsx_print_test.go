package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/petitiondesk/petitiondesk/petition"
)

// printSource is two petitions: one whose post-by date has passed, one
// past its deadline; a signer who signed twice; a paper sheet counted by hand.
func printSource() *fakeSource {
	src := &fakeSource{}
	signed := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	late := testPetition("p1", "UA 1/26", "First case", 10)
	late.Deadline = petition.DateOf(demoNow.AddDate(0, 0, 3))
	src.addPetition(late, signed, []string{"Zoë Müller", "Anna Schmid", "ZOE MULLER"}, 4)
	gone := testPetition("p2", "UA 2/26", "Second case", 0)
	gone.Deadline = petition.DateOf(demoNow.AddDate(0, 0, -1))
	src.addPetition(gone, signed, []string{"Cy Three"}, 0)
	// The third signer is the first one again (same postcode).
	src.sigs["p1"][2].Address.Postcode = src.sigs["p1"][0].Address.Postcode
	return src
}

func TestSummaryPrintedAsRead(t *testing.T) {
	f, data := summarise(t, printSource(), SummaryOptions{PersonalData: true, AppVersion: "1.2.3"})
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Creator != "Petition Desk 1.2.3" || props.Created != "2026-11-20T10:00:00Z" ||
		props.Modified != props.Created || props.Title == "" {
		t.Errorf("document properties %+v", props)
	}
	if got := cell(t, f, "Totals", "A5"); got != "as of 2026-11-20 10:00 UTC" {
		t.Errorf("as-of line %q", got)
	}
	for ref, want := range map[string]string{"D2": "2026-11-16", "E2": "3", "F2": "post by date passed", "E3": "-1", "F3": "deadline passed"} {
		if got := cell(t, f, "Totals", ref); got != want {
			t.Errorf("Totals %s = %q, want %q", ref, got, want)
		}
	}
	sigs, _ := f.GetRows("Signatures")
	if h := sigs[0][len(sigs[0])-1]; h != "Possible duplicate of" {
		t.Errorf("last Signatures column %q", h)
	}
	if len(sigs[1]) > 12 || len(sigs[2]) > 12 || sigs[3][12] != "sheet 1 row 1" {
		t.Errorf("duplicates column: %q", sigs[1:])
	}
	sheets, _ := f.GetRows("Sheets")
	if got := sheets[2][11]; got != "counted by hand" {
		t.Errorf("paper sheet without a scan shows %q", got)
	}
	files := members(t, data)
	checkChartReadable(t, files["xl/charts/chart1.xml"])
	checkPrintHeaders(t, files, true)
}

func checkChartReadable(t *testing.T, chart []byte) {
	t.Helper()
	for _, ax := range []string{"catAx", "valAx"} {
		_, rest, _ := bytes.Cut(chart, []byte("<"+ax+">"))
		labels, _, _ := bytes.Cut(rest, []byte("</"+ax+">"))
		_, txPr, _ := bytes.Cut(labels, []byte("<txPr>"))
		if !bytes.Contains(txPr, []byte(`<a:srgbClr val="333333">`)) || bytes.Contains(txPr, []byte("lumMod")) {
			t.Errorf("%s labels are not dark grey: %s", ax, txPr)
		}
	}
	if bytes.Count(chart, []byte(`<showVal val="1">`)) < 2 {
		t.Errorf("bars without values:\n%s", chart)
	}
}

// checkPrintHeaders wants page numbers on every worksheet and, in a
// workbook with names, "Personal data" in every page header.
func checkPrintHeaders(t *testing.T, files map[string][]byte, personal bool) {
	t.Helper()
	for name, b := range files {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		if !bytes.Contains(b, []byte("Page &amp;P of &amp;N")) {
			t.Errorf("%s prints without page numbers", name)
		}
		if got := bytes.Contains(b, []byte("Personal data")); got != personal {
			t.Errorf("%s: \"Personal data\" in the header is %v, want %v", name, got, personal)
		}
	}
}

func TestSummaryWithoutNamesSaysNoPersonalData(t *testing.T) {
	_, data := summarise(t, printSource(), SummaryOptions{})
	checkPrintHeaders(t, members(t, data), false)
}

// TestSummaryInLibreOffice opens the workbook with names in LibreOffice:
// every worksheet converts, the new columns read as written.
func TestSummaryInLibreOffice(t *testing.T) {
	soffice := needSoffice(t)
	work := t.TempDir()
	book := filepath.Join(work, "sum.xlsx")
	opt := SummaryOptions{PersonalData: true, Now: demoNow, Location: time.UTC}
	err := writeTestFile(book, func(w io.Writer) error {
		_, err := WriteSummary(context.Background(), w, printSource(), opt)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	convert(t, soffice, work, book, "44")
	totals := readCSVFile(t, filepath.Join(work, "sum-Totals.csv"), ',')
	if got := strings.Join(totals[1][3:6], "|"); got != "2026-11-16|3|post by date passed" {
		t.Errorf("LibreOffice reads the deadline columns as %q", got)
	}
	sigs := readCSVFile(t, filepath.Join(work, "sum-Signatures.csv"), ',')
	if got := sigs[3][12]; got != "sheet 1 row 1" {
		t.Errorf("LibreOffice reads the duplicate column as %q", got)
	}
}

func needSoffice(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("PETITIONDESK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("soffice is needed (libreoffice-calc-nogui): %v", err)
		}
		t.Skip("soffice is not installed")
	}
	return soffice
}

// convert has LibreOffice write every worksheet of book (or the one sheet
// of a CSV read with separator sep, as a code: 44 comma, 59 semicolon) to
// comma-separated CSV files in work, formatted as shown.
func convert(t *testing.T, soffice, work, book, sep string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(work, "profile")}
	if strings.HasSuffix(book, ".csv") {
		args = append(args, "--infilter=CSV:"+sep+",34,76,1")
	}
	args = append(args, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		"--outdir", filepath.Join(work, "out"), book)
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(filepath.Join(work, "out"))
	for _, e := range entries {
		if err := os.Rename(filepath.Join(work, "out", e.Name()), filepath.Join(work, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

func readCSVFile(t *testing.T, path string, sep rune) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.Comma = sep
	lines, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return lines
}

var _ = excelize.TotalRows
