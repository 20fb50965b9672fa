package layout

import (
	"errors"
	"strings"
	"testing"
)

func TestPayloadRoundTrip(t *testing.T) {
	cases := []Payload{
		{ShortID("0192f0c4-aaaa-7bbb-8ccc-123456789abc"), 1, 1, A4, KindLetter, 1, 3},
		{ShortID("x"), 334, 2, A4, KindRows, 4, 27},
		{ShortID("y"), 999999, 99, Letter, KindRows, 999, 27},
		{ShortID("z"), 7, 1, Letter, KindLetter, 1, 0},
	}
	for _, p := range cases {
		t.Run(p.Petition, func(t *testing.T) {
			s, err := p.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if len(s) > 40 || strings.ToUpper(s) != s {
				t.Fatalf("payload %q is not short upper-case text", s)
			}
			got, err := ParsePayload(s)
			if err != nil || got != p {
				t.Fatalf("ParsePayload(%q) = %+v, %v; want %+v", s, got, err, p)
			}
		})
	}
}

func TestParsePayloadRejects(t *testing.T) {
	good, err := Payload{"3F2A9C01", 12, 2, A4, KindRows, 4, 27}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	bad := []string{
		"", "hello", "https://example.org/PD1", strings.ToLower(good),
		strings.Replace(good, "PD1", "PD2", 1),
		strings.Replace(good, ":12:", ":13:", 1),  // one wrong digit
		strings.Replace(good, ":12:", ":21:", 1),  // swapped digits
		strings.Replace(good, ":12:", ":012:", 1), // leading zero
		strings.Replace(good, ":AR:", ":AX:", 1),
		good + ":1", good[:len(good)-1],
	}
	// Every single-character change must be caught.
	for i := range good {
		for _, c := range "0123456789ABCDEFLRU:" {
			if byte(c) != good[i] {
				bad = append(bad, good[:i]+string(c)+good[i+1:])
			}
		}
	}
	for _, s := range bad {
		if _, err := ParsePayload(s); !errors.Is(err, ErrPayload) {
			t.Errorf("ParsePayload(%q) accepted (err %v)", s, err)
		}
	}
	// Fields out of range are refused when encoding too.
	for _, p := range []Payload{
		{"3f2a9c01", 1, 1, A4, KindRows, 1, 1}, {"3F2A9C01", 0, 1, A4, KindRows, 1, 1},
		{"3F2A9C01", 1, 1, A4, KindRows, 1, 29}, {"3F2A9C01", 1, 1, Letter, KindRows, 1, 28},
		{"3F2A9C01", 1, 1, A4, 'X', 1, 1},
	} {
		if _, err := p.Encode(); !errors.Is(err, ErrPayload) {
			t.Errorf("Encode(%+v) accepted", p)
		}
	}
}

func TestGeometry(t *testing.T) {
	for _, p := range Papers {
		t.Run(p.String(), func(t *testing.T) {
			w, h := p.Size()
			page := Rect{0, 0, w, h}
			marks := Marks(p)
			for _, m := range marks {
				if !inside(m, page) || m.W != MarkSize {
					t.Errorf("mark %+v", m)
				}
			}
			q := QRBox(p)
			if !inside(q, Content(p)) || overlaps(q, marks[3]) {
				t.Errorf("QR box %+v", q)
			}
			if MaxRows(p) < 27 {
				t.Errorf("MaxRows = %d, want room for the usual 27", MaxRows(p))
			}
			tab, err := Rows(p, KindRows, 4, MaxRows(p))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Bounds().Y < HeaderBox(p).Y1() || tab.Bounds().Y1() > q.Y {
				t.Errorf("table %+v overlaps header or footer", tab.Bounds())
			}
			if tab.Rows[0].Number != 4 || tab.Rows[len(tab.Rows)-1].Y1 != TableBottom(p) {
				t.Errorf("rows %+v", tab.Rows)
			}
			if tab.Name.W() < 140 || tab.Signature.W() < 140 || tab.Signature.X1 != Content(p).X1() {
				t.Errorf("columns %+v %+v", tab.Name, tab.Signature)
			}
			if _, err := Rows(p, KindRows, 1, MaxRows(p)+1); err == nil {
				t.Error("too many rows accepted")
			}
			// Rows of a letter page sit where the same rows would on a rows page.
			a, _ := Rows(p, KindLetter, 1, 3)
			b, _ := Rows(p, KindRows, 1, 3)
			if a.Rows[2] != b.Rows[2] {
				t.Error("row geometry depends on the kind")
			}
		})
	}
}

func TestSplitSheet(t *testing.T) {
	cases := []struct {
		paper                   Paper
		letter, under, perSheet int
		want                    []PageRows
	}{
		{A4, 1, 3, 30, []PageRows{{KindLetter, 1, 3}, {KindRows, 4, 27}}},
		{A4, 2, 0, 30, []PageRows{{KindLetter, 1, 0}, {KindLetter, 1, 0}, {KindRows, 1, 28}, {KindRows, 29, 2}}},
		{Letter, 1, 3, 30, []PageRows{{KindLetter, 1, 3}, {KindRows, 4, 27}}},
		{A4, 1, 10, 60, []PageRows{{KindLetter, 1, 10}, {KindRows, 11, 28}, {KindRows, 39, 22}}},
	}
	for _, c := range cases {
		got := SplitSheet(c.paper, c.letter, c.under, c.perSheet)
		if len(got) != len(c.want) {
			t.Fatalf("SplitSheet%v = %+v", c, got)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("SplitSheet%v page %d = %+v, want %+v", c, i+1, got[i], c.want[i])
			}
		}
	}
}

func inside(a, b Rect) bool {
	return a.X >= b.X && a.Y >= b.Y && a.X1() <= b.X1() && a.Y1() <= b.Y1()
}

func overlaps(a, b Rect) bool {
	return a.X < b.X1() && b.X < a.X1() && a.Y < b.Y1() && b.Y < a.Y1()
}
