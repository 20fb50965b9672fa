package ui

import (
	"errors"
	"log"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/assets"
	"github.com/petitiondesk/petitiondesk/diskspace"
	"github.com/petitiondesk/petitiondesk/store"
	// Before Fyne reads the locale: LANG=C.UTF-8 reads as English, quietly.
	_ "github.com/petitiondesk/petitiondesk/ui/syslocale"
)

// AppID is the application's unique id, as in FyneApp.toml.
const AppID = "org.petitiondesk.app"

// Config says how the window starts.
type Config struct {
	DataDir string // "" = the default data directory
	// Version is the release, as `petitiondesk version` prints it; the
	// window writes it into the files it exports (workbooks, bundles).
	Version string
}

// defaultSize is the window's first size; later starts reuse the last one.
var defaultSize = fyne.NewSize(1100, 720)

// Run opens the window and returns the process exit code when it closes.
func Run(cfg Config) int {
	log.SetOutput(newQuietLog(os.Stderr)) // Fyne's harmless reports stay off stderr (quietlog.go)
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("loading the translations", err)
	}
	setLanguage(a.Preferences().String(prefLanguage))
	w := a.NewWindow("Petition Desk")
	w.Resize(savedSize(a.Preferences()))
	dir := cfg.DataDir
	if dir == "" {
		var err error
		if dir, err = store.DefaultDir(); err != nil {
			w.SetContent(message(T("Petition Desk cannot find a place for its data: %s", err.Error()), a.Quit))
			w.ShowAndRun()
			return 1
		}
	}
	closing := func() {
		a.Preferences().SetFloat(prefWidth, float64(w.Canvas().Size().Width))
		a.Preferences().SetFloat(prefHeight, float64(w.Canvas().Size().Height))
		w.Close()
	}
	var st *appState
	o := &opener{win: w, dir: dir, dialogs: fyneDialogs{}}
	o.opened = func(s *store.Store) {
		st = newAppState(a, w, s)
		st.version = cfg.Version
		st.closeIntercept = func() { closeAfterExport(st, closing) }
		w.SetCloseIntercept(st.closeIntercept)
		openMain(st)
		startPrivacy(st, o.created)
	}
	w.SetContent(widget.NewLabel(T("Opening the database…")))
	o.start(os.Getenv("PETITIONDESK_PASSPHRASE"))
	w.SetCloseIntercept(closing)
	quitOnSignal(a)
	w.ShowAndRun()
	if st != nil {
		st.stopRetention()
		stopScan(st)
		stopExport(st)
		if err := st.store.Close(); err != nil {
			fyne.LogError("closing the database", err)
			return 1
		}
	}
	return 0
}

// quitOnSignal closes the window properly on SIGINT or SIGTERM (a
// logout, a service manager, a test harness), so the database is closed
// cleanly rather than recovered on the next start.
func quitOnSignal(a fyne.App) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		fyne.Do(a.Quit)
	}()
}

// openMain puts the main window's frame in the window and starts it.
func openMain(st *appState) *mainWindow {
	m := newMainWindow(st)
	st.home = func() { st.win.SetContent(m.root); st.layoutChanged() }
	st.rebuild = func() {
		active := m.active
		m = newMainWindow(st)
		m.active = active
		st.home()
		m.reloadAt(active)
	}
	st.home()
	m.start()
	return m
}

func savedSize(p fyne.Preferences) fyne.Size {
	w, h := p.Float(prefWidth), p.Float(prefHeight)
	if w < 640 || h < 480 {
		return defaultSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// opener opens the database, asking for the passphrase when it is
// encrypted and saying so plainly when another copy has it open.
type opener struct {
	win    fyne.Window
	dir    string
	opened func(*store.Store)
	run    func(func()) // runs the opening off the UI goroutine; nil = go
	// dialogs picks the recovery key file (fyneDialogs; tests a fake).
	dialogs dialogs
	pass    *widget.Entry
	status  *widget.Label

	created bool      // the directory was new: offer a recovery key once open
	newPass *passForm // the new-passphrase form shown (first start, reset)
}

func (o *opener) try(passphrase string) {
	run := o.run
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() {
		s, err := store.Open(store.Options{Dir: o.dir, Passphrase: passphrase})
		fyne.Do(func() { o.result(s, err, passphrase != "") })
	})
}

func (o *opener) result(s *store.Store, err error, hadPassphrase bool) {
	var open *store.AlreadyOpenError
	var full *diskspace.FullError
	switch {
	case err == nil:
		o.opened(s)
	case errors.Is(err, store.ErrPassphraseNeeded), errors.Is(err, store.ErrWrongPassphrase):
		o.askPassphrase(hadPassphrase)
	case errors.As(err, &open):
		o.win.SetContent(message(T("Another Petition Desk (window or command) has %s open. Use that window, or let the command finish, then try again.", o.dir), fyne.CurrentApp().Quit))
	case errors.As(err, &full):
		o.win.SetContent(message(T("The disk holding %s is nearly full: free at least %s, then start Petition Desk again. Nothing already saved is lost.",
			o.dir, diskspace.Human(full.Short())), fyne.CurrentApp().Quit))
	default:
		msg, ok := plainProblem(err) // a data folder not the user's to open, say
		if !ok {
			fyne.LogError("opening the database", err)
			msg = T("The database could not be opened: %s", err.Error())
		}
		o.win.SetContent(message(msg, fyne.CurrentApp().Quit))
	}
}

// askPassphrase shows the passphrase form; after a wrong one it says so.
func (o *opener) askPassphrase(wrong bool) {
	if o.pass == nil {
		o.pass = widget.NewPasswordEntry()
		o.pass.OnSubmitted = func(string) { o.submit() }
		o.status = widget.NewLabel("")
		open := widget.NewButton(T("Open"), o.submit)
		open.Importance = widget.HighImportance
		forgot := widget.NewButton(T("Forgot the passphrase? Use the recovery key…"), o.forgot)
		forgot.Importance = widget.LowImportance
		box := container.NewVBox(
			widget.NewLabelWithStyle(T("This database is encrypted."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabel(T("Enter its passphrase to open %s.", o.dir)), o.pass, o.status, open, forgot)
		o.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(460, box.MinSize().Height), box)))
	}
	o.status.SetText("")
	if wrong {
		o.status.SetText(T("The passphrase is wrong. Nothing was opened or changed."))
	}
	o.pass.SetText("")
	o.win.Canvas().Focus(o.pass)
}

func (o *opener) submit() {
	if o.pass.Text == "" {
		return
	}
	o.status.SetText(T("Opening the database…"))
	o.try(o.pass.Text)
}

// message is a whole-window notice with one button to quit.
func message(text string, quit func()) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	b := widget.NewButton(T("Quit"), quit)
	box := container.NewVBox(l, b)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, box.MinSize().Height+60), box))
}
