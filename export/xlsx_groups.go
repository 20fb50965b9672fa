package export

import (
	"github.com/petitiondesk/petitiondesk/petition"
)

// GroupSource is what a Source may also offer: each petition's totals
// split by the local group the rows came from (bundles), and the groups
// the database knows. *store.Store has both. A Source without them (test
// fakes, older callers) simply gets no "By group" worksheet.
type GroupSource interface {
	TotalsByGroup(pid string) ([]petition.GroupTotals, error)
	Groups() ([]petition.GroupInfo, error)
}

// sheetByGroup is written only when the database holds more than one group.
const sheetByGroup = "By group"

var groupColumns = []column{
	{"Petition", 14, textCol}, {"Group", 28, textCol}, {"This database", 11, textCol},
	{"Sheets", 9, countCol}, {"In person", 11, countCol}, {"On paper", 11, countCol},
	{"Struck", 10, countCol}, {"Possible duplicates", 12, countCol}, {"Valid", 11, countCol},
}

// groupLines reads the by-group totals of the chosen petitions, or nil
// when the source cannot split them or the database holds one group only:
// then the worksheet would merely repeat Totals.
func groupLines(src Source, list []petition.Petition) ([][]petition.GroupTotals, error) {
	gs, ok := src.(GroupSource)
	if !ok {
		return nil, nil
	}
	groups, err := gs.Groups()
	if err != nil {
		return nil, err
	}
	several := len(groups) > 1
	lines := make([][]petition.GroupTotals, len(list))
	for i, p := range list {
		if lines[i], err = gs.TotalsByGroup(p.ID); err != nil {
			return nil, err
		}
		several = several || len(lines[i]) > 1
	}
	if !several {
		return nil, nil
	}
	return lines, nil
}

// writeGroupSheet writes "By group": one line per petition and group of
// origin. A petition's lines add up to its line in Totals (the store
// splits the same counts), so there is no total line to repeat it.
func (s *summary) writeGroupSheet(list []petition.Petition) error {
	lines, err := groupLines(s.src, list)
	if err != nil || lines == nil {
		return err
	}
	// Finished before Signatures starts, so it may write directly.
	t, err := newTable(s.f, s.bk.direct, s.st, sheetByGroup, groupColumns, s.opt.SheetRows)
	if err != nil {
		return err
	}
	for i, p := range list {
		for _, g := range lines[i] {
			name := g.GroupName
			if name == "" {
				name = g.GroupID
			}
			if err := t.add(p.Reference, name, yesNo(g.Own), g.Sheets, g.Digital, g.Paper,
				g.Struck, g.Duplicates, g.Valid()); err != nil {
				return err
			}
		}
	}
	return t.finish()
}
