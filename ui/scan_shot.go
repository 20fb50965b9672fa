//go:build screenshots

package ui

import (
	"fmt"
	"image"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/scan/scantest"
)

// The Scan screen's picture for `petitiondesk screenshot`: a small batch
// of synthetic scans of the demo petition's last printed sheet (made by
// scan/scantest from the real sheet layout), one photo of a sheet printed
// elsewhere and one damaged file, with a counted page under review.
// Nothing is stored.

func init() {
	shots = append(shots, shot{"scan", fyne.NewSize(1280, 860), showScanDemo})
}

func showScanDemo(st *appState, m *mainWindow) {
	m.showKey("scan")
	v, ok := st.shown.(*scanScreen)
	p := st.petition()
	if !ok || p == nil {
		return
	}
	dir, err := os.MkdirTemp("", "petitiondesk-scan-")
	if err != nil {
		return
	}
	defer os.RemoveAll(dir)
	files, err := demoScans(st, p, dir)
	if err != nil {
		fyne.LogError("making the demo scans", err)
		return
	}
	v.addFiles(files)
	v.ses.runBatch(st)
	for i, it := range v.ses.items {
		if it.res.OK() && it.res.SheetPage == 2 {
			v.results.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
}

// demoScans writes the scans of the demo batch into dir.
func demoScans(st *appState, p *petition.Petition, dir string) ([]string, error) {
	sheets, err := st.store.Sheets(p.ID)
	if err != nil {
		return nil, err
	}
	sheet := 0
	for _, sh := range sheets {
		if sh.Origin == petition.OriginPaper {
			sheet = sh.Number
		}
	}
	if sheet == 0 {
		return nil, fmt.Errorf("the demo petition has no printed sheet")
	}
	parts := layout.SplitSheet(layout.A4, 1, p.RowsFirstPage, p.RowsPerSheet)
	fills := [][]scantest.Fill{
		{scantest.Full, scantest.Full},
		{scantest.Full, scantest.Full, scantest.NameOnly, scantest.Full, scantest.Crossed, scantest.Full,
			scantest.SignatureOnly, scantest.Full, scantest.Full, scantest.Full, scantest.Full},
	}
	var files []string
	write := func(name string, b []byte) error {
		path := filepath.Join(dir, name)
		files = append(files, path)
		return os.WriteFile(path, b, 0o600)
	}
	for i, pr := range parts[:min(2, len(parts))] {
		pg := scantest.Page{Payload: layout.Payload{Petition: layout.ShortID(p.ID), Sheet: sheet, Page: i + 1,
			Paper: layout.A4, Kind: pr.Kind, First: pr.First, N: pr.N},
			Rows: fills[i], DPI: 150, Angle: 1.2, Light: 0.15, Noise: 4, Seed: uint64(7 + i)}
		if err := write(fmt.Sprintf("scan-%03d.jpg", i+1), pg.JPEG()); err != nil {
			return nil, err
		}
	}
	// A sheet printed by someone else: the page without our code.
	blank := scantest.Page{Quality: 80}
	plain := image.NewRGBA(image.Rect(0, 0, 1240, 1754))
	for i := range plain.Pix {
		plain.Pix[i] = 244
	}
	if err := write("phone-photo.jpg", blank.Encode(plain)); err != nil {
		return nil, err
	}
	// A scan cut short in transfer.
	first, err := os.ReadFile(files[0])
	if err != nil {
		return nil, err
	}
	if err := write("scan-004.jpg", first[:len(first)/3]); err != nil {
		return nil, err
	}
	return files, nil
}
