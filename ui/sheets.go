package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

func init() {
	addScreen(screen{order: 20, key: "sheets", title: "Sheets", icon: theme.IconNameGrid,
		build: func(st *appState) fyne.CanvasObject { return newSheetsScreen(st).content }})
}

// sheetsScreen is the table of a petition's sheets. Sheets are small
// records (a 100,000-signature petition has about 3,400), so they come
// as one slice; a sheet's rows load only when it is opened.
type sheetsScreen struct {
	st       *appState
	p        *petition.Petition
	info     petition.DeadlineInfo
	content  *fyne.Container
	table    *widget.Table
	summary  *widget.Label
	sheets   []petition.Sheet
	selected int // index into sheets, -1 if none

	open, posted, addPaper, setCount *widget.Button
	allSigs                          *widget.Button
	detail                           *sheetView     // the open sheet, if any
	all                              *allSignatures // the list of all signatures, if open
}

var sheetColumns = []struct {
	title string
	width float32
}{
	{"No.", 60}, {"Origin", 90}, {"Where / who", 280}, {"Rows", 150}, {"Status", 110}, {"Post by", 120}, {"Warning", 360},
}

func (s *sheetsScreen) screenContent() fyne.CanvasObject { return s.content }

func newSheetsScreen(st *appState) *sheetsScreen {
	s := &sheetsScreen{st: st, p: st.petition(), selected: -1, content: container.NewStack()}
	st.shown = s
	if s.p == nil {
		s.content.Objects = []fyne.CanvasObject{container.NewCenter(widget.NewLabel(T("Choose or create a petition first (Petitions).")))}
		return s
	}
	s.info = s.p.DeadlineAt(st.now())
	s.table = widget.NewTableWithHeaders(func() (int, int) { return len(s.sheets), len(sheetColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") }, s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(T(sheetColumns[id.Col].title))
		}
	}
	for i, c := range sheetColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) { s.selected = id.Row; s.syncButtons() }
	s.summary = widget.NewLabel("")
	s.open = widget.NewButtonWithIcon(T("Open sheet"), theme.VisibilityIcon(), s.onOpen)
	s.posted = widget.NewButtonWithIcon(T("Mark as posted"), theme.MailSendIcon(), s.onPosted)
	s.addPaper = widget.NewButtonWithIcon(T("Add paper sheets"), theme.ContentAddIcon(), s.onAddPaper)
	s.setCount = widget.NewButtonWithIcon(T("Set paper count"), theme.DocumentCreateIcon(), s.onSetCount)
	s.allSigs = widget.NewButtonWithIcon(T("All signatures"), theme.ListIcon(), s.onAll)
	s.syncButtons()
	s.showTable()
	s.load()
	return s
}

func (s *sheetsScreen) showTable() {
	s.detail, s.all = nil, nil
	bar := container.NewHBox(s.open, s.posted, s.setCount, s.addPaper, s.allSigs)
	top := container.NewVBox(container.NewPadded(s.summary), bar)
	s.content.Objects = []fyne.CanvasObject{container.NewBorder(top, nil, nil, nil, s.table)}
	s.content.Refresh()
}

// load reads the sheets in the background.
func (s *sheetsScreen) load() {
	st, pid := s.st, s.p.ID
	st.background(func() {
		list, err := st.store.Sheets(pid)
		fyne.Do(func() {
			if err != nil {
				st.fail(err)
				return
			}
			s.sheets = list
			s.summary.SetText(s.summaryText())
			s.table.Refresh()
			s.syncButtons()
		})
	})
}

func (s *sheetsScreen) summaryText() string {
	posted, warn := 0, 0
	for i := range s.sheets {
		if s.sheets[i].Status == petition.SheetPosted {
			posted++
		}
		if petition.SheetWarning(&s.sheets[i], s.info) != "" {
			warn++
		}
	}
	return T("%s: %s, %d posted, %s. Deadline %s, post by %s (%s).", s.p.Reference,
		TN(len(s.sheets), "%d sheet", "%d sheets", len(s.sheets)), posted,
		TN(warn, "%d needs attention", "%d need attention", warn), fmtDate(s.info.Deadline), fmtDate(s.info.PostBy), deadlineWords(s.info))
}

func (s *sheetsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Importance = widget.MediumImportance
	if id.Row >= len(s.sheets) {
		l.SetText("")
		return
	}
	sh := &s.sheets[id.Row]
	var text string
	switch id.Col {
	case 0:
		text = strconv.Itoa(sh.Number)
	case 1:
		text = T(string(sh.Origin))
	case 2:
		text = sh.Where()
	case 3:
		text = fmt.Sprintf("%d / %d", sh.Filled, s.p.RowsPerSheet)
		if sh.Struck > 0 {
			text += " " + T("(%d struck)", sh.Struck)
		}
	case 4:
		text = T(string(sh.Status))
		if sh.Status == petition.SheetPosted {
			text += " " + fmtDate(sh.PostedOn)
		}
	case 5:
		text = fmtDate(s.info.PostBy)
	case 6:
		text = sheetWarningWords(sh, s.info)
		l.Importance = widget.WarningImportance
	}
	l.SetText(text)
}

// sheetWarningWords is petition.SheetWarning in the window's language.
func sheetWarningWords(sh *petition.Sheet, info petition.DeadlineInfo) string {
	if petition.SheetWarning(sh, info) == "" {
		return ""
	}
	switch {
	case info.State == petition.Overdue:
		return T("not posted and the post-by date %s has passed", fmtDate(info.PostBy))
	case sh.Status == petition.SheetCollecting:
		return T("partly filled: post it by %s", fmtDate(info.PostBy))
	}
	return T("not posted yet: post it by %s", fmtDate(info.PostBy))
}

func (s *sheetsScreen) current() *petition.Sheet {
	if s.selected < 0 || s.selected >= len(s.sheets) {
		return nil
	}
	return &s.sheets[s.selected]
}

func (s *sheetsScreen) syncButtons() {
	sh := s.current()
	for _, b := range []*widget.Button{s.open, s.posted, s.setCount} {
		b.Disable()
	}
	if sh == nil {
		return
	}
	s.open.Enable()
	if sh.Status != petition.SheetPosted {
		s.posted.Enable()
	}
	if sh.Origin == petition.OriginPaper {
		s.setCount.Enable()
	}
}

func (s *sheetsScreen) onOpen() {
	if sh := s.current(); sh != nil {
		s.openSheet(*sh)
	}
}

// openSheet shows one sheet's rows in place of the table.
func (s *sheetsScreen) openSheet(sh petition.Sheet) {
	s.detail = newSheetView(s.st, s.p, sh, func() { s.showTable(); s.load() })
	s.content.Objects = []fyne.CanvasObject{s.detail.content}
	s.content.Refresh()
}

// onAll opens the list of every signature, read page by page.
func (s *sheetsScreen) onAll() {
	s.all = newAllSignatures(s.st, s.p, s.sheets, func() { s.showTable(); s.load() })
	s.content.Objects = []fyne.CanvasObject{s.all.content}
	s.content.Refresh()
}

// onPosted asks for the posting date and an optional tracking number.
func (s *sheetsScreen) onPosted() {
	sh := s.current()
	if sh == nil {
		return
	}
	n := sh.Number
	day := newField(dateLabel(T("Posted on")), validateDate)
	day.entry.SetText(dateText(petition.DateOf(s.st.now())))
	track := newField(T("Tracking number (optional)"), petition.ValidateShortText)
	dialog.ShowCustomConfirm(T("Mark sheet %d as posted", n), T("Mark as posted"), T("Cancel"),
		container.NewVBox(day.box, track.box), func(ok bool) {
			if !ok {
				return
			}
			if day.check() != nil || track.check() != nil {
				s.st.fail(petition.ValidationError{{Field: "posted_on", Message: T("Please enter the day the sheet was posted.")}})
				return
			}
			on, _ := parseDate(day.entry.Text)
			s.edit(func() error { return s.st.store.MarkSheetPosted(s.p.ID, n, on, track.entry.Text) })
		}, s.st.win)
}

func (s *sheetsScreen) onAddPaper() {
	count := newField(T("How many sheets to print?"), petition.ValidateIntRange("count", "The number of sheets", 1, 500))
	count.entry.SetText("5")
	where := newField(T("Where / which group"), petition.ValidateShortText)
	dialog.ShowCustomConfirm(T("Add paper sheets"), T("Add"), T("Cancel"), container.NewVBox(count.box, where.box), func(ok bool) {
		if !ok || count.check() != nil || where.check() != nil {
			return
		}
		n, _ := strconv.Atoi(count.entry.Text)
		s.edit(func() error {
			_, err := s.st.store.CreatePaperSheets(s.p.ID, n, where.entry.Text, "")
			return err
		})
	}, s.st.win)
}

func (s *sheetsScreen) onSetCount() {
	sh := s.current()
	if sh == nil || sh.Origin != petition.OriginPaper {
		return
	}
	n := sh.Number
	count := newField(T("Signatures on the sheet"), petition.ValidateIntRange("filled", "The count", 0, s.p.RowsPerSheet))
	count.entry.SetText(strconv.Itoa(sh.Filled))
	dialog.ShowCustomConfirm(T("Paper sheet %d", n), T("Save"), T("Cancel"), count.box, func(ok bool) {
		if !ok || count.check() != nil {
			return
		}
		v, _ := strconv.Atoi(count.entry.Text)
		s.edit(func() error { return s.st.store.SetPaperCount(s.p.ID, n, v) })
	}, s.st.win)
}

// edit runs a store change in the background and reloads the table.
func (s *sheetsScreen) edit(change func() error) {
	st := s.st
	st.background(func() {
		err := change()
		fyne.Do(func() {
			if err != nil {
				st.fail(err)
			}
			s.load()
		})
	})
}
