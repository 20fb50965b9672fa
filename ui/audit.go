package ui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// The Audit log screen: what was exported, imported, erased, struck and
// searched, newest first, with counts and never a name. A data-protection
// officer filters it and exports it as CSV.

func init() {
	addScreen(screen{order: 74, key: "audit", title: "Audit log", icon: theme.IconNameHistory,
		build: func(st *appState) fyne.CanvasObject { return newAuditScreen(st).content }})
}

// auditLimit is how many entries the screen lists; the CSV has them all.
const auditLimit = 1000

// auditActions are the actions the filter offers, with their words.
var auditActions = []struct{ action, words string }{
	{store.ActionExport, "File exported"},
	{store.ActionImport, "File imported"},
	{store.ActionStrike, "Row struck out"},
	{store.ActionUnstrike, "Row counts again"},
	{store.ActionErase, "Signer erased"},
	{store.ActionRetention, "Erased after the retention time"},
	{store.ActionEraseNow, "Erased by hand"},
	{store.ActionFind, "Search for a name"},
	{store.ActionPersonExport, "One signer's data exported"},
	{store.ActionPurge, "Database files wiped"},
	{store.ActionPurgeFailed, "Wiping the database files failed"},
	{store.ActionPassphrase, "Passphrase changed"},
	{store.ActionRecoveryKey, "Recovery key made"},
	{store.ActionBackup, "Backup written"},
	{store.ActionRestore, "Backup restored"},
	{store.ActionDemo, "Example data made"},
	{store.ActionPersonalPrint, "Signed sheets printed"},
	{store.ActionRetentionSet, "Retention time changed"},
	{store.ActionDuplicates, "Possible duplicates shown"},
	{store.ActionKeepDuplicates, "Possible duplicates kept"},
	{store.ActionForgetCampaign, "Campaign key forgotten"},
}

// actionWords names an action in the window's language.
func actionWords(a string) string {
	for _, x := range auditActions {
		if x.action == a {
			return T(x.words)
		}
	}
	return a
}

// auditScreen is the filters and the list.
type auditScreen struct {
	st           *appState
	content      fyne.CanvasObject
	petition     *widget.Select
	action       *widget.Select
	since, until *widget.Entry
	list         *widget.List
	status       *widget.Label
	entries      []store.AuditEntry
	refs         map[string]string // petition id → reference
	pids         []string          // the petition filter's ids, after "All petitions"
}

func (v *auditScreen) screenContent() fyne.CanvasObject { return v.content }

func newAuditScreen(st *appState) *auditScreen {
	v := &auditScreen{st: st, status: widget.NewLabel(""), refs: map[string]string{}}
	st.shown = v
	v.petition = widget.NewSelect(nil, func(string) { v.load() })
	v.action = widget.NewSelect(nil, func(string) { v.load() })
	actions := []string{T("All actions")}
	for _, a := range auditActions {
		actions = append(actions, T(a.words))
	}
	v.action.SetOptions(actions)
	v.since, v.until = widget.NewEntry(), widget.NewEntry()
	v.since.SetPlaceHolder(T("From (YYYY-MM-DD)"))
	v.until.SetPlaceHolder(T("To (YYYY-MM-DD)"))
	v.since.Validator, v.until.Validator = translated(validateOptionalDate), translated(validateOptionalDate)
	v.since.OnSubmitted = func(string) { v.load() }
	v.until.OnSubmitted = func(string) { v.load() }
	show := widget.NewButtonWithIcon(T("Show"), theme.SearchIcon(), v.load)
	export := widget.NewButtonWithIcon(T("Export CSV…"), theme.DocumentSaveIcon(), v.onExport)
	v.list = widget.NewList(func() int { return len(v.entries) }, func() fyne.CanvasObject {
		return widget.NewLabel("2025-11-03 10:00  Erased after the retention time  UA 147/20  12  kind=xlsx")
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(v.entries) {
			o.(*widget.Label).SetText(v.entryWords(v.entries[id]))
		}
	})
	filters := container.NewGridWithColumns(4, v.petition, v.action, v.since, v.until)
	top := container.NewVBox(
		container.NewPadded(widget.NewLabelWithStyle(T("Audit log"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		filters, container.NewHBox(show, export), v.status, widget.NewSeparator())
	v.content = container.NewBorder(top, nil, nil, nil, v.list)
	v.loadPetitions()
	return v
}

// loadPetitions fills the petition filter, then the list.
func (v *auditScreen) loadPetitions() {
	v.st.loadPetitions(func(list []petition.Petition) {
		opts := []string{T("All petitions")}
		v.pids = nil
		for _, p := range list {
			v.refs[p.ID] = p.Reference
			v.pids = append(v.pids, p.ID)
			opts = append(opts, p.Reference)
		}
		cb := v.petition.OnChanged
		v.petition.OnChanged = nil
		v.petition.SetOptions(opts)
		v.petition.SetSelectedIndex(0)
		v.petition.OnChanged = cb
		cb = v.action.OnChanged
		v.action.OnChanged = nil
		v.action.SetSelectedIndex(0)
		v.action.OnChanged = cb
		v.load()
	})
}

// filter builds the store's filter from the widgets; ok is false when a
// date is not a date.
func (v *auditScreen) filter() (store.AuditFilter, bool) {
	var f store.AuditFilter
	if i := v.petition.SelectedIndex(); i > 0 && i <= len(v.pids) {
		f.PetitionID = v.pids[i-1]
	}
	if i := v.action.SelectedIndex(); i > 0 {
		f.Action = auditActions[i-1].action
	}
	for _, x := range []struct {
		e   *widget.Entry
		t   *time.Time
		add int
	}{{v.since, &f.Since, 0}, {v.until, &f.Until, 1}} {
		s := strings.TrimSpace(x.e.Text)
		if s == "" {
			continue
		}
		d, err := parseDate(s)
		if err != nil {
			v.status.SetText(err.Error())
			return f, false
		}
		*x.t = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.Local).AddDate(0, 0, x.add)
	}
	return f, true
}

// load lists the newest entries that pass the filters.
func (v *auditScreen) load() {
	f, ok := v.filter()
	if !ok {
		return
	}
	st := v.st
	inBackground(st, func() ([]store.AuditEntry, error) { return st.store.AuditEntries(f, auditLimit) }, func(list []store.AuditEntry) {
		v.entries = list
		switch {
		case len(list) == 0:
			v.status.SetText(T("No entry."))
		case len(list) == auditLimit:
			v.status.SetText(T("The newest %d entries; narrow the filters or export the CSV for all of them.", auditLimit))
		default:
			v.status.SetText(T("%d entries, newest first.", len(list)))
		}
		v.list.Refresh()
	})
}

// entryWords is one entry as a line: when, what, which petition, how many, details.
func (v *auditScreen) entryWords(e store.AuditEntry) string {
	parts := []string{e.Time.Local().Format("2006-01-02 15:04"), actionWords(e.Action)}
	if e.PetitionID != "" {
		ref := v.refs[e.PetitionID]
		if ref == "" {
			ref = e.PetitionID
		}
		parts = append(parts, ref)
	}
	if e.Count == 1 {
		parts = append(parts, T("1 row"))
	} else {
		parts = append(parts, TN(e.Count, "%d row", "%d rows", e.Count))
	}
	var d []string
	for _, k := range e.DetailKeys() {
		if k == "count" {
			continue
		}
		d = append(d, fmt.Sprintf("%s=%v", k, e.Details[k]))
	}
	if len(d) > 0 {
		parts = append(parts, strings.Join(d, " "))
	}
	return strings.Join(parts, "   ")
}

// onExport writes every entry that passes the filters as CSV. The log
// holds no personal data, so no warning is needed.
func (v *auditScreen) onExport() {
	f, ok := v.filter()
	if !ok {
		return
	}
	st := v.st
	st.dialogs.chooseSaveFile(st.win, personalFileName(st, "audit log", false, "csv"), func(w io.WriteCloser) {
		st.background(func() {
			_, err := desk.WriteAuditLog(context.Background(), st.store, w, f, v.refs)
			fyne.Do(func() {
				if err != nil {
					st.fail(err)
					return
				}
				v.load()
			})
		})
	})
}
