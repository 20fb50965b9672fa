package export

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// drawQR draws the payload as a QR code filling layout.QRBox, quiet zone
// included, as vector squares (one rectangle per run of dark modules), so
// it is sharp at any print resolution and costs no image.
func (d *doc) drawQR(payload string) error {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("making the sheet's QR code: %w", err)
	}
	bm := q.Bitmap() // with its 4-module quiet zone
	box := layout.QRBox(d.paper)
	m := box.W / float64(len(bm))
	d.pdf.SetFillColor(0, 0, 0)
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := x
			for run < len(row) && row[run] {
				run++
			}
			// A hair of overlap downwards hides seams between rows in viewers.
			d.pdf.RectFromUpperLeftWithStyle(box.X+float64(x)*m, box.Y+float64(y)*m, float64(run-x)*m, m+0.05, "F")
			x = run
		}
	}
	return nil
}
