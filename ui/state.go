package ui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// Preference keys.
const (
	prefWidth        = "window.width"
	prefHeight       = "window.height"
	prefLastPetition = "petition.last"
	prefLanguage     = "language" // "" = the system's
)

// appState is what every screen shares: the store, the window, the clock
// and the petition the user is working on. Screens get it in their
// constructor and never reach for globals, so tests can build any screen
// on an in-memory store.
type appState struct {
	app   fyne.App
	win   fyne.Window
	store *store.Store
	now   func() time.Time
	// shareFailed: the daily bundle for the shared folder failed this
	// session, and the user was told (share_folder.go).
	shareFailed atomic.Bool
	// version is the release (Config.Version), written into exported
	// files; "" where unknown (tests, screenshots).
	version string

	// background runs store work off the UI goroutine; the work hands its
	// results to the widgets with fyne.Do. Tests run it inline.
	background func(func())
	// after runs f on the UI goroutine after d (signing mode's thank-you
	// and idle timers). Tests replace it to fire timers by hand.
	after func(d time.Duration, f func())

	mu      sync.Mutex
	current *petition.Petition // the petition the screens show; nil if none

	// onPetitionChange is called (on the UI goroutine) when the current
	// petition changes or is edited; the main window uses it to redraw.
	onPetitionChange func()
	// home puts the main window's frame back (after signing mode).
	home func()
	// closeIntercept is what closing the window does outside signing mode.
	closeIntercept func()

	// shown is the screen built last, the one the window shows (each
	// screen's constructor sets it). Work that outlives its screen (an
	// export, a scan batch) checks it before touching that screen; the
	// screenshots and tests reach the screen's widgets through it.
	shown openScreen

	// rebuild makes the whole window again (after a language change).
	rebuild func()

	marks map[string]fyne.CanvasObject // widgets named for the layout log

	// notify shows a notice that does not block the window (what the
	// retention timer erased); the main window sets it.
	notify func(text string)
	// dialogs are the file pickers and questions (dialogs.go); tests
	// install a fake.
	dialogs dialogs
	// lastScanDir is where the scan file dialogs open: the folder used
	// last (UI goroutine only).
	lastScanDir string

	// jobsMu guards the work that outlives its screen, which is built anew
	// each time it is opened: the window's scan batch (scan_run.go) and
	// its export under way (export_run.go), nil when there is none.
	jobsMu sync.Mutex
	scan   *scanSession
	export *exportJob

	// stopRetention stops the retention timer and waits for a run under
	// way to end (before the store is closed); see privacy.go.
	stopRetention func()
}

// openScreen is a screen's struct (e.g. *sheetsScreen), as appState.shown
// holds it.
type openScreen interface {
	// screenContent is what the main window shows for the screen.
	screenContent() fyne.CanvasObject
}

func newAppState(a fyne.App, w fyne.Window, s *store.Store) *appState {
	return &appState{
		app: a, win: w, store: s, now: time.Now,
		background: func(f func()) { go f() },
		after: func(d time.Duration, f func()) {
			time.AfterFunc(d, func() { fyne.Do(f) })
		},
		dialogs:       fyneDialogs{},
		notify:        func(string) {},
		stopRetention: func() {},
	}
}

// petition returns the current petition, or nil.
func (st *appState) petition() *petition.Petition {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.current
}

// setPetition makes p the current petition, remembers it for the next
// start and tells the main window. Call it on the UI goroutine.
func (st *appState) setPetition(p *petition.Petition) {
	st.mu.Lock()
	st.current = p
	st.mu.Unlock()
	if p != nil {
		st.app.Preferences().SetString(prefLastPetition, p.ID)
	}
	if st.onPetitionChange != nil {
		st.onPetitionChange()
	}
}

// loadPetitions reads the petitions in the background and hands them to
// done on the UI goroutine; errors go to the user.
func (st *appState) loadPetitions(done func([]petition.Petition)) {
	inBackground(st, st.store.Petitions, done)
}

// pickStartPetition chooses the petition to show at start: the one used
// last if it still exists, else the newest one not archived.
func pickStartPetition(list []petition.Petition, last string) *petition.Petition {
	for i := range list {
		if list[i].ID == last {
			return &list[i]
		}
	}
	for i := range list {
		if !list[i].Archived {
			return &list[i]
		}
	}
	return nil
}
