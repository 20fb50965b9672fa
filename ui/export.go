package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/petition/layout"
	"github.com/petitiondesk/petitiondesk/store"
)

// The Export screen: the files that leave the app — for the current
// petition the pack to post, blank sheets to print and the bundle for the
// coordinator; for it or for all petitions (as the command line does) the
// Excel summary and the CSV totals. Each asks where to save (and, for
// personal data, first asks whether to), runs in the background with a
// progress bar and a Cancel button, and ends with "Open folder". What
// each button asks for is below, running it in the background is in
// export_run.go, and writing the file (atomically, audited) is in the
// desk package, which the command line calls too.

func init() {
	addScreen(screen{order: 60, key: "export", title: "Export", icon: theme.IconNameDocumentSave,
		build: func(st *appState) fyne.CanvasObject { return newExportScreen(st).content }})
}

// defaultBlankSheets is the number of blank sheets proposed: a stack for
// one market stall.
const defaultBlankSheets = 10

// exportScreen holds the choices, the buttons and the progress of the
// export under way (one at a time).
type exportScreen struct {
	st      *appState
	p       *petition.Petition
	content fyne.CanvasObject

	target   *widget.Select // "All targets", then each target
	address  *widget.Select // what the pack shows of each signer: the petition's setting, or one for this file
	dups     *dupReview     // the possible-duplicates question last asked (export_dups.go)
	paper    *widget.RadioGroup
	sheets   *widget.Entry
	scope    *widget.RadioGroup // the Excel summary's and the CSV's petitions
	personal *widget.Check      // the Excel summary's signers: off by default
	counts   *widget.Check      // the bundle without names
	to, pass *widget.Entry      // the bundle's encryption: a key or a passphrase

	buttons  []*widget.Button // disabled while an export runs
	progress *widget.ProgressBar
	status   *widget.Label
	cancel   *widget.Button
	open     *widget.Button
	job      *exportJob // the export under way or finished last
}

func (v *exportScreen) screenContent() fyne.CanvasObject { return v.content }

func newExportScreen(st *appState) *exportScreen {
	v := &exportScreen{st: st, p: st.petition()}
	st.shown = v
	if v.p == nil {
		v.content = container.NewCenter(widget.NewLabel(T("Choose or create a petition first, on the Petitions screen.")))
		return v
	}
	v.build()
	if j := runningExport(st); j != nil {
		v.attach(j) // started before the user left the screen
	}
	return v
}

func (v *exportScreen) build() {
	p := v.p
	targets := []string{T("All targets")}
	for _, t := range p.Targets {
		targets = append(targets, targetWords(t))
	}
	v.target = widget.NewSelect(targets, nil)
	v.target.SetSelectedIndex(0)
	v.address = newAddressModeSelect(T("As the petition says: %s", addressModeName(p.RecipientSees)), "")
	v.paper = widget.NewRadioGroup([]string{"A4", "US Letter"}, nil)
	v.paper.Horizontal, v.paper.Required = true, true
	v.paper.SetSelected("A4")
	v.sheets = widget.NewEntry()
	v.sheets.SetText(strconv.Itoa(defaultBlankSheets))
	v.sheets.Validator = sheetCount
	v.scope = widget.NewRadioGroup([]string{T("This petition"), T("All petitions")}, nil)
	v.scope.Horizontal, v.scope.Required = true, true
	v.scope.SetSelected(T("This petition"))
	v.personal = widget.NewCheck(T("Include signers' names and addresses"), nil)
	v.counts = widget.NewCheck(T("Counts only (no names, no signatures, no scans)"), nil)
	v.to = widget.NewEntry()
	v.to.SetPlaceHolder(T("Coordinator's public key (age1…), optional"))
	v.pass = widget.NewPasswordEntry()
	v.pass.SetPlaceHolder(T("or a passphrase, optional"))

	pack := v.button(T("Petition pack (PDF)"), theme.DocumentPrintIcon(), v.onPack)
	blank := v.button(T("Blank sheets (PDF)"), theme.FileIcon(), v.onBlank)
	xlsx := v.button(T("Excel summary"), theme.GridIcon(), v.onSummary)
	csv := v.button(T("CSV totals"), theme.ListIcon(), v.onCSV)
	bundle := v.button(T("Bundle for the coordinator"), theme.UploadIcon(), v.onBundle)

	// The bar shows only while an export runs (and after one finished):
	// an idle bar at 0 % reads as a finished one.
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.cancel = widget.NewButtonWithIcon(T("Cancel"), theme.CancelIcon(), v.onCancel)
	v.cancel.Disable()
	v.open = widget.NewButtonWithIcon(T("Open folder"), theme.FolderOpenIcon(), v.onOpenFolder)
	v.open.Disable()

	hint := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		l.TextStyle.Italic = true
		return l
	}
	paperRow := container.NewHBox(widget.NewLabel(T("Paper")), v.paper)
	form := container.NewVBox(
		container.NewPadded(widget.NewLabelWithStyle(T("Export %s", p.Reference), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		paperRow,
		widget.NewCard("", "", container.NewVBox(
			container.NewBorder(nil, nil, pack, nil, v.target),
			container.NewBorder(nil, nil, widget.NewLabel(T("The recipient sees of each signer")), nil, v.address),
			hint(T("A cover letter for each target, the signature sheets (struck rows left out), the scanned paper sheets and an envelope page. It holds names and addresses.")))),
		widget.NewCard("", "", container.NewVBox(
			container.NewBorder(nil, nil, blank, widget.NewLabel(T("sheets")), v.sheets),
			hint(T("Printing reserves new sheet numbers; each page carries a QR code for the scanner.")))),
		widget.NewCard("", "", container.NewVBox(
			container.NewHBox(widget.NewLabel(T("Excel and CSV cover")), v.scope),
			container.NewHBox(xlsx, v.personal, csv),
			hint(T("Without names the summary can be shared freely; with them it is personal data and must be kept safe.")))),
		widget.NewCard("", "", container.NewVBox(
			container.NewBorder(nil, nil, bundle, v.counts),
			container.NewGridWithColumns(2, v.to, v.pass),
			hint(T("The coordinator imports this file. Encrypt it when it travels by mail or on a stick.")))),
		widget.NewSeparator(),
		v.progress,
		container.NewBorder(nil, nil, nil, container.NewHBox(v.cancel, v.open), v.status),
	)
	v.content = container.NewVScroll(form)
}

func (v *exportScreen) button(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	b.Importance = widget.HighImportance
	v.buttons = append(v.buttons, b)
	return b
}

// targetWords names a target in the chooser: "Minister of the Interior,
// Republic of Belarus".
func targetWords(t petition.Target) string {
	if t.Title == "" {
		return t.Name
	}
	return t.Name + ", " + t.Title
}

// sheetCount validates the number of blank sheets.
func sheetCount(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > export.MaxBlankSheets {
		return errors.New(T("Enter a number of sheets from 1 to %d.", export.MaxBlankSheets))
	}
	return nil
}

// paperChoice is the paper size chosen.
func (v *exportScreen) paperChoice() layout.Paper {
	if v.paper.Selected == "US Letter" {
		return layout.Letter
	}
	return layout.A4
}

// targetChoice is the chosen target's index, or nil for all of them.
func (v *exportScreen) targetChoice() []int {
	if i := v.target.SelectedIndex(); i > 0 {
		return []int{i - 1}
	}
	return nil
}

// allPetitions reports whether the Excel summary and the CSV cover every
// petition rather than the current one.
func (v *exportScreen) allPetitions() bool { return v.scope.Selected == T("All petitions") }

// coverWords says how many petitions a file covers, when more than one.
func coverWords(n int) string {
	if n > 1 {
		return T("The file covers %d petitions.", n)
	}
	return ""
}

// onPack first settles possible duplicates (export_dups.go), so the
// letter's number counts each person once, then writes the pack.
func (v *exportScreen) onPack() { v.reviewDuplicates(v.writePack) }

func (v *exportScreen) writePack() {
	p, s := v.p, v.st.store
	opt := export.PackOptions{PDFOptions: export.PDFOptions{Paper: v.paperChoice(), Now: v.st.now()},
		Targets: v.targetChoice(), Addresses: selectedAddressMode(v.address)}
	j := &exportJob{personal: true,
		what: T("the names, addresses and signatures of %s", p.Reference),
		name: personalFileName(v.st, p.Reference+" petition pack", true, "pdf")}
	j.run = func(ctx context.Context, path string, _ []string, prog export.Progress) (string, error) {
		res, err := desk.ExportPack(ctx, s, desk.PackOptions{Path: path, Petition: p, PackOptions: opt}, prog)
		j.wrote = res.Paths // read once run has returned (finish)
		return packMessage(res), err
	}
	v.start(j)
}

// packMessage says what the pack holds and, when it was too long for one
// file, which files were written and which stale ones were removed.
func packMessage(res desk.PackResult) string {
	msg := T("%s for %s.", TN(res.Pages, "%d page", "%d pages", res.Pages), TN(res.Targets, "%d target", "%d targets", res.Targets))
	if n := len(res.Paths); n > 1 {
		msg += " " + T("The pack is too long for one file: it is in %d files in the same folder, %s to %s.",
			n, filepath.Base(res.Paths[0]), filepath.Base(res.Paths[n-1]))
	}
	if len(res.Removed) > 0 {
		names := make([]string, len(res.Removed))
		for i, r := range res.Removed {
			names[i] = filepath.Base(r)
		}
		msg += " " + T("Removed the earlier pack's files: %s.", strings.Join(names, ", "))
	}
	if len(res.LeftOut) > 0 {
		pages := make([]string, len(res.LeftOut))
		for i, r := range res.LeftOut {
			pages[i] = T("paper sheet %d, page %d", r.Sheet, r.Page)
		}
		msg += " " + T("Left out because the scan cannot be read (a note stands in its place): %s.", strings.Join(pages, "; "))
	}
	return msg
}

func (v *exportScreen) onBlank() {
	if err := v.sheets.Validate(); err != nil {
		dialog.ShowInformation(T("Please check"), err.Error(), v.st.win)
		return
	}
	n, _ := strconv.Atoi(strings.TrimSpace(v.sheets.Text))
	p, s := v.p, v.st.store
	opt := export.PDFOptions{Paper: v.paperChoice(), Now: v.st.now()}
	v.start(&exportJob{
		name: personalFileName(v.st, p.Reference+" blank sheets", false, "pdf"),
		run: func(ctx context.Context, path string, _ []string, prog export.Progress) (string, error) {
			sheets, err := desk.ExportBlank(ctx, s, desk.BlankOptions{Path: path, Petition: p, Sheets: n, PDFOptions: opt}, prog)
			if err != nil {
				return "", err
			}
			return T("Sheet numbers %d to %d are reserved for them.", sheets[0].Number, sheets[len(sheets)-1].Number), nil
		}})
}

// onSummary writes the Excel summary of the petitions chosen, as
// `petitiondesk export xlsx` does (desk.ExportSummary).
func (v *exportScreen) onSummary() {
	s, personal, all, now := v.st.store, v.personal.Checked, v.allPetitions(), v.st.now
	version := v.st.version
	what, base := T("the names and addresses of the signers of %s", v.p.Reference), v.p.Reference
	if all {
		what, base = T("the names and addresses of the signers of all petitions"), "All petitions"
	}
	v.start(&exportJob{personal: personal, all: all, what: what,
		name: personalFileName(v.st, base+" summary", personal, "xlsx"),
		run: func(ctx context.Context, path string, ids []string, prog export.Progress) (string, error) {
			res, err := desk.ExportSummary(ctx, s, desk.SummaryOptions{Path: path, PersonalData: personal,
				AppVersion: version, Scope: desk.Scope{Petitions: ids, Now: now()}}, prog)
			return coverWords(res.Petitions), err
		}})
}

// onCSV writes the CSV of totals, one line per petition chosen, as
// `petitiondesk export csv` does (desk.ExportCSV).
func (v *exportScreen) onCSV() {
	s, all, now, base := v.st.store, v.allPetitions(), v.st.now, v.p.Reference
	if all {
		base = "All petitions"
	}
	v.start(&exportJob{all: all,
		name: personalFileName(v.st, base+" totals", false, "csv"),
		run: func(ctx context.Context, path string, ids []string, prog export.Progress) (string, error) {
			opt := csvOptions(currentLanguage())
			opt.Path, opt.Scope = path, desk.Scope{Petitions: ids, Now: now()}
			err := desk.ExportCSV(ctx, s, opt, prog)
			return coverWords(len(ids)), err
		}})
}

// csvOptions follows the window's language: a German or French
// spreadsheet reads ';' between fields (its decimal mark is the comma) and
// needs the byte order mark to show accents; others get the plain CSV.
func csvOptions(lang string) desk.CSVOptions {
	if lang == "de" || lang == "fr" {
		return desk.CSVOptions{Sep: ';', BOM: true}
	}
	return desk.CSVOptions{}
}

func (v *exportScreen) onBundle() {
	to, pass := strings.TrimSpace(v.to.Text), v.pass.Text
	if to != "" && pass != "" {
		dialog.ShowInformation(T("Please check"), T("Encrypt the bundle with the coordinator's key or with a passphrase, not both."), v.st.win)
		return
	}
	p, s, counts := v.p, v.st.store, v.counts.Checked
	version := v.st.version
	v.start(&exportJob{personal: !counts,
		what: T("the names, addresses and signatures of %s", p.Reference),
		name: personalFileName(v.st, p.Reference+" bundle", !counts, "bundle"),
		run: func(ctx context.Context, path string, ids []string, prog export.Progress) (string, error) {
			_, err := desk.ExportBundle(ctx, s, desk.BundleOptions{Path: path, To: to, Passphrase: pass,
				ExportOptions: store.ExportOptions{Petitions: ids, CountsOnly: counts, AppVersion: version}}, prog)
			if err != nil {
				return "", err
			}
			how := T("It is not encrypted.")
			if to != "" || pass != "" {
				how = T("It is encrypted.")
			}
			return how, nil
		}})
}
