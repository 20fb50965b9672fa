package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/desk"
	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// fileButtons makes "Open campaign file…" and "Save petition file…": the
// window's side of `petitiondesk petition import` and `petition export`
// (docs/PETITION-FORMAT.md), through the same desk.ImportCampaign and
// desk.ExportCampaign.
func (s *petitionsScreen) fileButtons() {
	s.openFileBtn = widget.NewButtonWithIcon(T("Open campaign file…"), theme.FolderOpenIcon(), s.onOpenFile)
	s.saveFileBtn = widget.NewButtonWithIcon(T("Save petition file…"), theme.DocumentSaveIcon(), s.onSaveFile)
}

// maxCampaignFile is read of a chosen file: a petition file is at most
// 1 MB (petition.ReadCampaign says so when it is larger).
const maxCampaignFile = 1<<20 + 1

// onOpenFile reads a campaign (or petition) file and imports it: a new
// draft, or the update of the petition an earlier file of the campaign
// made. It says whom the file comes from; a bad, tampered or foreign
// file gets one plain sentence.
func (s *petitionsScreen) onOpenFile() {
	st := s.st
	st.dialogs.chooseOpenFile(st.win, func(r io.ReadCloser) {
		b, err := io.ReadAll(io.LimitReader(r, maxCampaignFile))
		r.Close()
		if err != nil {
			st.fail(err)
			return
		}
		s.importCampaign(b)
	})
}

// importCampaign imports a file's bytes in the background.
func (s *petitionsScreen) importCampaign(b []byte) {
	st := s.st
	st.background(func() {
		res, err := desk.ImportCampaign(st.store, bytes.NewReader(b))
		fyne.Do(func() {
			if err != nil {
				s.campaignProblem(err, b)
				return
			}
			s.lastCampaign = campaignWords(res)
			dialog.ShowInformation(T("Campaign file"), s.lastCampaign, st.win)
			st.setPetition(res.Petition)
			s.load()
		})
	})
}

// campaignWords says what importing a campaign file did.
func campaignWords(res *desk.CampaignResult) string {
	if res.Unsigned {
		return T("This petition file is not signed, so nobody can tell who wrote it. A new draft was made from it: check it before you collect signatures, and ask the sender for a signed campaign file.")
	}
	from := T("From %s, key fingerprint %s.", groupLabel(res.From, ""), res.Fingerprint)
	var lines []string
	switch {
	case res.Created:
		lines = []string{from, T("A new draft petition was made. The key is now trusted for this campaign: compare the fingerprint with the sender by phone.")}
	case res.Same:
		lines = []string{from, T("This file was opened before: nothing changed.")}
	case res.Older:
		lines = []string{from, T("This file is older than the one opened before: nothing changed.")}
	case len(res.Changed) == 0:
		lines = []string{from, T("Nothing in the petition changed.")}
	default:
		lines = []string{from, T("The petition was updated (%s). Its signatures and sheets are as they were.", strings.Join(res.Changed, ", "))}
	}
	if res.KeptLayout {
		lines = append(lines, T("The rows per sheet were kept, as sheets are already printed."))
	}
	if res.KeyPinned && !res.Created {
		lines = append(lines, T("The new key is now trusted for this campaign."))
	}
	return strings.Join(lines, "\n")
}

// campaignProblem says why a file was refused; for a file signed by
// another key it offers to trust the new key (audited) and open it again.
func (s *petitionsScreen) campaignProblem(err error, b []byte) {
	st := s.st
	var ke *store.CampaignKeyError
	switch {
	case errors.As(err, &ke):
		s.lastCampaign = T("This campaign file is signed by another key (%s) than the first file of %s (%s), so it was not opened.", ke.Got, ke.Petition, ke.Pinned)
		s.repin = dialog.NewConfirm(T("Campaign file refused"), s.lastCampaign+"\n"+
			T("Only if the sender really changed its key (a new computer): compare the new fingerprint with it by phone, then trust the new key."),
			func(yes bool) {
				if yes {
					s.trustNewKey(ke, b)
				}
			}, st.win)
		s.repin.SetConfirmText(T("Trust the new key"))
		s.repin.SetDismissText(T("Cancel"))
		s.repin.Show()
	case errors.Is(err, petition.ErrBadSignature):
		s.lastCampaign = T("This campaign file was changed after it was signed, or forged: it was not opened. Ask the sender for the file again.")
		dialog.ShowInformation(T("Campaign file refused"), s.lastCampaign, st.win)
	case errors.Is(err, store.ErrOwnCampaign):
		s.lastCampaign = T("This campaign file was sent from this database: its petition is here already.")
		dialog.ShowInformation(T("Please check"), s.lastCampaign, st.win)
	default:
		var fe *petition.FileError
		if !errors.As(err, &fe) {
			st.fail(err)
			return
		}
		s.lastCampaign = T("This petition file cannot be used: %s", err.Error())
		dialog.ShowInformation(T("Please check"), s.lastCampaign, st.win)
	}
}

// trustNewKey forgets the campaign's key and opens the file again.
func (s *petitionsScreen) trustNewKey(ke *store.CampaignKeyError, b []byte) {
	st := s.st
	st.background(func() {
		err := st.store.ForgetCampaignKey(ke.PetitionID)
		fyne.Do(func() {
			if err != nil {
				st.fail(err)
				return
			}
			s.importCampaign(b)
		})
	})
}

// onSaveFile writes the chosen petition as a signed campaign file (as
// the coordinator's "Send campaign to groups…"): no signature and no
// signer is in it, so no question about personal data is asked.
func (s *petitionsScreen) onSaveFile() {
	st, cur := s.st, s.st.petition()
	if cur == nil {
		return
	}
	p := *cur
	name := personalFileName(st, p.Reference+" petition", false, "json")
	st.dialogs.chooseExportPath(st.win, name, func(path string) {
		st.background(func() {
			_, err := desk.ExportCampaign(context.Background(), st.store, path, &p)
			fyne.Do(func() { st.fail(err) })
		})
	})
}
