package export

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/petitiondesk/petitiondesk/petition"
	"github.com/petitiondesk/petitiondesk/store"
)

// TestWritePictures writes a demo pack and blank sheets, in English and in
// German, to $PETITIONDESK_PDF_OUT for looking at (pdftoppm) and for the
// pictures in docs/. It is skipped unless that variable is set.
func TestWritePictures(t *testing.T) {
	dir := os.Getenv("PETITIONDESK_PDF_OUT")
	if dir == "" {
		t.Skip("set PETITIONDESK_PDF_OUT to a folder to write the pictures' PDFs")
	}
	for _, lang := range []string{"en", "de"} {
		s, p := pdfDemo(t)
		if lang != "en" {
			localPetition(p, lang)
		} else {
			p.Languages = []string{"en"}
			p.Targets[0].Language = "en"
		}
		p.SenderName, p.SenderRole = "Lea Keller", "Coordinator"
		if err := s.UpdatePetition(p); err != nil {
			t.Fatal(err)
		}
		paper, err := s.CreatePaperSheets(p.ID, 1, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.PutScanPage(p.ID, paper[0].Number, store.ScanPage{Page: 1, Count: 1}, testJPEG(t), false); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPaperCount(p.ID, paper[0].Number, 12); err != nil {
			t.Fatal(err)
		}
		path, _ := writePack(t, s, p, PackOptions{ScanPages: s.ScanPages})
		b, _ := os.ReadFile(path)
		os.WriteFile(filepath.Join(dir, "pack-"+lang+".pdf"), b, 0o600)
		err = writeTestFile(filepath.Join(dir, "blank-"+lang+".pdf"), func(w io.Writer) error {
			_, err := PrintBlank(context.Background(), w, s, p, 1, PDFOptions{Now: pdfNow}, nil)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	writeScriptsPicture(t, dir)
}

// writeScriptsPicture writes a pack whose second sheet holds names in
// every script the PDFs print (docs/pdf-scripts.png), and a blank sheet
// titled in Arabic and addressed in Chinese.
func writeScriptsPicture(t *testing.T, dir string) {
	s, p := pdfDemo(t)
	p.Languages = []string{"en"}
	names := []string{"Nguyễn Thị Minh Khai", "Ελένη Παπαδοπούλου", "Марыя Калеснікава", "محمد الأحمد", "דוד כהן", "अनुष्का क्षत्रिय", "王小明", "山田 太郎", "김민준"}
	rng := rand.New(rand.NewPCG(15, 4))
	for _, sc := range nameScripts {
		names = append(names, sc.genName(rng))
	}
	for _, name := range names {
		sig := &petition.Signature{Name: name, Address: petition.Address{Street: "Rue 1", Postcode: "1000", City: "Bern", Country: "Switzerland"},
			Strokes: store.DemoStrokes(name, 1), Signed: pdfNow}
		if err := s.AddSignature(p.ID, sig); err != nil {
			t.Fatal(err)
		}
	}
	path, _ := writePack(t, s, p, PackOptions{Targets: []int{0}})
	b, _ := os.ReadFile(path)
	os.WriteFile(filepath.Join(dir, "pack-scripts.pdf"), b, 0o600)
	p.Title = "أطلقوا سراح ماريا كاليسنيكافا"
	p.Targets[0].Name = "王小明 部长"
	err := writeTestFile(filepath.Join(dir, "blank-scripts.pdf"), func(w io.Writer) error {
		_, err := PrintBlank(context.Background(), w, s, p, 1, PDFOptions{Now: pdfNow}, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// localPetition turns the demo into a petition written wholly in lang
// (de or fr): its text, its sheets, its targets' letters.
func localPetition(p *petition.Petition, lang string) {
	t := localTexts[lang]
	p.Title, p.Letter, p.Demands, p.Organisation = t.title, t.letter, t.demands, t.org
	p.Languages = []string{lang}
	p.SenderAddress = []string{t.org, "Postfach 123", "3001 Bern", t.country}
	p.PrivacyNotice = t.privacy
	for i := range p.Targets {
		p.Targets[i].Name, p.Targets[i].Title = t.targets[i], t.state
		p.Targets[i].Address = []string{t.targets[i], "Haradski Val 4", "220030 Minsk", "Belarus"}
		p.Targets[i].Salutation, p.Targets[i].Language = t.salutation, lang
	}
}

// localTexts are the petition's own words in German and French, written
// for the tests.
var localTexts = map[string]struct {
	title, letter, org, country, privacy, state, salutation string
	demands, targets                                        []string
}{
	"de": {
		title: "Freiheit für Maryia Kalesnikava",
		letter: "Sehr geehrter Herr Minister,\n\nwir, die Unterzeichnenden, schreiben Ihnen wegen Maryia Kalesnikava, " +
			"die seit 2020 in Haft ist, weil sie friedlich protestiert hat. Wir sorgen uns um ihre Gesundheit.",
		org: "Menschenrechtsgruppe Bern", country: "Schweiz", state: "Republik Belarus", salutation: "Sehr geehrter Herr Minister,",
		privacy: "Ihre Angaben dienen nur der Übergabe dieser Petition und werden 30 Tage danach gelöscht.",
		demands: []string{"Lassen Sie Maryia Kalesnikava sofort frei.", "Sorgen Sie für ärztliche Behandlung."},
		targets: []string{"Innenminister", "Aussenminister"},
	},
	"fr": {
		title: "Libérez Maryia Kalesnikava",
		letter: "Monsieur le Ministre,\n\nnous, soussignés, vous écrivons au sujet de Maryia Kalesnikava, " +
			"détenue depuis 2020 pour avoir manifesté pacifiquement. Sa santé nous inquiète.",
		org: "Groupe droits humains Berne", country: "Suisse", state: "République du Bélarus", salutation: "Monsieur le Ministre,",
		privacy: "Vos données servent uniquement à remettre cette pétition et sont effacées 30 jours après.",
		demands: []string{"Libérez Maryia Kalesnikava sans condition.", "Assurez-lui les soins dont elle a besoin."},
		targets: []string{"Ministre de l'Intérieur", "Ministre des Affaires étrangères"},
	},
}
