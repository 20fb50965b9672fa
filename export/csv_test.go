package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+41 79", "'+41 79"},
		{"-2+3", "'-2+3"},
		{"@cmd", "'@cmd"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"UA 147/20", "UA 147/20"},
		{"Zoë Müller-Lüdenscheidt", "Zoë Müller-Lüdenscheidt"}, // a hyphen inside is harmless
		{" =x", " =x"},
		{"'quoted", "'quoted"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := neutralise(tt.in); got != tt.want {
				t.Errorf("neutralise(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTotalsCSV(t *testing.T) {
	src := &fakeSource{}
	signed := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	src.addPetition(testPetition("p1", "UA 1/26", "Zürich, \"Genève\" and Минск", 3), signed, []string{"A B", "C D"}, 0)
	src.addPetition(testPetition("p2", "=UA 2/26", "-Second", 0), signed, []string{"E F"}, 12)
	tests := []struct {
		name string
		src  *fakeSource
		opt  CSVOptions
		want [][]string
	}{
		{"two petitions", src, CSVOptions{}, [][]string{
			{"UA 1/26", "Zürich, \"Genève\" and Минск", "2026-12-28", "2026-12-21", "38", "on track", "2", "0", "0", "2", "3", "66.7"},
			{"'=UA 2/26", "'-Second", "2026-12-28", "2026-12-21", "38", "on track", "1", "12", "0", "13", "0", ""},
		}},
		{"chosen, with BOM", src, CSVOptions{BOM: true, Petitions: []string{"p2"}}, [][]string{
			{"'=UA 2/26", "'-Second", "2026-12-28", "2026-12-21", "38", "on track", "1", "12", "0", "13", "0", ""},
		}},
		{"no petitions", &fakeSource{}, CSVOptions{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			tt.opt.Now = demoNow
			if err := WriteTotalsCSV(context.Background(), &buf, tt.src, tt.opt); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			if strings.HasPrefix(text, "\uFEFF") != tt.opt.BOM {
				t.Errorf("BOM is %v, want %v", !tt.opt.BOM, tt.opt.BOM)
			}
			lines, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\uFEFF"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(lines[0], ",") != "Reference,Title,Deadline,Post by,Days left,Deadline status,Collected in person,On paper,Struck,Valid total,Goal,% of goal" {
				t.Errorf("header %q", lines[0])
			}
			if len(lines)-1 != len(tt.want) {
				t.Fatalf("%d lines, want %d:\n%s", len(lines)-1, len(tt.want), text)
			}
			for i, w := range tt.want {
				if strings.Join(lines[i+1], "|") != strings.Join(w, "|") {
					t.Errorf("line %d = %q, want %q", i+1, lines[i+1], w)
				}
			}
		})
	}
}
