package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// The Privacy screen: each petition's retention time ("delete personal
// data N days after delivery"), where it stands, and "Erase personal data
// now". The retention timer itself runs from the start of the window
// (startPrivacy) and reports in the notice bar under the screens.

func init() {
	addScreen(screen{order: 70, key: "privacy", title: "Privacy", icon: theme.IconNameVisibilityOff,
		build: func(st *appState) fyne.CanvasObject { return newPrivacyScreen(st).content }})
}

// startPrivacy starts what the window does for privacy once the database
// is open: the retention timer, and for a database just made with a
// passphrase the offer of a recovery key.
func startPrivacy(st *appState, created bool) {
	startRetention(st)
	if created && st.store.Encrypted() {
		offerRecoveryKey(st)
	}
}

// startRetention applies the retention times now and every
// store.RetentionInterval; each erasure is shown as a notice.
func startRetention(st *appState) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s := st.store
	go func() {
		defer close(done)
		s.RunRetention(ctx, store.RetentionInterval, func(reps []store.ErasureReport, err error) {
			fyne.Do(func() { showRetention(st, reps, err) })
		})
	}()
	st.stopRetention = func() { cancel(); <-done; st.stopRetention = func() {} }
}

// showRetention puts what the retention timer did in the notice bar.
func showRetention(st *appState, reps []store.ErasureReport, err error) {
	for _, r := range reps {
		st.notify(erasureWords(r))
	}
	if plain, ok := plainProblem(err); ok && errors.Is(err, store.ErrNotPurged) {
		st.notify(plain)
	} else if err != nil {
		fyne.LogError("applying the retention times", err)
		st.notify(T("Erasing personal data whose retention time ran out failed: %s. It is tried again in an hour.", err.Error()))
	}
}

// erasureWords says what an erasure removed (store.ErasureReport.String
// in the window's language).
func erasureWords(r store.ErasureReport) string {
	switch {
	case r.Again:
		return T("%s: erased again the personal data of %d signatures and %d scanned pages erased before, which a restored backup had brought back.", r.Reference, r.Signatures, r.Images)
	case r.Action == store.ActionErase:
		return T("%s: the signer's name, address, email and drawn signature were erased; the row is struck as withdrawn and no longer counts.", r.Reference)
	case r.Action == store.ActionRetention:
		return T("%s: the retention time after delivery ran out: erased the personal data of %d signatures and %d scanned pages; the counts and sheet records remain.", r.Reference, r.Signatures, r.Images)
	}
	return T("%s: erased the personal data of %d signatures and %d scanned pages; the counts and sheet records remain.", r.Reference, r.Signatures, r.Images)
}

// busy runs slow store work (an erasure with its purge takes seconds)
// behind a modal activity indicator, then done on the UI goroutine.
func busy(st *appState, text string, work func() error, done func(error)) {
	act := widget.NewActivity()
	d := dialog.NewCustomWithoutButtons(T("Please wait"), container.NewVBox(act, widget.NewLabel(text)), st.win)
	act.Start()
	d.Show()
	st.background(func() {
		err := work()
		fyne.Do(func() {
			act.Stop()
			d.Hide()
			done(err)
		})
	})
}

// privacyScreen lists the petitions' retention.
type privacyScreen struct {
	st      *appState
	content fyne.CanvasObject
	rows    *fyne.Container
	infos   []store.RetentionInfo
	erase   map[string]*widget.Button // "Erase personal data now" by petition id
}

func (v *privacyScreen) screenContent() fyne.CanvasObject { return v.content }

func newPrivacyScreen(st *appState) *privacyScreen {
	v := &privacyScreen{st: st, rows: container.NewVBox()}
	st.shown = v
	intro := widget.NewLabel(T("Each petition keeps its signers' names, addresses, emails, drawn signatures and scanned pages until its retention time after delivery runs out; then Petition Desk erases them by itself, at start and every hour. The counts and sheet records remain. Set the number of days in the petition's editor."))
	intro.SetText(intro.Text + "\n" + T("To find, export or erase one person's data, use Signer rights. Every erasure, export and search is listed in the Audit log."))
	intro.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(T("Retention of personal data"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewBorder(container.NewVBox(container.NewPadded(head), intro, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.rows)))
	v.load()
	return v
}

// load reads the retention states in the background.
func (v *privacyScreen) load() {
	st := v.st
	inBackground(st, st.store.Retention, v.show)
}

func (v *privacyScreen) show(infos []store.RetentionInfo) {
	v.infos, v.erase = infos, map[string]*widget.Button{}
	v.rows.RemoveAll()
	if len(infos) == 0 {
		v.rows.Add(widget.NewLabel(T("No petition yet.")))
	}
	for _, r := range infos {
		r := r
		btn := widget.NewButtonWithIcon(T("Erase personal data now…"), theme.DeleteIcon(), func() { v.askErase(r) })
		v.erase[r.PetitionID] = btn
		state := widget.NewLabel(retentionWords(r))
		state.Wrapping = fyne.TextWrapWord
		ref := widget.NewLabelWithStyle(r.Reference, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		days := widget.NewLabel(TN(r.Days, "%d day after delivery", "%d days after delivery", r.Days))
		v.rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(320, 40), container.NewHBox(ref, days)), btn, state))
	}
	v.rows.Refresh()
}

// retentionWords says where a petition stands.
func retentionWords(r store.RetentionInfo) string {
	var s string
	switch {
	case !r.Delivered:
		s = T("Not delivered yet: the time starts on delivery.")
	case r.Due:
		s = T("Due since %s: personal data is erased.", fmtDate(r.DueOn))
	default:
		s = T("Delivered %s: personal data is erased on %s (%s).", fmtDate(r.DeliveredOn), fmtDate(r.DueOn), daysLeftWords(r.DaysLeft))
	}
	if !r.ErasedAt.IsZero() {
		s += " " + T("Last erased on %s.", fmtDate(petition.DateOf(r.ErasedAt.Local())))
	}
	return s
}

// askErase confirms "Erase personal data now" for one petition.
func (v *privacyScreen) askErase(r store.RetentionInfo) {
	st := v.st
	text := T("Erase the personal data of petition %s now? The names, addresses, emails, drawn signatures and scanned page images of all its signers are erased for good; the counts and sheet records remain. This cannot be undone.", r.Reference)
	d := dialog.NewConfirm(T("Erase personal data now"), text, func(yes bool) {
		if !yes {
			return
		}
		var rep store.ErasureReport
		busy(st, T("Erasing the personal data and wiping it from the database files… This takes a few seconds."), func() error {
			var err error
			rep, err = st.store.ErasePetitionData(r.PetitionID, store.ActionEraseNow)
			return err
		}, func(err error) {
			if err != nil {
				st.fail(err)
			} else {
				dialog.ShowInformation(T("Personal data erased"), erasureWords(rep), st.win)
			}
			v.load()
		})
	}, st.win)
	d.SetConfirmText(T("Erase"))
	d.SetDismissText(T("Cancel"))
	d.Show()
}

// noticeBar shows notices under the screens until dismissed: the
// retention timer's reports must not block whoever is using the window.
type noticeBar struct {
	box  *fyne.Container
	text *widget.Label
}

func newNoticeBar() *noticeBar {
	n := &noticeBar{text: widget.NewLabel("")}
	n.text.Wrapping = fyne.TextWrapWord
	ok := widget.NewButton(T("OK"), func() { n.text.SetText(""); n.box.Hide() })
	n.box = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), ok, n.text))
	n.box.Hide()
	return n
}

// add shows one more notice (newest last).
func (n *noticeBar) add(text string) {
	if n.text.Text != "" {
		text = n.text.Text + "\n" + text
	}
	n.text.SetText(text)
	n.box.Show()
}
