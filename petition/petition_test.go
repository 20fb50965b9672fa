package petition

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
)

func validSignature() Signature {
	return Signature{Name: "Zoë Müller-Lüdenscheidt", Address: Address{"Bahnhofstrasse 1", "8001", "Zürich", "Switzerland"}}
}

func TestSignatureValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Signature)
		field string // "" = valid
	}{
		{"valid latin accents", func(s *Signature) {}, ""},
		{"cyrillic", func(s *Signature) { s.Name = "Марыя Калеснікава"; s.Address.City = "Мінск" }, ""},
		{"arabic", func(s *Signature) { s.Name = "ليلى عبد الله" }, ""},
		{"formula-looking name is still a name", func(s *Signature) { s.Name = "=HYPERLINK(x)" }, ""},
		{"empty name", func(s *Signature) { s.Name = "  " }, "name"},
		{"one letter name", func(s *Signature) { s.Name = "Z" }, "name"},
		{"long name", func(s *Signature) { s.Name = strings.Repeat("a", 101) }, "name"},
		{"100 runes of cyrillic fit", func(s *Signature) { s.Name = strings.Repeat("ж", 100) }, ""},
		{"control char", func(s *Signature) { s.Name = "Anna\x00Smith" }, "name"},
		{"newline in name", func(s *Signature) { s.Name = "Anna\nSmith" }, "name"},
		{"bidi override", func(s *Signature) { s.Name = "Anna\u202eSmith" }, "name"},
		{"invalid utf8", func(s *Signature) { s.Address.Street = "Main \xff" }, "street"},
		{"postcode with symbols", func(s *Signature) { s.Address.Postcode = "80<01" }, "postcode"},
		{"uk postcode", func(s *Signature) { s.Address.Postcode = "SW1A 1AA" }, ""},
		{"empty city", func(s *Signature) { s.Address.City = "" }, "city"},
		{"bad email", func(s *Signature) { s.Email = "nobody"; s.Consent = true }, "email"},
		{"email without consent", func(s *Signature) { s.Email = "a@example.org" }, "email"},
		{"email with consent", func(s *Signature) { s.Email = "a@example.org"; s.Consent = true }, ""},
		{"too many strokes", func(s *Signature) { s.Strokes = make([]Stroke, MaxStrokes+1) }, "signature"},
		{"unknown strike", func(s *Signature) { s.Struck = "bored" }, "struck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSignature()
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var ve ValidationError
			if !errors.As(err, &ve) || ve.For(tt.field) == nil {
				t.Fatalf("want a problem with %q, got %v", tt.field, err)
			}
			if msg := ve.For(tt.field).Message; !strings.HasSuffix(msg, ".") || len(msg) < 10 {
				t.Errorf("message %q is not a plain sentence", msg)
			}
		})
	}
}

func TestValidatorsAsEntryValidators(t *testing.T) {
	tests := []struct {
		f    func(string) error
		in   string
		want bool
	}{
		{ValidateName, "Jean-Luc Picard", true},
		{ValidateName, "", false},
		{ValidateDeadline, "20.01.2025", true},
		{ValidateDeadline, "2025-01-20", true},
		{ValidateDeadline, "tomorrow", false},
		{ValidateIntRange("goal", "The goal", 0, 10), "7", true},
		{ValidateIntRange("goal", "The goal", 0, 10), "11", false},
		{ValidateIntRange("goal", "The goal", 0, 10), "7x", false},
		{ValidateEmail, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tt.f(tt.in) == nil; got != tt.want {
				t.Errorf("valid = %v, want %v (%v)", got, tt.want, tt.f(tt.in))
			}
		})
	}
}

func TestPetitionValidate(t *testing.T) {
	now := time.Date(2024, 11, 1, 12, 0, 0, 0, time.UTC)
	if err := Example(now).Validate(); err != nil {
		t.Fatalf("example petition invalid: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Petition)
		field string
	}{
		{"no targets", func(p *Petition) { p.Targets = nil }, "targets"},
		{"no deadline", func(p *Petition) { p.Deadline = Date{} }, "deadline"},
		{"no languages", func(p *Petition) { p.Languages = nil }, "languages"},
		{"unknown language", func(p *Petition) { p.Languages = []string{"xx"} }, "languages"},
		{"rows per sheet", func(p *Petition) { p.RowsPerSheet = 2 }, "rows_per_sheet"},
		{"first page rows", func(p *Petition) { p.RowsPerSheet, p.RowsFirstPage = 10, 10 }, "rows_first_page"},
		{"target email", func(p *Petition) { p.Targets[0].Email = "x@" }, "email"},
		{"status", func(p *Petition) { p.Status = "lost" }, "status"},
		{"empty title", func(p *Petition) { p.Title = "" }, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Example(now)
			tt.edit(p)
			var ve ValidationError
			if err := p.Validate(); !errors.As(err, &ve) || ve.For(tt.field) == nil {
				t.Fatalf("want a problem with %q, got %v", tt.field, err)
			}
		})
	}
}

func TestDeadline(t *testing.T) {
	zurich, _ := time.LoadLocation("Europe/Zurich")
	p := New()
	p.Deadline = Date{2025, time.January, 20}
	p.PostLeadDays = 5 // post by 2025-01-15
	at := func(s string, loc *time.Location) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name     string
		now      time.Time
		status   Status
		state    DeadlineState
		daysLeft int
	}{
		{"weeks ahead", at("2024-12-01 10:00", time.UTC), StatusCollecting, OnTrack, 50},
		{"day before due-soon window", at("2025-01-07 23:59", time.UTC), StatusCollecting, OnTrack, 13},
		{"first due-soon day at midnight", at("2025-01-08 00:00", time.UTC), StatusCollecting, DueSoon, 12},
		{"post-by day itself", at("2025-01-15 23:59", time.UTC), StatusCollecting, DueSoon, 5},
		{"day after post-by", at("2025-01-16 00:00", time.UTC), StatusCollecting, Overdue, 4},
		{"deadline day", at("2025-01-20 09:00", time.UTC), StatusCollecting, Overdue, 0},
		{"after deadline", at("2025-01-21 00:00", time.UTC), StatusCollecting, Overdue, -1},
		{"delivered wins", at("2025-01-25 00:00", time.UTC), StatusDelivered, Delivered, -5},
		{"local midnight in Zurich is already the next day", at("2025-01-16 00:30", zurich), StatusCollecting, Overdue, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.Status = tt.status
			info := p.DeadlineAt(tt.now)
			if info.State != tt.state || info.DaysLeft != tt.daysLeft {
				t.Errorf("got %s, %d days left; want %s, %d", info.State, info.DaysLeft, tt.state, tt.daysLeft)
			}
			if info.PostBy != (Date{2025, time.January, 15}) {
				t.Errorf("post-by %s", info.PostBy)
			}
		})
	}
}

func TestSheetWarning(t *testing.T) {
	p := New()
	p.Deadline = Date{2025, time.January, 20}
	soon := p.DeadlineAt(time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))
	early := p.DeadlineAt(time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC))
	partly := &Sheet{Status: SheetCollecting, Filled: 4}
	if SheetWarning(partly, soon) == "" {
		t.Error("part-filled sheet near post-by date: want a warning")
	}
	if SheetWarning(partly, early) != "" {
		t.Error("no warning weeks ahead")
	}
	if SheetWarning(&Sheet{Status: SheetPosted, Filled: 30}, soon) != "" {
		t.Error("posted sheets need no warning")
	}
	if SheetWarning(&Sheet{Status: SheetCollecting}, soon) != "" {
		t.Error("an empty sheet has nothing to miss")
	}
}

func TestDuplicateKey(t *testing.T) {
	same := [][2]string{
		{"Müller", "MULLER"}, {"Müller", "Muller"}, {"  anna   MÜLLER ", "Anna Muller"},
		{"Калеснікава", "КАЛЕСНІКАВА"}, {"Straße", "STRASSE"}, {"Zoë Lüdenscheidt", "zoe ludenscheidt"},
		{"Ærø", "aero"},
	}
	for _, pair := range same {
		t.Run(pair[0]+"="+pair[1], func(t *testing.T) {
			if a, b := DuplicateKey(pair[0], "80 01"), DuplicateKey(pair[1], "8001"); a != b {
				t.Errorf("%q != %q", a, b)
			}
		})
	}
	if DuplicateKey("Anna Muller", "8001") == DuplicateKey("Anna Muller", "3001") {
		t.Error("different postcodes are different people")
	}
	if DuplicateKey("Anna Muller", "8001") == DuplicateKey("Hanna Muller", "8001") {
		t.Error("different names are different people")
	}
}

func TestSheetFilling(t *testing.T) {
	s := &Sheet{Status: SheetCollecting}
	for i := 1; i <= 3; i++ {
		row, ok := s.NextRow(3)
		if !ok || row != i {
			t.Fatalf("row %d: got %d %v", i, row, ok)
		}
		s.Fill(3)
	}
	if s.Status != SheetFull {
		t.Fatalf("status %s, want full", s.Status)
	}
	if _, ok := s.NextRow(3); ok {
		t.Fatal("a full sheet has no next row")
	}
}

func TestHasInk(t *testing.T) {
	dot := []Stroke{{{100, 100, 0}, {101, 100, 5}}}
	line := []Stroke{{{100, 100, 0}, {200, 120, 50}, {300, 90, 90}}}
	if HasInk(nil) || HasInk(dot) || !HasInk(line) {
		t.Error("HasInk: empty and dot must be refused, a line accepted")
	}
}

func TestDateText(t *testing.T) {
	d, err := ParseDate("20.01.2025")
	if err != nil || d.String() != "2025-01-20" || d.Dotted() != "20.01.2025" {
		t.Fatalf("%v %v", d, err)
	}
	var back Date
	if err := back.UnmarshalText([]byte(d.String())); err != nil || back != d {
		t.Fatal(back, err)
	}
}

func TestStrokeJSON(t *testing.T) {
	in := []Stroke{{{1.25, 2.5, 0}, {300.125, 299.9, 17}, {999, 0, 4000}}, {{5, 5, 4100}}, {}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out []Stroke
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) || len(out[0]) != 3 || out[0][1] != in[0][1] || out[1][0] != in[1][0] || len(out[2]) != 0 {
		t.Fatalf("round trip: %v", out)
	}
	var readable []Stroke
	if err := json.Unmarshal([]byte(`[[[10,20,0],[30,40,15]]]`), &readable); err != nil || readable[0][1] != (Point{30, 40, 15}) {
		t.Fatalf("readable form: %v %v", readable, err)
	}
	var bad []Stroke
	if err := json.Unmarshal([]byte(`["AAAA"]`), &bad); err == nil {
		t.Fatal("a truncated stroke was accepted")
	}
}

func TestFoldASCIIMatchesUnicodePath(t *testing.T) {
	for _, in := range []string{"  Anna   MULLER ", "O'Brien, Jr.", "a\tb", "Jean-Luc", "=SUM(A1)", "x__y", "", "  "} {
		t.Run(in, func(t *testing.T) {
			slow := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
				if unicode.IsPunct(r) && r != '-' {
					return ' '
				}
				return r
			}, strings.ToLower(in))), " ")
			if got := Fold(in); got != slow {
				t.Errorf("Fold(%q) = %q, want %q", in, got, slow)
			}
		})
	}
}
