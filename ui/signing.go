package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

func init() {
	addScreen(screen{order: 30, key: "signing", title: "Signing", icon: theme.IconNameDocumentCreate,
		build: func(st *appState) fyne.CanvasObject { return newSigningStart(st).content }})
}

// signingStart is where a volunteer prepares signing mode: where and who
// collects, and the PIN that will be needed to leave it.
type signingStart struct {
	st                  *appState
	content             fyne.CanvasObject
	location, collector *field
	country             *field // the stall's country: pre-fills each signer's Country
	pin, pinAgain       *widget.Entry
	msg                 *widget.Label
	start               *widget.Button
	kiosk               *kiosk // the signing mode started from here, if any
}

func (s *signingStart) screenContent() fyne.CanvasObject { return s.content }

func newSigningStart(st *appState) *signingStart {
	s := &signingStart{st: st}
	st.shown = s
	p := st.petition()
	if p == nil {
		s.content = container.NewCenter(widget.NewLabel(T("Choose or create a petition first (Petitions).")))
		return s
	}
	s.location = newField(T("Where (e.g. Market stall, Bundesplatz)"), petition.ValidateShortText)
	s.collector = newField(T("Volunteer (name or initials)"), petition.ValidateShortText)
	s.country = newField(T("Country of the stall (filled in for each signer, who can change it)"), optionalCountry)
	s.location.entry.SetText(st.app.Preferences().String("signing.location"))
	s.collector.entry.SetText(st.app.Preferences().String("signing.collector"))
	s.country.entry.SetText(st.app.Preferences().String(prefStallCountry))
	s.pin, s.pinAgain = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	s.pin.SetPlaceHolder(T("4 to 8 digits"))
	s.pinAgain.SetPlaceHolder(T("the same PIN again"))
	s.pinAgain.OnSubmitted = func(string) { s.onStart() }
	s.msg = widget.NewLabel("")
	s.msg.Importance = widget.DangerImportance
	s.msg.Wrapping = fyne.TextWrapWord
	s.start = widget.NewButtonWithIcon(T("Start signing mode"), theme.MediaPlayIcon(), s.onStart)
	s.start.Importance = widget.HighImportance
	intro := widget.NewLabel(T("Signing mode fills the screen with one form for passers-by. It shows the petition and the running count, never who signed before. Set a PIN: it is needed to leave signing mode."))
	intro.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(p.Reference+" — "+p.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box := container.NewVBox(head, intro, s.location.box, s.collector.box, s.country.box,
		labelled(T("PIN to leave signing mode"), s.pin), labelled(T("Repeat the PIN"), s.pinAgain), s.msg, container.NewHBox(s.start))
	if p.Status != petition.StatusCollecting && p.Status != petition.StatusDraft {
		s.start.Disable()
		s.msg.SetText(T("This petition is not collecting signatures. Set its status to collecting in the editor."))
	}
	s.content = container.NewVScroll(container.NewPadded(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height), box))))
	st.mark("start.country", s.country.entry)
	st.mark("start.pin", s.pin)
	st.mark("start.pinAgain", s.pinAgain)
	st.mark("start.button", s.start)
	return s
}

// prefStallCountry keeps the stall's country for the next signing mode:
// a group usually collects in one country.
const prefStallCountry = "signing.country"

// optionalCountry accepts no country (each signer types theirs) or one
// the signature form would accept.
func optionalCountry(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return petition.ValidateCountry(s)
}

func (s *signingStart) onStart() {
	if err := validatePIN(s.pin.Text); err != nil {
		s.msg.SetText(err.Error())
		return
	}
	if s.pin.Text != s.pinAgain.Text {
		s.msg.SetText(T("The two PINs differ. Please type the same PIN twice."))
		return
	}
	if s.location.check() != nil || s.collector.check() != nil || s.country.check() != nil {
		return
	}
	s.msg.SetText("")
	prefs := s.st.app.Preferences()
	prefs.SetString("signing.location", s.location.entry.Text)
	prefs.SetString("signing.collector", s.collector.entry.Text)
	country := strings.TrimSpace(s.country.entry.Text)
	prefs.SetString(prefStallCountry, country)
	lock := newPINLock(s.pin.Text)
	s.pin.SetText("")
	s.pinAgain.SetText("")
	s.kiosk = newKiosk(s.st, *s.st.petition(), lock, s.location.entry.Text, s.collector.entry.Text)
	s.kiosk.setStallCountry(country)
	s.kiosk.enter()
}
