package petition

import (
	"errors"
	"fmt"
	"time"
)

// ErrSheetNumbersTaken says sheet numbers a print was made with were
// reserved meanwhile by something else (another print, an import): the
// print is made again with new numbers.
var ErrSheetNumbersTaken = errors.New("the sheet numbers were taken meanwhile")

// Origin says how a sheet's signatures were collected.
type Origin string

// Sheet origins.
const (
	OriginDigital Origin = "digital" // signed on the laptop
	OriginPaper   Origin = "paper"   // printed, signed by hand, scanned back
)

// SheetStatus is where a sheet stands between collection and the post.
type SheetStatus string

// Sheet statuses, in the order a sheet moves through them.
const (
	SheetCollecting SheetStatus = "collecting"
	SheetFull       SheetStatus = "full"
	SheetScanned    SheetStatus = "scanned"
	SheetExported   SheetStatus = "exported"
	SheetPosted     SheetStatus = "posted"
)

// SheetStatuses lists the statuses in order.
var SheetStatuses = []SheetStatus{SheetCollecting, SheetFull, SheetScanned, SheetExported, SheetPosted}

// Sheet is one numbered signature sheet of a petition. A digital sheet's
// rows are Signature records; a paper sheet carries a count read from its
// scan (or typed in) and its page images.
type Sheet struct {
	PetitionID string      `json:"petition_id"`
	Number     int         `json:"number"` // 1..n within the petition
	Origin     Origin      `json:"origin"`
	Location   string      `json:"location,omitempty"`  // e.g. "Market stall, Bern"
	Collector  string      `json:"collector,omitempty"` // volunteer's name or initials
	Opened     time.Time   `json:"opened"`
	Status     SheetStatus `json:"status"`
	Filled     int         `json:"filled"` // rows used: signatures on digital sheets, the count on paper ones
	Struck     int         `json:"struck"` // rows struck out (duplicates, withdrawn, ...)
	Pages      int         `json:"pages,omitempty"`
	PostedOn   Date        `json:"posted_on,omitempty"`
	Tracking   string      `json:"tracking,omitempty"`
	Group      string      `json:"group,omitempty"` // local group of origin, set by bundles ("" = this database's own)
}

// Where says where and by whom the sheet was collected, e.g.
// "Market stall · Lea", leaving out what is unknown.
func (s *Sheet) Where() string { return joinNonEmpty(" · ", s.Location, s.Collector) }

// Valid is the number of signatures on the sheet that count.
func (s *Sheet) Valid() int { return s.Filled - s.Struck }

// NextRow returns the row a new signature takes on the sheet, or ok=false
// when the sheet has no free row left (or is no longer collecting).
func (s *Sheet) NextRow(rowsPerSheet int) (row int, ok bool) {
	if s.Status != SheetCollecting || s.Filled >= rowsPerSheet {
		return 0, false
	}
	return s.Filled + 1, true
}

// Fill records one more row and marks the sheet full when it is.
func (s *Sheet) Fill(rowsPerSheet int) {
	s.Filled++
	if s.Filled >= rowsPerSheet {
		s.Status = SheetFull
	}
}

// MarkPosted records the day the sheet went into the post.
func (s *Sheet) MarkPosted(on Date, tracking string) error {
	if on.IsZero() {
		return &FieldError{"posted_on", "Please enter the day the sheet was posted."}
	}
	if err := ValidateShortText(tracking); err != nil {
		return named("tracking", err)
	}
	s.Status, s.PostedOn, s.Tracking = SheetPosted, on, tracking
	return nil
}

// SetPaperCount records how many signatures a paper sheet holds.
func (s *Sheet) SetPaperCount(n, rowsPerSheet int) error {
	if s.Origin != OriginPaper {
		return fmt.Errorf("sheet %d was signed on the laptop: its count comes from its rows", s.Number)
	}
	if n < 0 || n > rowsPerSheet {
		return &FieldError{"filled", fmt.Sprintf("A sheet holds between 0 and %d signatures.", rowsPerSheet)}
	}
	s.Filled = n
	if s.Struck > n {
		s.Struck = n
	}
	return nil
}
