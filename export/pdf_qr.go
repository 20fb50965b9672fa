package export

import (
	"fmt"
	"strconv"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/petitiondesk/petitiondesk/petition/layout"
)

// drawQR draws the payload as a QR code filling layout.QRBox, quiet zone
// included.
func (d *doc) drawQR(payload string) error {
	return d.drawQRIn(payload, layout.QRBox(d.paper), qrcode.Medium)
}

// drawSheetIdentity prints a blank sheet's identity a second time, for a
// page whose main QR code is damaged: the same payload as a smaller code
// at level H (30 % of it may be lost) in the bottom-left corner, and the
// sheet number in large digits in the bottom margin, which a person types
// when neither code reads.
func (d *doc) drawSheetIdentity(payload string, sheet, page, pages int) error {
	if err := d.drawQRIn(payload, layout.SpareQRBox(d.paper), qrcode.Highest); err != nil {
		return err
	}
	text := strconv.Itoa(sheet)
	if pages > 1 {
		text += fmt.Sprintf("  ·  %d/%d", page, pages)
	}
	b := layout.SheetNumberBox(d.paper)
	d.pdf.SetTextColor(0, 0, 0)
	d.fitText(b.X, b.Y, b.W, text, fontBold, 18, 12, center)
	return nil
}

// drawQRIn draws the payload as a QR code filling box, quiet zone
// included, as vector squares (one rectangle per run of dark modules), so
// it is sharp at any print resolution and costs no image.
func (d *doc) drawQRIn(payload string, box layout.Rect, level qrcode.RecoveryLevel) error {
	q, err := qrcode.New(payload, level)
	if err != nil {
		return fmt.Errorf("making the sheet's QR code: %w", err)
	}
	bm := q.Bitmap() // with its 4-module quiet zone
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
