package petition

import "time"

// DeadlineState summarises how a petition stands against its deadline.
type DeadlineState string

// Deadline states, shown by colour and in words in the UI.
const (
	OnTrack   DeadlineState = "on track"
	DueSoon   DeadlineState = "due soon"
	Overdue   DeadlineState = "overdue"
	Delivered DeadlineState = "delivered"
)

// DueSoonDays is how many days before the post-by date a petition turns
// "due soon": a week gives a group one more market day to fill its sheets.
const DueSoonDays = 7

// DeadlineInfo is the deadline arithmetic for one day.
type DeadlineInfo struct {
	Today      Date
	Deadline   Date
	PostBy     Date // the last day to post so the letter arrives in time
	DaysLeft   int  // days until the deadline; 0 on the day itself, negative after
	DaysToPost int  // days until the post-by date
	State      DeadlineState
}

// DeadlineAt computes the petition's deadline state at the instant now, on
// the calendar of now's location (the laptop's local day). The deadline day
// itself still counts as "due soon", not overdue: a petition is overdue only
// once its post-by date has passed without it being delivered.
func (p *Petition) DeadlineAt(now time.Time) DeadlineInfo {
	today := DateOf(now)
	info := DeadlineInfo{Today: today, Deadline: p.Deadline}
	info.PostBy = p.Deadline.AddDays(-p.PostLeadDays)
	info.DaysLeft = today.DaysUntil(p.Deadline)
	info.DaysToPost = today.DaysUntil(info.PostBy)
	switch {
	case p.Status == StatusDelivered:
		info.State = Delivered
	case info.DaysToPost < 0:
		info.State = Overdue
	case info.DaysToPost <= DueSoonDays:
		info.State = DueSoon
	default:
		info.State = OnTrack
	}
	return info
}

// PostBy returns the last day to post the petition.
func (p *Petition) PostBy() Date { return p.Deadline.AddDays(-p.PostLeadDays) }

// ReturnBy returns the day blank sheets ask to be back with the group:
// the post-by date less the return margin.
func (p *Petition) ReturnBy() Date { return p.PostBy().AddDays(-p.ReturnMarginDays) }

// SheetWarning returns a warning for a sheet that is partly filled while
// its petition is due soon or overdue: those signatures will miss the post
// unless the sheet is sent as it is. It returns "" when all is well.
func SheetWarning(s *Sheet, info DeadlineInfo) string {
	if s.Status != SheetCollecting && s.Status != SheetFull && s.Status != SheetScanned {
		return ""
	}
	if s.Filled == 0 {
		return ""
	}
	switch info.State {
	case DueSoon:
		if s.Status == SheetCollecting {
			return "partly filled: post it by " + info.PostBy.String()
		}
		return "not posted yet: post it by " + info.PostBy.String()
	case Overdue:
		return "not posted and the post-by date " + info.PostBy.String() + " has passed"
	}
	return ""
}
