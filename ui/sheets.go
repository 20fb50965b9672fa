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

// sheetLine is one line of the sheets table: a sheet and what its cells
// need of the petition.
type sheetLine struct {
	*petition.Sheet
	info         petition.DeadlineInfo
	rowsPerSheet int
}

// sheetColumns are the sheets table's columns.
var sheetColumns = []column[sheetLine]{
	{"No.", 60, func(r sheetLine, _ *widget.Label) string { return strconv.Itoa(r.Number) }},
	{"Origin", 90, func(r sheetLine, _ *widget.Label) string { return T(string(r.Origin)) }},
	{"Where / who", 280, func(r sheetLine, _ *widget.Label) string { return r.Where() }},
	{"Rows", 150, sheetRowsCell},
	{"Status", 110, sheetStatusCell},
	{"Post by", 120, func(r sheetLine, _ *widget.Label) string { return fmtDate(r.info.PostBy) }},
	{"Warning", 360, func(r sheetLine, l *widget.Label) string {
		l.Importance = widget.WarningImportance
		return sheetWarningWords(r.Sheet, r.info)
	}},
}

func sheetRowsCell(r sheetLine, _ *widget.Label) string {
	text := fmt.Sprintf("%d / %d", r.Filled, r.rowsPerSheet)
	if r.Struck > 0 {
		text += " " + T("(%d struck)", r.Struck)
	}
	return text
}

func sheetStatusCell(r sheetLine, _ *widget.Label) string {
	if r.Status == petition.SheetPosted {
		return T(string(r.Status)) + " " + fmtDate(r.PostedOn)
	}
	return T(string(r.Status))
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
	s.table = newHeadedTable(sheetColumns, func() int { return len(s.sheets) }, s.line)
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
	inBackground(st, func() ([]petition.Sheet, error) { return st.store.Sheets(pid) }, func(list []petition.Sheet) {
		s.sheets = list
		s.summary.SetText(s.summaryText())
		s.table.Refresh()
		s.syncButtons()
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

// line is the i-th line of the table.
func (s *sheetsScreen) line(i int) sheetLine {
	return sheetLine{Sheet: &s.sheets[i], info: s.info, rowsPerSheet: s.p.RowsPerSheet}
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
func (s *sheetsScreen) edit(change func() error) { changeInBackground(s.st, change, s.load) }
