package petition

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestPetitionFileRoundTrip(t *testing.T) {
	p := Example(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC))
	p.Demands, p.SenderAddress, p.Goal, p.RecipientSees = []string{"Release her", "A lawyer"}, []string{"Gruppe Bern"}, 750, AddressFull
	var buf bytes.Buffer
	if err := WriteFile(&buf, p); err != nil {
		t.Fatal(err)
	}
	// A signature block (reserved for campaign files) is not refused.
	text := strings.Replace(buf.String(), `"format": `, `"signature": {"by": "x"}, "format": `, 1)
	got, err := ReadFile(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := *p
	want.ID, want.Status, want.Created, want.Updated = "", StatusDraft, time.Time{}, time.Time{}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", *got, want)
	}
}

func TestPetitionFileErrorNamesField(t *testing.T) {
	_, err := ReadFile(strings.NewReader(`{"format":"petitiondesk-petition","format_version":1,"petition":{"rows_per_sheet":"x"}}`))
	var fe *FileError
	if !errors.As(err, &fe) || fe.Field != "petition.rows_per_sheet" {
		t.Errorf("got %v", err)
	}
}
