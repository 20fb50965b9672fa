package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

func TestFirstStartOffersTheExample(t *testing.T) {
	st, _ := newTestState(t, false)
	m := openMain(st)
	s, ok := m.st.shown.(*petitionsScreen)
	if !ok {
		t.Fatalf("the first screen is %T, want the petitions", m.st.shown)
	}
	if !strings.Contains(strings.Join(windowTexts(st.win), " "), "There is no petition yet") {
		t.Fatal("an empty database should greet with the example offer")
	}
	test.Tap(s.exampleBtn)
	list, _ := st.store.Petitions()
	if len(list) != 1 || st.petition() == nil || st.petition().ID != list[0].ID {
		t.Fatalf("example not created and chosen: %d petitions", len(list))
	}
	if got := st.app.Preferences().String(prefLastPetition); got != list[0].ID {
		t.Errorf("last petition preference %q", got)
	}
}

func TestEditorValidatesLive(t *testing.T) {
	st, _ := newTestState(t, false)
	e := newEditor(st, petition.New(), func() {})
	show(st, e.content)
	tests := []struct {
		f    *field
		text string
		want string
	}{
		{e.title, "ab", "The title is too short (at least 3 characters)."},
		{e.deadline, "31/12/2025", "Please enter the date like 20 Jan 2027."},
		{e.rows, "100", "Rows per sheet must be between 5 and 60."},
		{e.goal, "many", "The goal must be a whole number."},
		{e.demands, "Free her.\nno", "Line 2: A demand is too short (at least 3 characters)."},
		{e.targets[0].email, "minister@", "This does not look like an email address (name@example.org)."},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			tc.f.entry.SetText("")
			test.Type(tc.f.entry, tc.text)
			if tc.f.msg.Text != tc.want {
				t.Errorf("message %q, want %q", tc.f.msg.Text, tc.want)
			}
		})
	}
	test.Tap(e.save)
	if list, _ := st.store.Petitions(); len(list) != 0 {
		t.Fatal("an invalid petition was stored")
	}
	if !strings.Contains(dialogText(st.win), "Please") {
		t.Errorf("no plain dialog for the problems: %q", dialogText(st.win))
	}
}

func TestEditorSavesEveryField(t *testing.T) {
	st, _ := newTestState(t, false)
	var done bool
	e := newEditor(st, petition.New(), func() { done = true })
	show(st, e.content)
	if e.recipientSees.Selected != "Town and country" {
		t.Errorf("a new petition shows the recipient %q, want town and country", e.recipientSees.Selected)
	}
	e.recipientSees.SetSelected("Postcode and town")
	set := func(f *field, s string) { f.entry.SetText(""); test.Type(f.entry, s) }
	set(e.reference, "UA 1/25")
	set(e.title, "Letters for a prisoner")
	set(e.org, "Group Thun")
	set(e.deadline, "20.01.2026")
	set(e.goal, "300")
	set(e.returnDays, "10")
	set(e.signer, "Lea Keller")
	set(e.role, "Coordinator")
	set(e.letter, "We ask you to release him now and without conditions.")
	set(e.demands, "Release him.\nLet him see his family.")
	e.status.SetSelected("collecting")
	e.languages.SetSelected([]string{"de", "fr"})
	set(e.targets[0].name, "Minister of Justice")
	set(e.targets[0].address, "Ministry of Justice\nMain Street 1\n220030 Minsk")
	e.addTarget(petition.Target{})
	set(e.targets[1].name, "Prosecutor General")
	test.Tap(e.save)
	list, _ := st.store.Petitions()
	if len(list) != 1 || !done {
		t.Fatalf("not saved (%d petitions); dialog: %q", len(list), dialogText(st.win))
	}
	p := list[0]
	if p.Deadline != (petition.Date{Year: 2026, Month: 1, Day: 20}) || len(p.Targets) != 2 || len(p.Demands) != 2 ||
		p.Status != petition.StatusCollecting || len(p.Targets[0].Address) != 3 || p.Goal != 300 || strings.Join(p.Languages, ",") != "de,fr" ||
		p.RecipientSees != petition.AddressPostcodeTown || p.ReturnMarginDays != 10 || p.SenderName != "Lea Keller" || p.SenderRole != "Coordinator" {
		t.Errorf("stored %+v", p)
	}
}

func TestArchive(t *testing.T) {
	st, _ := newTestState(t, true)
	s := newPetitionsScreen(st)
	show(st, s.content)
	test.Tap(s.archiveBtn)
	p, _ := st.store.PetitionByID(st.petition().ID)
	if !p.Archived {
		t.Fatal("not archived")
	}
	s = newPetitionsScreen(st)
	if len(s.rows) != 0 {
		t.Error("archived petitions are hidden unless asked for")
	}
	test.Tap(s.showArchived)
	if len(s.rows) != 1 {
		t.Error("Show archived should list it")
	}
}

func TestNavigationAndPreferences(t *testing.T) {
	st, _ := newTestState(t, true)
	m := openMain(st)
	for _, key := range []string{"sheets", "signing", "settings", "petitions"} {
		m.showKey(key)
		if screens[m.active].key != key {
			t.Errorf("showing %q, want %q", screens[m.active].key, key)
		}
	}
	if m.picker.Selected == "" || !strings.HasPrefix(m.picker.Selected, "UA 147/20") {
		t.Errorf("picker shows %q", m.picker.Selected)
	}
	st.win.Resize(fyne.NewSize(900, 650))
	if got := savedSize(st.app.Preferences()); got != defaultSize {
		t.Errorf("no size saved yet, got %v", got)
	}
}

func TestLanguageSwitch(t *testing.T) {
	st, _ := newTestState(t, true)
	t.Cleanup(func() { setLanguage("en") })
	m := openMain(st)
	st.rebuild = func() { m = openMain(st) }
	m.showKey("settings")
	s := m.st.shown.(*settingsScreen)
	s.language.SetSelected("Deutsch")
	if st.app.Preferences().String(prefLanguage) != "de" || T("Sheets") != "Bögen" {
		t.Fatalf("language not switched: %q", T("Sheets"))
	}
	if !strings.Contains(strings.Join(windowTexts(st.win), " "), "Bögen") {
		t.Error("the window was not rebuilt in German")
	}
	if got := fmtDate(petition.Date{Year: 2025, Month: 1, Day: 20}); got != "20.01.2025" {
		t.Errorf("German date %q", got)
	}
}
