package ui

import (
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/scan"
)

// The Scan screen: choose scanned files (or a folder of them), scan them
// in the background with a progress bar, see a line per page — petition,
// sheet, rows counted, confidence, problem — and review a page: its image
// with the rows found marked, each row's crop and verdict, and a count to
// correct before it is stored with its sheet. The batch itself is in
// scan_run.go, the review pane in scan_review.go, pages printed elsewhere
// in scan_foreign.go.

func init() {
	addScreen(screen{order: 50, key: "scan", title: "Scan", icon: theme.IconNameFileImage,
		build: func(st *appState) fyne.CanvasObject { return newScanScreen(st).content }})
}

// chooseScanFile asks for one scanned file; Fyne's dialog picks one file
// at a time, so "Add file…" can be used repeatedly (or files dropped on
// the window: scan_drop.go). It opens in from, the folder used last.
func (fyneDialogs) chooseScanFile(win fyne.Window, from string, done func(path string)) {
	showFileOpen(win, from, storage.NewExtensionFileFilter(scan.Extensions),
		func(r fyne.URIReadCloser) { localPath(win, r, done) })
}

// chooseScanFolder asks for a folder of scans, opening in from.
func (fyneDialogs) chooseScanFolder(win fyne.Window, from string, done func(path string)) {
	d := dialog.NewFolderOpen(onChosen(win, func(u fyne.ListableURI) {
		if u.Scheme() != "file" {
			dialog.ShowInformation(T("Please check"), T("Please choose a folder on this computer."), win)
			return
		}
		done(u.Path())
	}), win)
	openAt(d, from)
	d.Resize(fileDialogSize(win))
	d.Show()
}

// scanScreen shows the window's scan session.
type scanScreen struct {
	st      *appState
	ses     *scanSession
	content fyne.CanvasObject

	files    *widget.List
	fileSel  int // selected file, -1 if none
	results  *widget.Table
	progress *widget.ProgressBar
	status   *widget.Label
	review   *reviewPane

	addFile, addFolder, remove, clear *widget.Button
	start, cancel, acceptAll          *widget.Button
}

// scanColumns are the results table's columns, one line per page read.
var scanColumns = []column[*scanItem]{
	{"File", 150, func(it *scanItem, _ *widget.Label) string { return filepath.Base(it.res.File) }},
	{"Page", 55, func(it *scanItem, _ *widget.Label) string { return strconv.Itoa(max(it.res.Page, 1)) }},
	{"Petition", 100, scanPetitionCell},
	{"Sheet", 70, func(it *scanItem, _ *widget.Label) string { return sheetWords(&it.res) }},
	{"Rows", 100, scanRowsCell},
	{"Confidence", 95, scanConfidenceCell},
	{"Status", 210, scanStatusCell},
	{"Problem", 520, scanProblemCell},
}

func (v *scanScreen) screenContent() fyne.CanvasObject { return v.content }

func newScanScreen(st *appState) *scanScreen {
	v := &scanScreen{st: st, ses: sessionOf(st), fileSel: -1}
	st.shown = v
	v.ses.view = v
	v.files = widget.NewList(func() int { return len(v.ses.files) },
		func() fyne.CanvasObject { return widget.NewLabel("scan-0000.jpg") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.ses.files) {
				o.(*widget.Label).SetText(filepath.Base(v.ses.files[id]))
			}
		})
	v.files.OnSelected = func(id widget.ListItemID) { v.fileSel = id; v.sync() }
	v.files.OnUnselected = func(widget.ListItemID) { v.fileSel = -1; v.sync() }
	v.results = v.newResultsTable()
	v.progress = widget.NewProgressBar()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.addFile = widget.NewButtonWithIcon(T("Add file…"), theme.FileImageIcon(), v.onAddFile)
	v.addFolder = widget.NewButtonWithIcon(T("Add folder…"), theme.FolderOpenIcon(), v.onAddFolder)
	v.remove = widget.NewButtonWithIcon(T("Remove"), theme.ContentRemoveIcon(), v.onRemove)
	v.clear = widget.NewButtonWithIcon(T("Clear"), theme.ContentClearIcon(), v.onClear)
	v.start = widget.NewButtonWithIcon(T("Scan"), theme.MediaPlayIcon(), func() { v.ses.runBatch(st) })
	v.start.Importance = widget.HighImportance
	v.cancel = widget.NewButtonWithIcon(T("Cancel"), theme.CancelIcon(), v.ses.onCancel)
	v.acceptAll = widget.NewButtonWithIcon(T("Accept all without problems"), theme.ConfirmIcon(), v.onAcceptAll)
	v.review = newReviewPane(v)
	v.content = v.layout()
	v.sync()
	if it := v.ses.selected; it != nil {
		v.selectItem(it)
	}
	return v
}

func (v *scanScreen) layout() fyne.CanvasObject {
	filesBar := container.NewHBox(v.addFile, v.addFolder, v.remove, v.clear)
	runBar := container.NewHBox(v.start, v.cancel, widget.NewSeparator(), v.acceptAll)
	top := container.NewVBox(
		container.NewBorder(nil, nil, filesBar, runBar),
		container.NewBorder(nil, nil, nil, nil, v.progress),
		v.status)
	hint := widget.NewLabelWithStyle(T("…or drop files or folders here."), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	hint.Wrapping = fyne.TextWrapWord
	filesBox := container.NewBorder(widget.NewLabelWithStyle(T("Files to scan"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint, nil, nil, v.files)
	upper := container.NewHSplit(filesBox, v.results)
	upper.Offset = 0.16
	body := container.NewVSplit(upper, v.review.content)
	body.Offset = 0.38
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
}

func (v *scanScreen) newResultsTable() *widget.Table {
	t := newHeadedTable(scanColumns, func() int { return len(v.ses.items) },
		func(i int) *scanItem { return v.ses.items[i] })
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.ses.items) {
			v.openItem(v.ses.items[id.Row])
		}
	}
	return t
}

func scanPetitionCell(it *scanItem, _ *widget.Label) string {
	if it.res.Reference == "" {
		return "—"
	}
	return it.res.Reference
}

// scanRowsCell is the rows counted, and whether a person corrected them.
func scanRowsCell(it *scanItem, _ *widget.Label) string {
	if !it.res.OK() && it.state != itemStored {
		return "—"
	}
	if it.corrected() {
		return T("%d (corrected)", it.count)
	}
	return strconv.Itoa(it.count)
}

func scanConfidenceCell(it *scanItem, _ *widget.Label) string {
	if !it.res.OK() {
		return "—"
	}
	return strconv.Itoa(int(it.res.Confidence*100+0.5)) + " %"
}

// scanStatusCell is green once the page is stored with its sheet.
func scanStatusCell(it *scanItem, l *widget.Label) string {
	if it.state == itemStored {
		l.Importance = widget.SuccessImportance
	}
	return itemStateWords(it)
}

// scanProblemCell is red for a page that could not be read, orange for
// one without its code or with rows to look at.
func scanProblemCell(it *scanItem, l *widget.Label) string {
	switch {
	case !it.res.OK() && it.res.NoQR, it.res.OK() && it.needsLook():
		l.Importance = widget.WarningImportance
	case !it.res.OK():
		l.Importance = widget.DangerImportance
	}
	return noteWords(it)
}

// sync sets the buttons, progress and status from the session.
func (v *scanScreen) sync() {
	ses := v.ses
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	idle := !ses.running && !ses.busy
	enable(v.addFile, idle)
	enable(v.addFolder, idle)
	enable(v.remove, idle && v.fileSel >= 0 && v.fileSel < len(ses.files))
	enable(v.clear, idle && len(ses.files) > 0)
	enable(v.start, idle && len(ses.files) > 0)
	enable(v.cancel, ses.running)
	enable(v.acceptAll, idle && len(acceptable(ses.items)) > 0)
	v.showProgress()
	v.files.Refresh()
	v.results.Refresh()
	v.review.sync()
}

func (v *scanScreen) showProgress() {
	p := v.ses.prog
	if v.ses.running || len(v.ses.items) > 0 {
		v.progress.Show()
	} else {
		v.progress.Hide()
	}
	switch {
	case p.Pages > 0:
		v.progress.SetValue(float64(p.PagesDone) / float64(p.Pages))
	case !v.ses.running && len(v.ses.items) > 0:
		v.progress.SetValue(1)
	default:
		v.progress.SetValue(0)
	}
	status := v.ses.status
	if status == "" {
		status = T("Add the scanned sheets (JPEG, PNG, TIFF or PDF files, or a folder of them), then press Scan.")
	}
	v.status.SetText(status)
}

func (v *scanScreen) onAddFile() {
	v.st.dialogs.chooseScanFile(v.st.win, v.st.lastScanDir, func(path string) { v.addFiles([]string{path}) })
}

func (v *scanScreen) onAddFolder() {
	v.st.dialogs.chooseScanFolder(v.st.win, v.st.lastScanDir, func(dir string) {
		list, err := scan.Expand([]string{dir})
		if err != nil {
			v.st.fail(err)
			return
		}
		v.st.lastScanDir = dir
		if len(list) == 0 {
			dialog.ShowInformation(T("Please check"), T("This folder holds no scans (JPEG, PNG, TIFF or PDF files)."), v.st.win)
			return
		}
		v.addFiles(list)
	})
}

// addFiles adds files to the list to scan, each once.
func (v *scanScreen) addFiles(paths []string) {
	have := map[string]bool{}
	for _, f := range v.ses.files {
		have[f] = true
	}
	for _, p := range paths {
		if !have[p] {
			v.ses.files = append(v.ses.files, p)
			have[p] = true
		}
		v.st.lastScanDir = filepath.Dir(p)
	}
	v.ses.status = T("Files to scan: %d.", len(v.ses.files))
	v.sync()
}

func (v *scanScreen) onRemove() {
	if v.fileSel < 0 || v.fileSel >= len(v.ses.files) {
		return
	}
	v.ses.files = append(v.ses.files[:v.fileSel], v.ses.files[v.fileSel+1:]...)
	v.files.UnselectAll()
	v.fileSel = -1
	v.sync()
}

func (v *scanScreen) onClear() {
	v.ses.files = nil
	v.files.UnselectAll()
	v.fileSel = -1
	v.ses.status = ""
	v.sync()
}

// openItem shows a page in the review pane.
func (v *scanScreen) openItem(it *scanItem) {
	if v.ses.selected == it && v.review.item == it {
		return
	}
	v.ses.selected = it
	v.review.show(it)
}

// selectItem selects a page in the table (and so opens it).
func (v *scanScreen) selectItem(it *scanItem) {
	for i, x := range v.ses.items {
		if x == it {
			v.results.Select(widget.TableCellID{Row: i, Col: 0})
			v.openItem(it)
			return
		}
	}
}
