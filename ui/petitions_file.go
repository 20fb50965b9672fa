package ui

import (
	"io"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/petitiondesk/petitiondesk/petition"
)

// fileButtons makes "Open petition file…" and "Save petition file…": the
// window's side of `petitiondesk petition import` and `petition export`
// (docs/PETITION-FORMAT.md), through the same petition.ReadFile and
// petition.WriteFile.
func (s *petitionsScreen) fileButtons() {
	s.openFileBtn = widget.NewButtonWithIcon(T("Open petition file…"), theme.FolderOpenIcon(), s.onOpenFile)
	s.saveFileBtn = widget.NewButtonWithIcon(T("Save petition file…"), theme.DocumentSaveIcon(), s.onSaveFile)
}

// onOpenFile reads a petition file and creates the petition it holds, as
// a draft, then selects it. A bad file gets a message naming the field.
func (s *petitionsScreen) onOpenFile() {
	st := s.st
	st.dialogs.chooseOpenFile(st.win, func(r io.ReadCloser) {
		p, err := petition.ReadFile(r)
		r.Close()
		if err != nil {
			dialog.ShowInformation(T("Please check"), T("This petition file cannot be used: %s", err.Error()), st.win)
			return
		}
		inBackground(st, func() (*petition.Petition, error) { return p, st.store.CreatePetition(p) }, func(p *petition.Petition) {
			st.setPetition(p)
			s.load()
		})
	})
}

// onSaveFile writes the chosen petition to a petition file: no signature
// and no signer is in it, so no question about personal data is asked.
func (s *petitionsScreen) onSaveFile() {
	st, cur := s.st, s.st.petition()
	if cur == nil {
		return
	}
	p := *cur
	name := personalFileName(st, p.Reference+" petition", false, "json")
	st.dialogs.chooseSaveFile(st.win, name, func(w io.WriteCloser) {
		err := petition.WriteFile(w, &p)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		st.fail(err)
	})
}
