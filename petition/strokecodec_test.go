package petition

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"testing"
)

// TestStrokesRefuseNaNAndFarPoints: NaN, infinities and points far off
// the pad are refused by validation and by both decoded forms, so they
// never reach a PDF's drawing operators.
func TestStrokesRefuseNaNAndFarPoints(t *testing.T) {
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	for _, p := range []Point{{nan, 1, 0}, {1, nan, 0}, {inf, 1, 0}, {1, -inf, 0}, {MaxCoordinate + 1, 0, 0}, {0, -2 * MaxCoordinate, 0}} {
		strokes := []Stroke{{{10, 10, 0}, p}}
		if err := ValidateStrokes(strokes); !errors.Is(err, ErrStrokeOutOfRange) {
			t.Errorf("%v: validation says %v", p, err)
		}
		packed, _ := json.Marshal(strokes) // the packed form can hold NaN
		var back []Stroke
		if err := json.Unmarshal(packed, &back); err == nil {
			t.Errorf("%v: the packed form was decoded", p)
		}
	}
	for _, readable := range []string{`[[[1e39,0,0]]]`, `[[[0,-1e300,0]]]`, `[[[10001,0,0]]]`, `[[[0,0,-1]]]`, `[[[0,0,1e12]]]`} {
		var back []Stroke
		if err := json.Unmarshal([]byte(readable), &back); err == nil {
			t.Errorf("%s was decoded: %v", readable, back)
		}
	}
	edge := []Stroke{{{-MaxCoordinate, MaxCoordinate, 0}, {0, 0, math.MaxUint32}}}
	if err := ValidateStrokes(edge); err != nil {
		t.Errorf("the pad's limits were refused: %v", err)
	}
}

// FuzzStrokeCodec feeds arbitrary text to the stroke decoder (both
// forms). Whatever it accepts passes validation's point check and comes
// back unchanged through the packed form.
func FuzzStrokeCodec(f *testing.F) {
	good, _ := json.Marshal([]Stroke{{{1, 2, 3}, {4, 5, 300}}, {{7, 8, 9}}})
	for _, seed := range []string{string(good), `[]`, `[[[1,2,3],[4,5,6]]]`, `["AAAA"]`, `["AAAAAAAAAAAA"]`, `["AADAfwAAwH8A"]`, `[[[1e39,0,0]]]`, `[[[0,0,-1]]]`, `null`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var st []Stroke
		if json.Unmarshal(raw, &st) != nil {
			return
		}
		for _, s := range st {
			for _, p := range s {
				if CheckPoint(p.X, p.Y) != nil {
					t.Fatalf("%q: decoded point %v is refused by validation", raw, p)
				}
			}
		}
		b, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		var again []Stroke
		if err := json.Unmarshal(b, &again); err != nil || !sameStrokes(st, again) {
			t.Fatalf("%q: round trip %v → %v (%v)", raw, st, again, err)
		}
	})
}

// sameStrokes compares strokes, an empty stroke equal to a nil one.
func sameStrokes(a, b []Stroke) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) || (len(a[i]) > 0 && !reflect.DeepEqual(a[i], b[i])) {
			return false
		}
	}
	return true
}
