package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/store"
)

// AppID is the application's unique id, as in FyneApp.toml.
const AppID = "org.petitiondesk.app"

// Config says how the window starts.
type Config struct {
	DataDir string // "" = the default data directory
}

// Run opens the window and returns the process exit code when it closes.
func Run(cfg Config) int {
	a := app.NewWithID(AppID)
	w := a.NewWindow("Petition Desk")
	w.Resize(fyne.NewSize(1100, 720))
	w.SetContent(newHome(cfg).content)
	w.ShowAndRun()
	return 0
}

// home is a placeholder overview: the petitions and their totals.
type home struct {
	content *fyne.Container
	status  *widget.Label
}

func newHome(cfg Config) *home {
	h := &home{status: widget.NewLabel("Opening the database…")}
	h.content = container.NewVBox(widget.NewLabelWithStyle("Petition Desk", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), h.status)
	go h.load(cfg)
	return h
}

func (h *home) load(cfg Config) {
	text := loadSummary(cfg)
	fyne.Do(func() { h.status.SetText(text) })
}

func loadSummary(cfg Config) string {
	dir := cfg.DataDir
	if dir == "" {
		var err error
		if dir, err = store.DefaultDir(); err != nil {
			return err.Error()
		}
	}
	s, err := store.Open(store.Options{Dir: dir})
	var open *store.AlreadyOpenError
	if errors.As(err, &open) {
		return open.Error()
	}
	if err != nil {
		return err.Error()
	}
	defer s.Close()
	list, err := s.Petitions()
	if err != nil {
		return err.Error()
	}
	text := fmt.Sprintf("%d petitions in %s", len(list), dir)
	for _, p := range list {
		t, _ := s.Totals(p.ID)
		text += fmt.Sprintf("\n%s  %s: %d valid of %d (%s)", p.Reference, p.Title, t.Valid(), p.Goal, p.DeadlineAt(time.Now()).State)
	}
	return text
}
