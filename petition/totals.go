package petition

// Totals are a petition's signature counts, as reported to the national office.
type Totals struct {
	PetitionID string `json:"petition_id"`
	Digital    int    `json:"digital"`    // valid rows signed on the laptop
	Paper      int    `json:"paper"`      // valid rows counted on paper sheets
	Struck     int    `json:"struck"`     // rows struck out, on either
	Duplicates int    `json:"duplicates"` // rows flagged as possible duplicates (still counted until struck)
	Goal       int    `json:"goal"`
	// ToReview is rows on scanned pages the scanner was unsure of: not in
	// Paper until a person confirms them.
	ToReview int `json:"to_review,omitempty"`
}

// Valid is the number of signatures that count.
func (t Totals) Valid() int { return t.Digital + t.Paper }

// PercentOfGoal is Valid as a share of the goal (0 when there is no goal).
func (t Totals) PercentOfGoal() float64 {
	if t.Goal <= 0 {
		return 0
	}
	return float64(t.Valid()) * 100 / float64(t.Goal)
}
