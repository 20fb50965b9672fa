package ui

import (
	"image"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/ink"
)

// Thumbnail size of a signature in a sheet's rows, in pixels.
const thumbW, thumbH = 200, 60

// sheetRow is a row of an open sheet with its rendered signature.
type sheetRow struct {
	sig   petition.Signature
	thumb image.Image
}

// sheetView shows one sheet: its rows (name, city, signature) with
// strike and unstrike, or, for a paper sheet, its count.
type sheetView struct {
	st      *appState
	p       *petition.Petition
	sheet   petition.Sheet
	back    func()
	content fyne.CanvasObject
	list    *widget.List
	head    *widget.Label
	rows    []sheetRow
}

func newSheetView(st *appState, p *petition.Petition, sh petition.Sheet, back func()) *sheetView {
	v := &sheetView{st: st, p: p, sheet: sh, back: back}
	v.head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.list = widget.NewList(func() int { return len(v.rows) }, newSheetRowItem, v.updateRow)
	backBtn := widget.NewButtonWithIcon(T("Back to the sheets"), theme.NavigateBackIcon(), back)
	top := container.NewVBox(container.NewHBox(backBtn), v.head)
	var body fyne.CanvasObject = v.list
	if sh.Origin == petition.OriginPaper {
		body = container.NewCenter(widget.NewLabel(T("A paper sheet: its count comes from the scan or is typed in (Set paper count).")))
	}
	v.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
	v.setHead()
	v.load()
	return v
}

func (v *sheetView) setHead() {
	sh := v.sheet
	v.head.SetText(T("Sheet %d", sh.Number) + " · " + T(string(sh.Origin)) + " · " +
		sh.Where() + " · " + T("%d of %d rows, %d struck", sh.Filled, v.p.RowsPerSheet, sh.Struck))
}

// load reads the sheet's rows and renders their thumbnails off the UI goroutine.
func (v *sheetView) load() {
	st, pid, n := v.st, v.p.ID, v.sheet.Number
	st.background(func() {
		sigs, err := st.store.SignaturesBySheet(pid, n)
		sh, err2 := st.store.SheetByNumber(pid, n)
		rows := make([]sheetRow, len(sigs))
		for i := range sigs {
			rows[i] = sheetRow{sig: sigs[i], thumb: ink.Render(sigs[i].Strokes, thumbW, thumbH, padInk)}
		}
		fyne.Do(func() {
			if err == nil {
				err = err2
			}
			if err != nil {
				st.fail(err)
				return
			}
			v.rows, v.sheet = rows, *sh
			v.setHead()
			v.list.Refresh()
		})
	})
}

func newSheetRowItem() fyne.CanvasObject {
	num := widget.NewLabelWithStyle("30", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	name := widget.NewLabel("Name")
	name.Truncation = fyne.TextTruncateEllipsis
	city := widget.NewLabel("City")
	city.Truncation = fyne.TextTruncateEllipsis
	img := canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, thumbW, thumbH)))
	img.FillMode = canvas.ImageFillContain
	state := widget.NewLabel("")
	btn := widget.NewButton(T("Strike"), nil)
	text := container.NewGridWithColumns(2, name, city)
	paper := canvas.NewRectangle(color.White) // ink is dark: keep it readable in the dark theme
	paper.CornerRadius = 3
	right := container.NewHBox(container.NewGridWrap(fyne.NewSize(thumbW, thumbH), container.NewStack(paper, img)),
		container.NewGridWrap(fyne.NewSize(190, thumbH), state), container.NewCenter(container.NewGridWrap(fyne.NewSize(130, btn.MinSize().Height), btn)))
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(44, thumbH), num), right, text)
}

func (v *sheetView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.rows) {
		return
	}
	r := &v.rows[id]
	fillRow(o, strconv.Itoa(r.sig.Row), r, v.askStrike, v.unstrike)
}

// fillRow shows r in a row made by newSheetRowItem; r nil = still loading.
func fillRow(o fyne.CanvasObject, num string, r *sheetRow, askStrike func(id string, row int), unstrike func(id string)) {
	c := o.(*fyne.Container)
	text, numBox, right := c.Objects[0].(*fyne.Container), c.Objects[1].(*fyne.Container), c.Objects[2].(*fyne.Container)
	name, city := text.Objects[0].(*widget.Label), text.Objects[1].(*widget.Label)
	img := right.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*canvas.Image)
	state := right.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	btn := right.Objects[2].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widget.Button)
	numBox.Objects[0].(*widget.Label).SetText(num)
	if r == nil {
		name.SetText("…")
		city.SetText("")
		img.Image = nil
		img.Refresh()
		state.SetText("")
		btn.Hide()
		return
	}
	btn.Show()
	name.SetText(r.sig.Name)
	if r.sig.ErasedPerson {
		name.SetText(T("(personal data erased)"))
	}
	city.SetText(r.sig.Address.Place())
	img.Image = r.thumb
	img.Refresh()
	id, row := r.sig.ID, r.sig.Row
	switch {
	case r.sig.IsStruck():
		state.SetText(T("struck: %s", T(string(r.sig.Struck))))
		state.Importance = widget.DangerImportance
		btn.SetText(T("Unstrike"))
		btn.OnTapped = func() { unstrike(id) }
	case r.sig.DuplicateOf != "":
		state.SetText(T("possible duplicate"))
		state.Importance = widget.WarningImportance
		btn.SetText(T("Strike"))
		btn.OnTapped = func() { askStrike(id, row) }
	default:
		state.SetText(T("counts"))
		state.Importance = widget.SuccessImportance
		btn.SetText(T("Strike"))
		btn.OnTapped = func() { askStrike(id, row) }
	}
	state.Refresh()
}

// askStrike asks why the row is struck out.
func (v *sheetView) askStrike(id string, row int) {
	askStrikeReason(v.st.win, row, func(r petition.StrikeReason) { v.strike(id, r) })
}

// askStrikeReason asks why row is struck out and passes the reason on.
func askStrikeReason(w fyne.Window, row int, strike func(petition.StrikeReason)) {
	names := make([]string, len(petition.StrikeReasons))
	for i, r := range petition.StrikeReasons {
		names[i] = T(string(r))
	}
	reason := widget.NewRadioGroup(names, nil)
	reason.SetSelected(names[0])
	dialog.ShowCustomConfirm(T("Strike row %d", row), T("Strike"), T("Cancel"), reason, func(ok bool) {
		if !ok {
			return
		}
		for i, n := range names {
			if n == reason.Selected {
				strike(petition.StrikeReasons[i])
			}
		}
	}, w)
}

func (v *sheetView) strike(id string, reason petition.StrikeReason) {
	v.edit(func() error { return v.st.store.StrikeSignature(id, reason) })
}

func (v *sheetView) unstrike(id string) {
	v.edit(func() error { return v.st.store.UnstrikeSignature(id) })
}

func (v *sheetView) edit(change func() error) { changeInBackground(v.st, change, v.load) }
