package store

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/petitiondesk/petitiondesk/petition"
)

// clock is an injected clock tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func memDemo(t *testing.T, c *clock) (*Store, *petition.Petition) {
	t.Helper()
	s, err := openChecked(t, Options{InMemory: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateDemo(c.Now())
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

func TestFindPerson(t *testing.T) {
	c := &clock{t: time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)}
	s, p := memDemo(t, c)
	latin := &petition.Signature{Name: "Maryia Kalesnikava", Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
	if err := s.AddSignature(p.ID, latin); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string // names found, in order
	}{
		{"kalesnikava", []string{"Марыя Калеснікава", "Maryia Kalesnikava"}},
		{"КАЛЕСНІКАВА", []string{"Марыя Калеснікава", "Maryia Kalesnikava"}},
		{"калеснікава марыя", []string{"Марыя Калеснікава", "Maryia Kalesnikava"}},
		{"Maryia", []string{"Марыя Калеснікава", "Maryia Kalesnikava"}},
		{"Ivanou", []string{"Олег Іваноў"}},
		{"MULLER zoe", []string{"Zoë Müller-Lüdenscheidt"}},
		{"müller-lüdenscheidt", []string{"Zoë Müller-Lüdenscheidt"}},
		{"  anna   SCHMID ", []string{"Anna Schmid", "ANNA SCHMID"}},
		{"wisniewska", []string{"Łucja Wiśniewska"}},
		{"kierkegaard", []string{"Søren Kierkegaard-Ølsen"}},
		{"nobody here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := ParseNameQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.FindPersonList(q, 0)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range got {
				names = append(names, m.Name)
				if m.Reference != p.Reference || m.SignatureID == "" {
					t.Fatalf("match %+v", m)
				}
			}
			if strings.Join(names, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", names, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "  ", "x", "-"} {
		if _, err := ParseNameQuery(bad); err == nil {
			t.Errorf("query %q should be refused", bad)
		}
	}
	q, _ := ParseNameQuery("schmid")
	if got, _ := s.FindPersonList(q, 1); len(got) != 1 {
		t.Fatalf("limit: %d", len(got))
	}
}

func TestEraseSignatureKeepsCountsRight(t *testing.T) {
	c := &clock{t: time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)}
	s, p := memDemo(t, c)
	q, _ := ParseNameQuery("anna schmid")
	found, _ := s.FindPersonList(q, 0)
	if len(found) != 2 {
		t.Fatalf("found %d", len(found))
	}
	before, _ := s.Totals(p.ID)
	for _, m := range found { // the second is flagged as a duplicate of the first
		if _, err := s.EraseSignature(m.SignatureID); err != nil {
			t.Fatal(err)
		}
	}
	after, _ := s.Totals(p.ID)
	if after.Digital != before.Digital-2 || after.Struck != before.Struck+2 || after.Duplicates != before.Duplicates-1 {
		t.Fatalf("before %+v after %+v", before, after)
	}
	if got, _ := s.FindPersonList(q, 0); len(got) != 0 {
		t.Fatalf("erased rows still found: %+v", got)
	}
	sh, _ := s.SheetByNumber(p.ID, found[0].Sheet)
	rows, _ := s.SignaturesBySheet(p.ID, found[0].Sheet)
	struck := 0
	for _, r := range rows {
		if r.IsStruck() {
			struck++
		}
	}
	if sh.Struck != struck {
		t.Fatalf("sheet says %d struck, rows say %d", sh.Struck, struck)
	}
	got, _ := s.SignatureByID(found[1].SignatureID)
	for _, f := range personalFields(got) {
		if f != "" {
			t.Fatalf("left after erasure: %q", f)
		}
	}
	if got.Signed.Hour() != 12 || got.Location == "" || got.Consent {
		t.Fatalf("erased row %+v", got)
	}
	// The same person signing again is not flagged against the erased rows.
	again := &petition.Signature{Name: "Anna Schmid", Address: petition.Address{Street: "Marktgasse 3", Postcode: "3011", City: "Bern", Country: "Switzerland"}}
	if err := s.AddSignature(p.ID, again); err != nil || again.DuplicateOf != "" {
		t.Fatalf("signing again: %v, duplicate of %q", err, again.DuplicateOf)
	}
	entries, _ := s.AuditEntries(AuditFilter{Action: ActionErase}, 0)
	if len(entries) != 2 || entries[0].PetitionID != p.ID || entries[0].Count != 1 {
		t.Fatalf("audit %+v", entries)
	}
	if err := s.UnstrikeSignature(found[0].SignatureID); !errors.Is(err, ErrWithdrawn) {
		t.Fatalf("unstriking an erased, withdrawn row: %v", err)
	}
	if strikes, _ := s.AuditEntries(AuditFilter{Action: ActionStrike}, 0); len(strikes) != 1 || strikes[0].Details["reason"] != "withdrawn" {
		t.Fatalf("the demo's strike is not in the audit log: %+v", strikes)
	}
	if _, err := s.EraseSignature("no-such-id"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown id: %v", err)
	}
}

// The retention timer with an injected clock: nothing happens before the
// due day, everything personal goes on it, and the counts stay.
func TestRetentionTimer(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 10, 0, 0, 0, time.Local) }
	c := &clock{t: day(1)}
	s, p := memDemo(t, c)
	totals, _ := s.Totals(p.ID)
	p.Status, p.DeliveredOn, p.RetentionDays = petition.StatusDelivered, petition.DateOf(day(2)), 10
	if err := s.UpdatePetition(p); err != nil {
		t.Fatal(err)
	}
	reports := make(chan []ErasureReport, 4)
	ticks := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.retentionLoop(ctx, ticks, func(r []ErasureReport, err error) {
			if err != nil {
				t.Error(err)
			}
			reports <- r
		})
		close(done)
	}()
	for _, d := range []int{3, 11} { // delivered on the 2nd, due on the 12th
		c.Set(day(d))
		ticks <- day(d)
	}
	info, _ := s.Retention()
	if len(info) != 1 || info[0].Due || info[0].DaysLeft != 1 || info[0].DueOn != petition.DateOf(day(12)) {
		t.Fatalf("retention on the 11th: %+v", info)
	}
	if len(reports) != 0 {
		t.Fatalf("erased too early: %+v", <-reports)
	}
	c.Set(day(12))
	ticks <- day(12)
	got := <-reports
	if len(got) != 1 || got[0].Signatures != 36 || got[0].Action != ActionRetention {
		t.Fatalf("report %+v", got)
	}
	c.Set(day(13))
	ticks <- day(13) // nothing left: no second report
	cancel()
	<-done
	if len(reports) != 0 {
		t.Fatalf("a second erasure: %+v", <-reports)
	}
	if after, _ := s.Totals(p.ID); after != totals {
		t.Fatalf("totals changed %+v -> %+v", totals, after)
	}
	err := s.ForEachSignature(p.ID, func(sig *petition.Signature) error {
		if !sig.ErasedPerson || sig.Name != "" || sig.Strokes != nil {
			t.Fatalf("row not erased: %+v", sig)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sheets, _ := s.Sheets(p.ID); len(sheets) != 4 || sheets[2].Filled != 27 {
		t.Fatalf("sheet records: %+v", sheets)
	}
	info, _ = s.Retention()
	if info[0].ErasedBy != ActionRetention || info[0].ErasedAt.IsZero() {
		t.Fatalf("retention info %+v", info[0])
	}
	entries, _ := s.AuditEntries(AuditFilter{PetitionID: p.ID, Action: ActionRetention}, 0)
	if len(entries) != 1 || entries[0].Count != 36 {
		t.Fatalf("audit %+v", entries)
	}
}

func TestRetentionOf(t *testing.T) {
	p := petition.New()
	p.RetentionDays = 30
	today := petition.Date{Year: 2025, Month: 5, Day: 1}
	tests := []struct {
		name      string
		status    petition.Status
		delivered petition.Date
		updated   time.Time
		due       bool
		dueOn     petition.Date
	}{
		{"collecting", petition.StatusCollecting, petition.Date{}, time.Time{}, false, petition.Date{}},
		{"closed", petition.StatusClosed, petition.Date{Year: 2025, Month: 1, Day: 1}, time.Time{}, false, petition.Date{}},
		{"delivered 30 days ago", petition.StatusDelivered, petition.Date{Year: 2025, Month: 4, Day: 1}, time.Time{}, true, petition.Date{Year: 2025, Month: 5, Day: 1}},
		{"delivered 29 days ago", petition.StatusDelivered, petition.Date{Year: 2025, Month: 4, Day: 2}, time.Time{}, false, petition.Date{Year: 2025, Month: 5, Day: 2}},
		{"no delivery date: counts from the last change", petition.StatusDelivered, petition.Date{}, time.Date(2025, 4, 10, 12, 0, 0, 0, time.Local), false, petition.Date{Year: 2025, Month: 5, Day: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.Status, p.DeliveredOn, p.Updated = tt.status, tt.delivered, tt.updated
			r := RetentionOf(p, today)
			if r.Due != tt.due || r.DueOn != tt.dueOn {
				t.Fatalf("%+v", r)
			}
		})
	}
}

func TestAuditRefusesPersonalLookingDetails(t *testing.T) {
	c := &clock{t: time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)}
	s, _ := memDemo(t, c)
	tests := []struct {
		action  string
		details map[string]any
		ok      bool
	}{
		{ActionExport, map[string]any{"kind": "xlsx", "personal_data": true, "count": 3, "petition": "x"}, true},
		{"Export Now", nil, false},
		{ActionExport, map[string]any{"Name": "x"}, false},
		{ActionExport, map[string]any{"note": "a very long text that could easily hold somebody's name and their full address too"}, false},
		{ActionExport, map[string]any{"names": []string{"Zoë"}}, false},
	}
	for _, tt := range tests {
		if err := s.Audit(tt.action, tt.details); (err == nil) != tt.ok {
			t.Errorf("%s %v: %v", tt.action, tt.details, err)
		}
	}
	c.Set(c.Now().Add(time.Hour))
	s.Audit(ActionImport, map[string]any{"count": 5})
	all, _ := s.AuditEntries(AuditFilter{}, 0)
	if len(all) != 3 || all[0].Action != ActionImport || all[1].Count != 3 || all[1].Details["kind"] != "xlsx" || all[2].Action != ActionStrike {
		t.Fatalf("newest first: %+v", all)
	}
	var oldest []string
	s.ForEachAudit(AuditFilter{Until: c.Now()}, func(e AuditEntry) error { oldest = append(oldest, e.Action); return nil })
	if len(oldest) != 2 || oldest[1] != ActionExport {
		t.Fatalf("until: %v", oldest)
	}
}

func TestRawName(t *testing.T) {
	tests := []struct {
		row  string
		name string
		ok   bool
	}{
		{`{"id":"x","sheet":1,"row":2,"name":"Zoë Müller","address":{}}`, "Zoë Müller", true},
		{`{"id":"x","name":"Anna \"Nana\" \\ O\u00e9","address":{}}`, `Anna "Nana" \ Oé`, true},
		{`{"id":"x","name":"","erased":true}`, "", true},
		{`{"id":"x","name":"cut off`, "", false},
		{`{"id":"x"}`, "", false},
	}
	for _, tt := range tests {
		if name, ok := rawName([]byte(tt.row)); name != tt.name || ok != tt.ok {
			t.Errorf("%s: %q %v", tt.row, name, ok)
		}
	}
}

func TestOldPetitionsKeepTheDefaultRetention(t *testing.T) {
	var old, zero petition.Petition
	if err := json.Unmarshal([]byte(`{"id":"x","reference":"UA 1/20"}`), &old); err != nil || old.RetentionDays != 30 {
		t.Fatalf("a petition stored before retention existed: %d %v", old.RetentionDays, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"x","retention_days":0}`), &zero); err != nil || zero.RetentionDays != 0 {
		t.Fatalf("0 days chosen: %d %v", zero.RetentionDays, err)
	}
}

func TestSuggestedFileName(t *testing.T) {
	day := time.Date(2025, 1, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		what     string
		personal bool
		want     string
	}{
		{"UA 147/20 signatures", true, "UA 147-20 signatures personal data 2025-01-10.xlsx"},
		{"Summary", false, "Summary 2025-01-10.xlsx"},
		{`a:b*c?"d"<e>|f\g`, false, "a-b-c--d--e--f-g 2025-01-10.xlsx"},
	}
	for _, tt := range tests {
		if got := SuggestedFileName(tt.what, tt.personal, day, ".xlsx"); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.what, got, tt.want)
		}
	}
}

func TestAuditExportImport(t *testing.T) {
	c := &clock{t: time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)}
	s, p := memDemo(t, c)
	s.AuditExport("xlsx", true, 35, p.ID)
	s.AuditExport("bundle", false, 0, p.ID, "other")
	s.AuditImport("bundle", true, 12)
	got, _ := s.AuditEntries(AuditFilter{}, 3)
	if len(got) != 3 || got[0].Action != ActionImport || got[1].Details["petitions"] != float64(2) || got[2].PetitionID != p.ID || got[2].Details["personal_data"] != true || got[2].Count != 35 {
		t.Fatalf("%+v", got)
	}
	var b strings.Builder
	if err := WriteAuditCSV(&b, got, map[string]string{p.ID: p.Reference}); err != nil || strings.Count(b.String(), "\n") != 4 || !strings.Contains(b.String(), "UA 147/20") {
		t.Fatalf("%v %q", err, b.String())
	}
}
