package petition

import (
	"encoding/json"
	"testing"
	"time"
)

func TestReturnBy(t *testing.T) {
	p := Example(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	p.Deadline = Date{2027, 3, 9}
	p.PostLeadDays = 7
	if p.ReturnMarginDays != DefaultReturnMarginDays {
		t.Fatalf("a new petition's return margin is %d", p.ReturnMarginDays)
	}
	if got := p.ReturnBy(); got != (Date{2027, 2, 23}) {
		t.Errorf("return by %v, want 2027-02-23", got)
	}
	p.ReturnMarginDays = 61
	if err := p.Validate(); err == nil || err.(ValidationError).For("return_margin_days") == nil {
		t.Errorf("a 61-day margin passed: %v", err)
	}
	p.ReturnMarginDays = 0
	p.SenderName, p.SenderRole = "Lea Keller", "Coordinator"
	if err := p.Validate(); err != nil {
		t.Errorf("valid petition refused: %v", err)
	}
	b, _ := json.Marshal(p)
	var back Petition
	if err := json.Unmarshal(b, &back); err != nil || back.ReturnMarginDays != 0 || back.SenderName != "Lea Keller" {
		t.Errorf("round trip: %v %+v", err, back)
	}
	var old Petition
	if err := json.Unmarshal([]byte(`{"id":"x"}`), &old); err != nil || old.ReturnMarginDays != DefaultReturnMarginDays {
		t.Errorf("an older petition's margin: %d %v", old.ReturnMarginDays, err)
	}
	p.SenderName = "Lea\x07"
	if err := p.Validate(); err == nil || err.(ValidationError).For("sender_name") == nil {
		t.Errorf("a control character in the signer's name passed: %v", err)
	}
}
