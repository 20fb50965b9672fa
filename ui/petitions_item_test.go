package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/petitiondesk/petitiondesk/petition"
)

// listItem returns the shown item of the petitions list's first row.
func listItem(t *testing.T, s *petitionsScreen) *petitionItem {
	t.Helper()
	if len(s.rows) == 0 {
		t.Fatal("the list is empty")
	}
	it := newPetitionItem().(*petitionItem)
	s.updateItem(0, it)
	return it
}

// The title has the row's whole width; the post-by date is shown; the
// bar at 0 % draws no filled part.
func TestPetitionsListShowsTitlePostByAndAnEmptyBar(t *testing.T) {
	st, _ := newTestState(t, false)
	p := petition.Example(testNow)
	p.Title = "Release Ana Petrova, detained for a peaceful protest"
	if err := st.store.CreatePetition(p); err != nil {
		t.Fatal(err)
	}
	st.current = p
	s := newPetitionsScreen(st)
	show(st, s.content)
	it := listItem(t, s)
	test.NewTempWindow(t, it).Resize(fyne.NewSize(900, 80))
	if it.title.Text != p.Title {
		t.Errorf("title %q", it.title.Text)
	}
	if need := fyne.MeasureText(p.Title, 14, fyne.TextStyle{}).Width; it.title.Size().Width < need {
		t.Errorf("the title gets %.0f px of a 900 px row, needs %.0f: it is cut off", it.title.Size().Width, need)
	}
	if want := "post by " + fmtDate(p.PostBy()); it.postBy.Text != want {
		t.Errorf("post-by %q, want %q", it.postBy.Text, want)
	}
	r := test.WidgetRenderer(it.bar).(*goalBarRenderer)
	if it.bar.ratio != 0 || r.fill.Visible() && r.fill.Size().Width > 0 {
		t.Errorf("a 0 %% bar draws a filled part %v", r.fill.Size())
	}
	it.bar.set(250, 500)
	if w := r.fill.Size().Width; w < it.bar.Size().Width*0.45 || w > it.bar.Size().Width*0.55 || !r.fill.Visible() {
		t.Errorf("a 50 %% bar fills %.0f of %.0f px", w, it.bar.Size().Width)
	}
}

// Once the post-by date passed the badge says so, and after the deadline
// it says that; never the bare "overdue".
func TestPetitionsListSaysWhichDatePassed(t *testing.T) {
	st, _ := newTestState(t, true)
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{testNow, "on track"},
		{testNow.AddDate(0, 0, 52), "post by date passed"},
		{testNow.AddDate(0, 0, 60), "deadline passed"},
	} {
		st.now = func() time.Time { return tc.at }
		s := newPetitionsScreen(st)
		it := listItem(t, s)
		if it.state.Text != tc.want {
			t.Errorf("%s: badge %q, want %q", tc.at.Format("2006-01-02"), it.state.Text, tc.want)
		}
	}
}

// The example petition is offered on an empty database and in Settings,
// not in the list's toolbar once petitions exist.
func TestExampleOnlyOnAnEmptyDatabaseAndInSettings(t *testing.T) {
	st, _ := newTestState(t, true)
	s := newPetitionsScreen(st)
	show(st, s.content)
	if strings.Contains(strings.Join(windowTexts(st.win), "|"), "Create the example petition") {
		t.Error("the petitions toolbar offers the example although petitions exist")
	}
	set := newSettingsScreen(st)
	show(st, set.content)
	before, _ := st.store.Petitions()
	test.Tap(set.example)
	after, _ := st.store.Petitions()
	if len(after) != len(before)+1 {
		t.Errorf("Settings' example button made %d petitions, want one more than %d", len(after), len(before))
	}
}
