package ui

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	_ "image/jpeg" // stored pages and crops are JPEGs
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	xdraw "golang.org/x/image/draw"

	"github.com/petitiondesk/petitiondesk/scan"
)

// reviewMaxPx bounds the longer side of the page as decoded for review:
// enough for a large screen, a few megabytes instead of 35 for a 300-dpi
// scan.
const reviewMaxPx = 1400

// reviewPane shows the page selected in the results table: the page with
// the rows found marked, each row's crop and verdict, and the count to
// store.
type reviewPane struct {
	v       *scanScreen
	item    *scanItem
	content *fyne.Container // holds the view of the page under review

	title  *widget.Label
	page   *canvas.Image
	base   *image.RGBA // the page scaled for the pane, unmarked
	scale  float64     // base pixels per stored-image pixel
	rows   *widget.List
	crops  []image.Image
	rowSel int
	count  *widget.Entry
	accept *widget.Button
	state  *widget.Label // what became of the page, beside its title
	head   *fyne.Container

	foreign *foreignForm // the form of a page printed elsewhere
}

func newReviewPane(v *scanScreen) *reviewPane {
	p := &reviewPane{v: v, content: container.NewStack(), rowSel: -1}
	p.show(nil)
	return p
}

// show puts a page (or, for nil, a hint) in the pane.
func (p *reviewPane) show(it *scanItem) {
	p.item, p.base, p.crops, p.rowSel, p.foreign = it, nil, nil, -1, nil
	p.count, p.accept, p.state, p.head = nil, nil, nil, nil
	var view fyne.CanvasObject
	switch {
	case it == nil:
		view = container.NewCenter(widget.NewLabel(T("Select a page in the table to review it.")))
	case it.res.NoQR:
		p.foreign = newForeignForm(p, it)
		view = p.foreign.content
	case !it.res.OK():
		msg := widget.NewLabel(problemWords(&it.res))
		msg.Wrapping, msg.Importance = fyne.TextWrapWord, widget.DangerImportance
		view = container.NewVBox(p.header(it), msg,
			widget.NewLabel(T("Nothing from this page was stored. Scan it again, or count the sheet by hand on the Sheets screen.")))
	default:
		view = p.pageView(it)
	}
	p.content.Objects = []fyne.CanvasObject{view}
	p.content.Refresh()
	if it != nil && (it.res.OK() || it.res.NoQR) {
		p.load(it)
	}
}

// header names the page under review.
func (p *reviewPane) header(it *scanItem) fyne.CanvasObject {
	r := &it.res
	text := filepath.Base(r.File)
	if strings.EqualFold(filepath.Ext(r.File), ".pdf") {
		text = T("%s, page %d", text, max(r.Page, 1))
	}
	if r.Sheet > 0 {
		text = T("Sheet %d, page %d of %s", r.Sheet, r.SheetPage, r.Reference) + " — " + text
	}
	p.title = widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	return p.title
}

// pageView is the review of a counted page.
func (p *reviewPane) pageView(it *scanItem) fyne.CanvasObject {
	p.page = canvas.NewImageFromImage(nil)
	p.page.FillMode = canvas.ImageFillContain
	p.page.SetMinSize(fyne.NewSize(200, 260))
	p.rows = widget.NewList(func() int { return len(it.res.Rows) }, newRowCell, p.updateRow)
	p.rows.OnSelected = func(id widget.ListItemID) { p.rowSel = id; p.redraw() }
	maxN := len(it.res.Rows)
	p.count = widget.NewEntry()
	p.count.SetText(strconv.Itoa(it.count))
	p.count.Validator = countValidator(maxN)
	p.count.OnSubmitted = func(string) { p.onAccept() }
	p.accept = widget.NewButton(T("Accept"), p.onAccept)
	p.accept.Importance = widget.HighImportance
	p.state = widget.NewLabel("")
	legend := widget.NewLabel(T("Green: counts · orange: check by eye · red: crossed out · grey: blank"))
	legend.Importance = widget.LowImportance
	legend.Truncation = fyne.TextTruncateEllipsis
	countRow := container.NewHBox(widget.NewLabel(T("Signatures on this page:")),
		container.NewGridWrap(fyne.NewSize(90, p.count.MinSize().Height), p.count),
		widget.NewLabel(T("(0 to %d; the scanner counted %d)", maxN, it.res.Count)), p.accept)
	p.state.Importance = widget.SuccessImportance
	right := container.NewBorder(legend, countRow, nil, nil, p.rows)
	split := container.NewHSplit(p.page, right)
	split.Offset = 0.3
	p.head = container.NewBorder(nil, nil, nil, p.state, p.header(it))
	p.sync()
	return container.NewBorder(p.head, nil, nil, nil, split)
}

// countValidator accepts a whole number from 0 to max.
func countValidator(maxN int) fyne.StringValidator {
	return func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > maxN {
			return errors.New(T("Enter a number from 0 to %d.", maxN))
		}
		return nil
	}
}

func newRowCell() fyne.CanvasObject {
	l := widget.NewLabel("Row 30\ncounts")
	crop := canvas.NewImageFromImage(nil)
	crop.FillMode = canvas.ImageFillContain
	crop.SetMinSize(fyne.NewSize(320, 44))
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(250, l.MinSize().Height), l), nil, crop)
}

func (p *reviewPane) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if p.item == nil || id >= len(p.item.res.Rows) {
		return
	}
	c := o.(*fyne.Container)
	l := c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	crop := c.Objects[0].(*canvas.Image)
	r := p.item.res.Rows[id]
	text, imp := rowVerdict(r)
	l.Importance = imp
	l.SetText(T("Row %d", r.Number) + "\n" + text)
	var img image.Image
	if id < len(p.crops) {
		img = p.crops[id]
	}
	crop.Image = img
	crop.Refresh()
}

// rowVerdict says what the scanner made of a row, and how to colour it.
func rowVerdict(r scan.Row) (string, widget.Importance) {
	text, imp := T("blank"), widget.LowImportance
	switch {
	case r.Struck:
		text, imp = T("crossed out"), widget.DangerImportance
	case r.Written && r.Partial:
		text, imp = T("counts (name or signature only)"), widget.SuccessImportance
	case r.Written:
		text, imp = T("counts"), widget.SuccessImportance
	}
	if r.Confidence < 0.5 {
		text += " — " + T("unsure: check")
		imp = widget.WarningImportance
	}
	return text, imp
}

// load decodes the page (from memory, or from the store once stored)
// and the crops in the background.
func (p *reviewPane) load(it *scanItem) {
	st := p.v.st
	data, r := it.image, it.res
	stored := it.state == itemStored
	crops := it.crops
	st.background(func() {
		var err error
		switch {
		case data == nil && stored:
			data, err = st.store.ScanImage(r.PetitionID, r.Sheet, r.SheetPage)
		case data == nil && r.NoQR:
			var fr scan.Result
			fr, err = readForeign(r.File, r.Page)
			data = fr.Image
			fyne.Do(func() { it.image = fr.Image })
		}
		var base *image.RGBA
		scale := 1.0
		if err == nil {
			base, scale, err = decodeFit(data, reviewMaxPx)
		}
		decoded := decodeCrops(crops)
		fyne.Do(func() {
			if p.item != it {
				return // another page was selected meanwhile
			}
			if err != nil {
				p.showLoadProblem(err)
				return
			}
			p.base, p.scale, p.crops = base, scale, decoded
			p.redraw()
			if p.rows != nil {
				p.rows.Refresh()
			}
		})
	})
}

func (p *reviewPane) showLoadProblem(err error) {
	msg := widget.NewLabel(T("The page image could not be shown: %s", err.Error()))
	msg.Wrapping, msg.Importance = fyne.TextWrapWord, widget.DangerImportance
	p.content.Objects = []fyne.CanvasObject{container.NewVBox(p.header(p.item), msg)}
	p.content.Refresh()
}

// decodeFit decodes a JPEG and scales it so its longer side is at most
// maxPx; it returns the image and its pixels per source pixel.
func decodeFit(data []byte, maxPx int) (*image.RGBA, float64, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	b := src.Bounds()
	f := min(1, float64(maxPx)/float64(max(b.Dx(), b.Dy())))
	w, h := max(1, int(float64(b.Dx())*f)), max(1, int(float64(b.Dy())*f))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Src, nil)
	return dst, float64(w) / float64(b.Dx()), nil
}

func decodeCrops(list [][]byte) []image.Image {
	out := make([]image.Image, len(list))
	for i, b := range list {
		if len(b) > 0 {
			out[i], _, _ = image.Decode(bytes.NewReader(b))
		}
	}
	return out
}

// Colours of the row outlines on the page.
var (
	markCounts   = color.RGBA{0x1e, 0x9e, 0x46, 0xff}
	markUnsure   = color.RGBA{0xf0, 0x8c, 0x00, 0xff}
	markStruck   = color.RGBA{0xd0, 0x20, 0x20, 0xff}
	markBlank    = color.RGBA{0xa0, 0xa8, 0xb0, 0xff}
	markSelected = color.RGBA{0x20, 0x60, 0xe0, 0xff}
)

// redraw draws the row outlines onto a copy of the scaled page.
func (p *reviewPane) redraw() {
	if p.base == nil || p.page == nil {
		return
	}
	img := image.NewRGBA(p.base.Rect)
	copy(img.Pix, p.base.Pix)
	if p.item != nil && !p.item.res.NoQR {
		thick := max(2, img.Rect.Dx()/300)
		for i, r := range p.item.res.Rows {
			if i != p.rowSel {
				drawBox(img, r.Box, p.scale, thick, rowColour(r))
			}
		}
		if p.rowSel >= 0 && p.rowSel < len(p.item.res.Rows) {
			drawBox(img, p.item.res.Rows[p.rowSel].Box, p.scale, 2*thick, markSelected)
		}
	}
	p.page.Image = img
	p.page.Refresh()
}

func rowColour(r scan.Row) color.RGBA {
	switch {
	case r.Confidence < 0.5:
		return markUnsure
	case r.Struck:
		return markStruck
	case r.Written:
		return markCounts
	}
	return markBlank
}

// drawBox draws a row's outline (corners in stored-image pixels, scaled
// by s) with lines thick pixels wide.
func drawBox(img *image.RGBA, box [4]image.Point, s float64, thick int, c color.RGBA) {
	for i := range box {
		a, b := box[i], box[(i+1)%4]
		drawLine(img, float64(a.X)*s, float64(a.Y)*s, float64(b.X)*s, float64(b.Y)*s, thick, c)
	}
}

func drawLine(img *image.RGBA, x0, y0, x1, y1 float64, thick int, c color.RGBA) {
	n := int(max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		x, y := int(x0+(x1-x0)*t)-thick/2, int(y0+(y1-y0)*t)-thick/2
		r := image.Rect(x, y, x+thick, y+thick).Intersect(img.Rect)
		for py := r.Min.Y; py < r.Max.Y; py++ {
			for px := r.Min.X; px < r.Max.X; px++ {
				img.SetRGBA(px, py, c)
			}
		}
	}
}

// sync sets the accept button and the page's state line.
func (p *reviewPane) sync() {
	if p.foreign != nil {
		p.foreign.sync()
	}
	if p.accept == nil || p.item == nil {
		return
	}
	ses := p.v.ses
	if ses.busy || ses.running {
		p.accept.Disable()
	} else {
		p.accept.Enable()
	}
	switch p.item.state {
	case itemStored:
		p.state.SetText(T("Stored: the sheet now counts %d.", p.item.total))
	case itemKept:
		p.state.SetText(T("The earlier scan was kept."))
	default:
		p.state.SetText("")
	}
	p.head.Refresh() // the state's width changed
}

// onAccept stores the page with the count in the entry.
func (p *reviewPane) onAccept() {
	it := p.item
	if it == nil || p.count == nil {
		return
	}
	if err := p.count.Validate(); err != nil {
		dialog.ShowInformation(T("Please check"), err.Error(), p.v.st.win)
		return
	}
	it.count, _ = strconv.Atoi(strings.TrimSpace(p.count.Text))
	p.v.ses.storePages(p.v.st, []*scanItem{it}, false)
}
