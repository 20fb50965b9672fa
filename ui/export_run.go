package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/petitiondesk/petitiondesk/export"
	"github.com/petitiondesk/petitiondesk/store"
	"github.com/petitiondesk/petitiondesk/store/bundle"
)

// exportJob is one export of the Export screen.
type exportJob struct {
	kind     string // for the audit log: "pdf-pack", "blank", "xlsx", "csv", "bundle"
	personal bool   // the file holds names and addresses: ask first
	what     string // what personal data, for the question
	name     string // the file name proposed
	// run writes the file at path; it returns the signature rows in it
	// (for the audit log) and a sentence for the end.
	run func(ctx context.Context, path string, progress export.Progress) (rows int, done string, err error)

	path    string
	cancel  context.CancelFunc
	running bool
}

// chooseExportPath asks where to save and hands over the chosen path
// (on the UI goroutine). Fyne's dialog creates the file; the export then
// writes a temporary file beside it and renames it into place, so a
// failed or cancelled export leaves no half file. Tests replace it.
var chooseExportPath = func(win fyne.Window, name string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if w == nil {
			return
		}
		uri := w.URI()
		w.Close()
		if uri.Scheme() != "file" {
			dialog.ShowError(fmt.Errorf("%s", T("Please choose a file on this computer.")), win)
			return
		}
		done(uri.Path())
	}, win)
	d.SetFileName(name)
	d.Resize(fileDialogSize(win))
	d.Show()
}

// confirmExport asks before personal data leaves (see personaldata.go);
// tests replace it.
var confirmExport = confirmPersonalExport

// openFolder shows a folder in the system's file manager; tests replace it.
var openFolder = func(a fyne.App, dir string) error { return a.OpenURL(folderURL(dir)) }

// folderURL is the file:// URL of a folder, also for Windows paths.
func folderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users/… → /C:/Users/…
	}
	return &url.URL{Scheme: "file", Path: p}
}

func (v *exportScreen) onPack() {
	p, s := v.p, v.st.store
	opt := export.PackOptions{PDFOptions: export.PDFOptions{Paper: v.paperChoice(), Now: v.st.now()},
		Targets: v.targetChoice(), ScanPages: s.ScanPages, ScanCount: func(pid string, sheet int) (int, error) {
			list, err := s.ScanPageList(pid, sheet)
			return len(list), err
		}}
	v.start(&exportJob{kind: "pdf-pack", personal: true,
		what: T("the names, addresses and signatures of %s", p.Reference),
		name: personalFileName(v.st, p.Reference+" petition pack", true, "pdf"),
		run: func(ctx context.Context, path string, prog export.Progress) (int, string, error) {
			res, err := export.WritePackFile(ctx, path, s, p, opt, prog)
			return res.Signatures * res.Targets, T("%d pages for %d target(s).", res.Pages, res.Targets), err
		}})
}

func (v *exportScreen) onBlank() {
	if err := v.sheets.Validate(); err != nil {
		dialog.ShowInformation(T("Please check"), err.Error(), v.st.win)
		return
	}
	n, _ := strconv.Atoi(strings.TrimSpace(v.sheets.Text))
	p, s := v.p, v.st.store
	opt := export.PDFOptions{Paper: v.paperChoice(), Now: v.st.now()}
	v.start(&exportJob{kind: "blank",
		name: personalFileName(v.st, p.Reference+" blank sheets", false, "pdf"),
		run: func(ctx context.Context, path string, prog export.Progress) (int, string, error) {
			sheets, err := export.PrintBlankFile(ctx, path, s, p, n, opt, prog)
			if err != nil {
				return 0, "", err
			}
			return 0, T("Sheet numbers %d to %d are reserved for them.", sheets[0].Number, sheets[len(sheets)-1].Number), nil
		}})
}

func (v *exportScreen) onSummary() {
	p, s, personal := v.p, v.st.store, v.personal.Checked
	v.start(&exportJob{kind: "xlsx", personal: personal,
		what: T("the names and addresses of the signers of %s", p.Reference),
		name: personalFileName(v.st, p.Reference+" summary", personal, "xlsx"),
		run: func(ctx context.Context, path string, prog export.Progress) (int, string, error) {
			res, err := export.WriteSummaryFile(ctx, path, s, export.SummaryOptions{
				PersonalData: personal, Petitions: []string{p.ID}, Now: v.st.now(), Progress: prog})
			rows := 0
			if personal {
				rows = res.Signatures
			}
			return rows, "", err
		}})
}

func (v *exportScreen) onCSV() {
	p, s := v.p, v.st.store
	v.start(&exportJob{kind: "csv",
		name: personalFileName(v.st, p.Reference+" totals", false, "csv"),
		run: func(ctx context.Context, path string, prog export.Progress) (int, string, error) {
			err := export.WriteTotalsCSVFile(ctx, path, s, export.CSVOptions{Petitions: []string{p.ID}, Now: v.st.now()})
			prog(1, 1)
			return 0, "", err
		}})
}

func (v *exportScreen) onBundle() {
	to, pass := strings.TrimSpace(v.to.Text), v.pass.Text
	if to != "" && pass != "" {
		dialog.ShowInformation(T("Please check"), T("Encrypt the bundle with the coordinator's key or with a passphrase, not both."), v.st.win)
		return
	}
	p, s, counts := v.p, v.st.store, v.counts.Checked
	version := v.st.app.Metadata().Version
	v.start(&exportJob{kind: "bundle", personal: !counts,
		what: T("the names, addresses and signatures of %s", p.Reference),
		name: personalFileName(v.st, p.Reference+" bundle", !counts, "bundle"),
		run: func(ctx context.Context, path string, prog export.Progress) (int, string, error) {
			var m *bundle.Manifest
			err := writeExportFile(path, func(w io.Writer) error {
				enc, err := bundleEncryptor(w, to, pass)
				if err != nil {
					return err
				}
				m, err = s.ExportBundle(ctx, enc, store.ExportOptions{Petitions: []string{p.ID}, CountsOnly: counts, AppVersion: version}, prog)
				if err != nil {
					return err
				}
				return enc.Close()
			})
			if err != nil {
				return 0, "", err
			}
			how := T("It is not encrypted.")
			if to != "" || pass != "" {
				how = T("It is encrypted.")
			}
			return m.Counts.Signatures, how, nil
		}})
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

func bundleEncryptor(w io.Writer, to, pass string) (io.WriteCloser, error) {
	switch {
	case to != "":
		return bundle.EncryptTo(w, to)
	case pass != "":
		return bundle.EncryptWithPassphrase(w, pass)
	}
	return nopWriteCloser{w}, nil
}

// writeExportFile writes path through a temporary file beside it, owner
// only (a bundle may hold names), renamed into place once complete.
func writeExportFile(path string, fn func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".petitiondesk-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = fn(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}

// start asks (for personal data) and where to save, then runs the job.
func (v *exportScreen) start(j *exportJob) {
	if v.job != nil && v.job.running {
		return
	}
	choose := func() { chooseExportPath(v.st.win, j.name, func(path string) { v.run(j, path) }) }
	if j.personal {
		confirmExport(v.st.win, j.what, choose)
		return
	}
	choose()
}

// run writes the file in the background; the progress bar follows, and
// Cancel stops it at the next page (or thousand signatures).
func (v *exportScreen) run(j *exportJob, path string) {
	ctx, cancel := context.WithCancel(context.Background())
	j.path, j.cancel, j.running = path, cancel, true
	v.job = j
	v.setBusy(true)
	v.progress.SetValue(0)
	v.status.SetText(T("Writing %s…", filepath.Base(path)))
	prog := func(done, total int) {
		if total > 0 {
			f := float64(done) / float64(total)
			fyne.Do(func() { v.progress.SetValue(f) })
		}
	}
	pid := v.p.ID
	v.st.background(func() {
		rows, done, err := j.run(ctx, path, prog)
		if err == nil {
			err = v.st.store.AuditExport(j.kind, j.personal, rows, pid)
		}
		if err != nil {
			removeIfEmpty(path)
		}
		fyne.Do(func() { v.finish(j, done, err) })
	})
}

// removeIfEmpty removes the empty file the save dialog made when the
// export did not replace it.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}

func (v *exportScreen) finish(j *exportJob, done string, err error) {
	j.running = false
	j.cancel()
	v.setBusy(false)
	switch {
	case errors.Is(err, context.Canceled):
		v.progress.SetValue(0)
		v.status.SetText(T("Cancelled: no file was written."))
	case err != nil:
		v.progress.SetValue(0)
		v.status.SetText(T("The export failed."))
		v.showProblem(err)
	default:
		v.progress.SetValue(1)
		v.status.SetText(strings.TrimSpace(T("Saved %s.", j.path) + " " + done))
		v.open.Enable()
	}
}

// showProblem explains the errors a user can act on in plain words.
func (v *exportScreen) showProblem(err error) {
	var te *export.TargetError
	msg := ""
	switch {
	case errors.Is(err, export.ErrNoSignatures):
		msg = T("This petition has no signatures yet: there is nothing to post. Print blank sheets instead, or collect signatures first.")
	case errors.Is(err, export.ErrNoTargets):
		msg = T("This petition has no target to post the pack to. Add one in the petition editor.")
	case errors.As(err, &te):
		msg = T("This target no longer exists. Choose the target again.")
	case errors.Is(err, export.ErrSheetCount):
		msg = T("Enter a number of sheets from 1 to %d.", export.MaxBlankSheets)
	}
	if msg != "" {
		dialog.ShowInformation(T("Please check"), msg, v.st.win)
		return
	}
	v.st.fail(err)
}

func (v *exportScreen) setBusy(busy bool) {
	for _, b := range v.buttons {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if busy {
		v.cancel.Enable()
		v.open.Disable()
	} else {
		v.cancel.Disable()
	}
}

func (v *exportScreen) onCancel() {
	if v.job != nil && v.job.running {
		v.job.cancel()
		v.status.SetText(T("Cancelling…"))
	}
}

func (v *exportScreen) onOpenFolder() {
	if v.job == nil || v.job.path == "" {
		return
	}
	if err := openFolder(v.st.app, filepath.Dir(v.job.path)); err != nil {
		v.st.fail(err)
	}
}
