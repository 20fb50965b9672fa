package petition

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testSigner signs with a fresh key.
func testSigner(t *testing.T) (ed25519.PublicKey, Signer) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, func(msg []byte) (ed25519.PublicKey, []byte, error) { return pub, ed25519.Sign(priv, msg), nil }
}

func writeCampaign(t *testing.T, p *Petition, h CampaignHeader, sign Signer) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCampaign(&b, p, h, sign); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCampaignFileRoundTrip(t *testing.T) {
	p := Example(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC))
	p.Demands, p.Goal = []string{"Release her"}, 900
	pub, sign := testSigner(t)
	h := CampaignHeader{ID: "c-1", Issued: time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC), From: "Section"}
	text := writeCampaign(t, p, h, sign)
	c, err := ReadCampaign(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Signed() || !c.Key.Equal(pub) || c.CampaignHeader != h {
		t.Errorf("header %+v, signed %v", c.CampaignHeader, c.Signed())
	}
	want := *p
	want.ID, want.Status, want.Created, want.Updated = "", StatusDraft, time.Time{}, time.Time{}
	if !reflect.DeepEqual(*c.Petition, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", *c.Petition, want)
	}
}

// TestCampaignFileTampered changes each signed part in turn: every
// change is refused with ErrBadSignature; a file without a signature
// block is refused too.
func TestCampaignFileTampered(t *testing.T) {
	p := Example(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC))
	_, sign := testSigner(t)
	text := writeCampaign(t, p, CampaignHeader{ID: "c-1", Issued: time.Now()}, sign)
	for _, edit := range [][2]string{
		{`"goal": `, `"goal": 1`},
		{`"id": "c-1"`, `"id": "c-2"`},
		{`"letter": "`, `"letter": "x`},
		{`"petition": {`, `"petition": { `},
	} {
		bad := strings.Replace(text, edit[0], edit[1], 1)
		if bad == text {
			t.Fatalf("%q not in the file", edit[0])
		}
		if _, err := ReadCampaign(strings.NewReader(bad)); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%q: got %v", edit[1], err)
		}
	}
	cut := text[:strings.Index(text, `,
  "signature"`)] + "\n}\n"
	var fe *FileError
	if _, err := ReadCampaign(strings.NewReader(cut)); !errors.As(err, &fe) || fe.Field != "signature" {
		t.Errorf("unsigned version 2: got %v", err)
	}
}

// TestVersion1StillRead reads an unsigned version 1 file: no key.
func TestVersion1StillRead(t *testing.T) {
	p := Example(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC))
	var b bytes.Buffer
	if err := WriteFile(&b, p); err != nil {
		t.Fatal(err)
	}
	c, err := ReadCampaign(&b)
	if err != nil || c.Signed() || c.Petition.Letter != p.Letter {
		t.Fatalf("got %+v, %v", c, err)
	}
}

func TestTakeCampaignKeepsRecord(t *testing.T) {
	p := Example(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC))
	p.ID, p.Status = "local", StatusCollecting
	next := *p
	next.ID, next.Status = "", StatusDraft
	next.Deadline = p.Deadline.AddDays(10)
	next.Targets = append(append([]Target(nil), p.Targets...), Target{Name: "Embassy"})
	next.RowsPerSheet = p.RowsPerSheet + 5
	changed := p.TakeCampaign(&next, true)
	if strings.Join(changed, ",") != "targets,deadline" {
		t.Errorf("changed %v", changed)
	}
	if p.ID != "local" || p.Status != StatusCollecting || p.Deadline != next.Deadline || len(p.Targets) != len(next.Targets) || p.RowsPerSheet == next.RowsPerSheet {
		t.Errorf("after: %+v", p)
	}
}
