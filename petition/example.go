package petition

import "time"

// Example returns the built-in example petition, modelled on a real
// prisoner-of-conscience case but written in our own words. Its deadline
// lies eight weeks after now so the demo always starts "on track".
func Example(now time.Time) *Petition {
	p := New()
	p.Reference = "UA 147/20"
	p.Title = "Free Maryia Kalesnikava"
	p.Organisation = "Human Rights Group Bern"
	p.SenderAddress = []string{"Human Rights Group Bern", "Postfach 123", "3001 Bern", "Switzerland"}
	p.Targets = []Target{{
		Name: "Minister of the Interior", Title: "Republic of Belarus",
		Address:    []string{"Ministry of the Interior", "Haradski Val 4", "220030 Minsk", "Belarus"},
		Salutation: "Dear Minister,", Language: "ru",
	}, {
		Name: "Minister of Foreign Affairs", Title: "Republic of Belarus",
		Address:    []string{"Ministry of Foreign Affairs", "Lenin Street 19", "220030 Minsk", "Belarus"},
		Salutation: "Dear Minister,", Language: "en",
	}}
	p.Letter = "We, the undersigned, are writing about Maryia Kalesnikava, a musician " +
		"and civic activist who has been held in prison since 2020 for taking part in " +
		"peaceful protests after the presidential election. For a long time her family " +
		"and lawyers have heard nothing from her, and we are seriously worried about her " +
		"health.\n\nNo one should be jailed for speaking up peacefully. We ask you to act now."
	p.Demands = []string{
		"Release Maryia Kalesnikava at once and without conditions.",
		"Until she is free, let her see her lawyers and family and write letters.",
		"Make sure she receives the medical care she needs.",
	}
	p.Languages = []string{"de", "fr"}
	p.Deadline = DateOf(now).AddDays(56)
	p.PostLeadDays = 7
	p.Goal = 500
	p.PrivacyNotice = "Your details are used only to deliver this petition. " +
		"They are deleted 30 days after delivery and never passed to anyone else."
	p.Status = StatusCollecting
	return p
}
