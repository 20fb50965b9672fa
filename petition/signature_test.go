package petition

import (
	"reflect"
	"testing"
	"time"
)

// correctable is every field of Signature a signer may change with
// "Correct my entry". A field added to Signature later fails the test
// below until it is put here or left out on purpose.
var correctable = map[string]bool{
	"Name": true, "Address": true, "Email": true, "Consent": true, "Strokes": true, "PrintFullName": true,
}

// filled returns a signature whose every field holds a value that differs
// from its zero value and, by seed, from another filled signature.
func filled(t *testing.T, seed int) *Signature {
	t.Helper()
	s := &Signature{}
	v := reflect.ValueOf(s).Elem()
	for i := 0; i < v.NumField(); i++ {
		fill(t, v.Field(i), v.Type().Field(i).Name, seed)
	}
	return s
}

func fill(t *testing.T, f reflect.Value, name string, seed int) {
	t.Helper()
	switch f.Kind() {
	case reflect.String:
		f.SetString(name + string(rune('a'+seed)))
	case reflect.Int:
		f.SetInt(int64(seed + 1))
	case reflect.Bool:
		f.SetBool(seed%2 == 0)
	case reflect.Slice:
		f.Set(reflect.MakeSlice(f.Type(), seed+1, seed+1))
	case reflect.Struct:
		if f.Type() == reflect.TypeOf(time.Time{}) {
			f.Set(reflect.ValueOf(time.Date(2020+seed, 1, 1, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := 0; i < f.NumField(); i++ {
			fill(t, f.Field(i), name+"."+f.Type().Field(i).Name, seed)
		}
	default:
		t.Fatalf("field %s: kind %s has no test value", name, f.Kind())
	}
}

func TestCorrectFromTakesOnlyTheSignersFields(t *testing.T) {
	for seed := 0; seed < 3; seed++ {
		desk, signer := filled(t, seed), filled(t, seed+1)
		got := *desk
		got.CorrectFrom(signer)
		gv, dv, sv := reflect.ValueOf(got), reflect.ValueOf(*desk), reflect.ValueOf(*signer)
		for i := 0; i < gv.NumField(); i++ {
			name := gv.Type().Field(i).Name
			want := dv.Field(i)
			if correctable[name] {
				want = sv.Field(i)
			}
			if !reflect.DeepEqual(gv.Field(i).Interface(), want.Interface()) {
				t.Errorf("seed %d: %s = %v after the correction, want %v (correctable: %v)",
					seed, name, gv.Field(i).Interface(), want.Interface(), correctable[name])
			}
		}
	}
}
