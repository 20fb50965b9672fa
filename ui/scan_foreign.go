package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/scan"
)

// Pages without a Petition Desk QR code — a sheet printed by someone
// else, or one whose code could not be read — are attached by hand: the
// user picks the petition and its paper sheet (or a new one), the page of
// that sheet, and types the signatures counted. The page image is stored
// with the sheet like any scan.

// maxSheetPages bounds the page number typed for a sheet printed elsewhere.
const maxSheetPages = 20

// foreignForm is the review pane of a page printed elsewhere.
type foreignForm struct {
	p       *reviewPane
	it      *scanItem
	content fyne.CanvasObject

	petitions []petition.Petition
	sheets    []petition.Sheet // the chosen petition's paper sheets
	pet       *widget.Select
	sheet     *widget.Select // "New paper sheet", then each paper sheet
	page      *widget.Entry
	count     *widget.Entry
	attach    *widget.Button
	byNumber  *widget.Button // this app's sheet with both codes unreadable: scan_number.go
	state     *widget.Label
	actions   *fyne.Container
}

func newForeignForm(p *reviewPane, it *scanItem) *foreignForm {
	f := &foreignForm{p: p, it: it}
	p.page = canvas.NewImageFromImage(nil)
	p.page.FillMode = canvas.ImageFillContain
	p.page.SetMinSize(fyne.NewSize(200, 260))
	f.pet = widget.NewSelect(nil, f.onPetition)
	f.sheet = widget.NewSelect(nil, f.onSheet)
	f.page = widget.NewEntry()
	f.page.SetText("1")
	f.page.Validator = rangeValidator(1, maxSheetPages)
	f.count = widget.NewEntry()
	f.count.SetPlaceHolder(T("counted by hand"))
	f.attach = widget.NewButton(T("Attach to this sheet"), f.onAttach)
	f.attach.Importance = widget.HighImportance
	f.byNumber = widget.NewButton(T("Sheet number…"), f.askSheetNumber)
	f.state = widget.NewLabel("")
	f.state.Importance = widget.SuccessImportance
	hint := widget.NewLabel(T("This page has no Petition Desk QR code: a sheet printed elsewhere, or a code that could not be read. Choose the sheet it belongs to and enter the signatures you count on it."))
	hint.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(T("Petition")), f.pet,
		widget.NewLabel(T("Sheet")), f.sheet,
		widget.NewLabel(T("Page of the sheet")), f.page,
		widget.NewLabel(T("Signatures on this page")), f.count)
	f.actions = container.NewHBox(f.attach, f.byNumber, f.state)
	right := container.NewVBox(hint, form, f.actions)
	split := container.NewHSplit(p.page, container.NewVScroll(right))
	split.Offset = 0.3
	f.content = container.NewBorder(p.header(it), nil, nil, nil, split)
	f.sync()
	p.v.st.loadPetitions(f.setPetitions)
	return f
}

// rangeValidator accepts a whole number from lo to hi.
func rangeValidator(lo, hi int) fyne.StringValidator {
	return func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < lo || n > hi {
			return errors.New(T("Enter a number from %d to %d.", lo, hi))
		}
		return nil
	}
}

func (f *foreignForm) setPetitions(list []petition.Petition) {
	f.petitions = list
	opts := make([]string, len(list))
	for i := range list {
		opts[i] = pickerLabel(&list[i])
	}
	f.pet.SetOptions(opts)
	want := f.it.res.PetitionID
	if cur := f.p.v.st.petition(); want == "" && cur != nil {
		want = cur.ID
	}
	for i := range list {
		if list[i].ID == want {
			f.pet.SetSelectedIndex(i)
			return
		}
	}
}

func (f *foreignForm) chosen() *petition.Petition {
	i := f.pet.SelectedIndex()
	if i < 0 || i >= len(f.petitions) {
		return nil
	}
	return &f.petitions[i]
}

// onPetition loads the chosen petition's paper sheets.
func (f *foreignForm) onPetition(string) {
	p := f.chosen()
	if p == nil {
		return
	}
	f.count.Validator = rangeValidator(0, p.RowsPerSheet)
	f.loadSheets(0)
}

// loadSheets lists the chosen petition's paper sheets and chooses sheet
// want (0: a new sheet).
func (f *foreignForm) loadSheets(want int) {
	st, pid := f.p.v.st, f.chosen().ID
	inBackground(st, func() ([]petition.Sheet, error) { return st.store.Sheets(pid) }, func(list []petition.Sheet) {
		if c := f.chosen(); c == nil || c.ID != pid {
			return
		}
		f.sheets = f.sheets[:0]
		opts := []string{T("New paper sheet")}
		for _, sh := range list {
			if sh.Origin == petition.OriginPaper {
				f.sheets = append(f.sheets, sh)
				opts = append(opts, sheetOption(sh))
			}
		}
		f.sheet.SetOptions(opts)
		pick := 0
		for i, sh := range f.sheets {
			if sh.Number == want {
				pick = i + 1
			}
		}
		f.sheet.SetSelectedIndex(pick)
	})
}

func sheetOption(sh petition.Sheet) string {
	s := T("Sheet %d", sh.Number)
	if w := sh.Where(); w != "" {
		s += " (" + w + ")"
	}
	return s
}

// chosenSheet returns the chosen sheet's number, 0 for a new sheet.
func (f *foreignForm) chosenSheet() int {
	i := f.sheet.SelectedIndex()
	if i <= 0 || i > len(f.sheets) {
		return 0
	}
	return f.sheets[i-1].Number
}

// onSheet proposes the sheet's next free page.
func (f *foreignForm) onSheet(string) {
	p, n := f.chosen(), f.chosenSheet()
	if p == nil || n == 0 {
		f.page.SetText("1")
		return
	}
	st, pid := f.p.v.st, p.ID
	st.background(func() {
		list, err := st.store.ScanPageList(pid, n)
		fyne.Do(func() {
			if err == nil && f.chosenSheet() == n {
				f.page.SetText(strconv.Itoa(len(list) + 1))
			}
		})
	})
}

// onAttach stores the page with the chosen sheet: the image is read
// again if it was not shown yet, a new sheet is made if asked for, then
// the page is stored like a counted one (asking before it replaces a
// page the sheet holds).
func (f *foreignForm) onAttach() {
	p, ses, st := f.chosen(), f.p.v.ses, f.p.v.st
	if p == nil || f.sheet.SelectedIndex() < 0 {
		dialog.ShowInformation(T("Please check"), T("Choose the petition and the sheet first."), st.win)
		return
	}
	for _, e := range []*widget.Entry{f.page, f.count} {
		if err := e.Validate(); err != nil {
			dialog.ShowInformation(T("Please check"), err.Error(), st.win)
			return
		}
	}
	if ses.busy || ses.running {
		return
	}
	it, n := f.it, f.chosenSheet()
	page, _ := strconv.Atoi(strings.TrimSpace(f.page.Text))
	count, _ := strconv.Atoi(strings.TrimSpace(f.count.Text))
	img, file, filePage, isNew := it.image, it.res.File, it.res.Page, n == 0
	ses.busy = true
	ses.sync()
	st.background(func() {
		var fr scan.Result
		var err error
		if img == nil {
			fr, err = readForeign(file, filePage)
		}
		if err == nil && n == 0 {
			made, cerr := st.store.CreatePaperSheets(p.ID, 1, "", "")
			if err = cerr; err == nil {
				n = made[0].Number
			}
		}
		fyne.Do(func() {
			ses.busy = false
			if err != nil {
				ses.sync()
				st.fail(err)
				return
			}
			if img == nil {
				it.image, it.res.ImageW, it.res.ImageH = fr.Image, fr.ImageW, fr.ImageH
			}
			it.res.PetitionID, it.res.Reference, it.res.Sheet, it.res.SheetPage = p.ID, p.Reference, n, page
			it.count = count
			ses.storePages(st, []*scanItem{it}, false)
			if isNew && f.p.foreign == f {
				f.loadSheets(n) // the new sheet joins the list, chosen
			}
		})
	})
}

func (f *foreignForm) sync() {
	ses := f.p.v.ses
	if ses.busy || ses.running || f.it.state == itemStored { // attached once: a second time would count it twice
		f.attach.Disable()
		f.byNumber.Disable()
	} else {
		f.attach.Enable()
		f.byNumber.Enable()
	}
	switch f.it.state {
	case itemStored:
		f.state.SetText(T("Stored with sheet %d: the sheet now counts %d.", f.it.res.Sheet, f.it.total))
	case itemKept:
		f.state.SetText(T("The earlier scan was kept."))
	default:
		f.state.SetText("")
	}
	f.actions.Refresh() // the state's width changed
}

// readForeign reads one page of a file again and prepares it for storing
// as a page printed elsewhere.
func readForeign(file string, page int) (scan.Result, error) {
	srcs, err := scan.ReadFile(file)
	if err != nil {
		return scan.Result{}, err
	}
	for _, src := range srcs {
		if src.Page == max(page, 1) {
			r := scan.Foreign(src)
			if r.Problem != "" {
				return r, errors.New(r.Problem)
			}
			return r, nil
		}
	}
	return scan.Result{}, fmt.Errorf("%s", T("This page is no longer in the file."))
}
