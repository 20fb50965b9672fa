package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/scan"
)

// A sheet printed by this app carries its identity twice (two QR codes)
// and its number in large digits at the foot of the page. When neither
// code reads (a pen line across both, a torn and scribbled corner), the
// user reads the number off the page, shown beside the question, and the
// page is read again as a page of that sheet (scan.AnalyseSheet): fitted
// by its corner marks, its page of the sheet found from its table, and
// counted like any other.

// maxSheetNumber bounds the number typed (as the QR payload does).
const maxSheetNumber = 999999

// numberDialog asks for the sheet number of a page whose codes failed.
type numberDialog struct {
	f     *foreignForm
	entry *widget.Entry
	d     *dialog.ConfirmDialog
}

// askSheetNumber opens the dialog for the page of the form.
func (f *foreignForm) askSheetNumber() {
	p := f.chosen()
	if p == nil {
		dialog.ShowInformation(T("Please check"), T("Choose the petition first."), f.p.v.st.win)
		return
	}
	n := &numberDialog{f: f, entry: widget.NewEntry()}
	n.entry.SetPlaceHolder(T("e.g. 12"))
	n.entry.Validator = rangeValidator(1, maxSheetNumber)
	n.entry.OnSubmitted = func(string) { n.d.Confirm() }
	page := canvas.NewImageFromImage(nil)
	if f.p.page != nil {
		page.Image = f.p.page.Image
	}
	page.FillMode = canvas.ImageFillContain
	page.SetMinSize(fyne.NewSize(240, 320))
	hint := widget.NewLabel(T("Neither QR code on this page could be read. If it is a sheet printed by Petition Desk, type the sheet number printed in large digits at the foot of the page."))
	hint.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(hint, widget.NewLabel(T("Petition")+": "+p.Reference), widget.NewLabel(T("Sheet number")), n.entry)
	body := container.NewBorder(nil, nil, page, nil, form)
	n.d = dialog.NewCustomConfirm(T("Sheet number"), T("Read the page"), T("Cancel"), body, func(ok bool) {
		if ok {
			n.read(p)
		}
	}, f.p.v.st.win)
	n.d.Resize(fyne.NewSize(640, 420))
	n.d.Show()
	f.p.v.st.win.Canvas().Focus(n.entry)
}

// read reads the page again as a page of the sheet typed; a page that
// does not fit says why and stays to attach by hand.
func (n *numberDialog) read(p *petition.Petition) {
	st, f := n.f.p.v.st, n.f
	num, err := strconv.Atoi(n.entry.Text)
	if err != nil || num < 1 || num > maxSheetNumber {
		dialog.ShowInformation(T("Please check"), T("Type the sheet number, a whole number from 1 to %d.", maxSheetNumber), st.win)
		return
	}
	it := f.it
	file, pg := it.res.File, it.res.Page
	hint := scan.SheetHint{PetitionID: p.ID, Sheet: num}
	st.background(func() {
		r, err := readAsSheet(st, file, pg, hint)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowInformation(T("The page could not be read"), err.Error(), st.win)
				return
			}
			f.p.v.ses.replaceItem(it, r)
		})
	})
}

// readAsSheet reads one page of a file again as a page of the hinted
// sheet.
func readAsSheet(st *appState, file string, page int, hint scan.SheetHint) (scan.Result, error) {
	srcs, err := scan.ReadFile(file)
	if err != nil {
		return scan.Result{}, err
	}
	for _, src := range srcs {
		if src.Page != max(page, 1) {
			continue
		}
		r := scan.AnalyseSheet(src, st.store, hint)
		if !r.OK() {
			return r, fmt.Errorf("%s", problemWords(&r))
		}
		return r, nil
	}
	return scan.Result{}, fmt.Errorf("%s", T("This page is no longer in the file."))
}

// replaceItem puts the result of reading a page again in place of its
// item, and shows it for review.
func (ses *scanSession) replaceItem(it *scanItem, r scan.Result) {
	pd := takePage(ses.prog, &r)
	fresh := pd.item(map[string]int{r.File: it.fileIdx})
	*it = *fresh
	ses.sync()
	if v := ses.view; v != nil {
		v.results.Refresh()
		v.review.show(it) // the same item, now counted: the pane is built anew
	}
}
