package petition

import (
	"fmt"
	"time"
)

// Date is a calendar day without a time or zone. Deadlines are days on a
// sheet ("Frist/délai: 20.01.2025"), not instants, so comparing dates avoids
// the off-by-one errors that midnight and time zones cause with time.Time.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written as 2006-01-02 or 02.01.2006.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD or DD.MM.YYYY", s)
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// Time returns midnight of the day in UTC, for arithmetic only.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil returns how many days lie from d to other (negative if other is earlier).
func (d Date) DaysUntil(other Date) int {
	return int(other.Time().Sub(d.Time()).Hours() / 24)
}

// Before reports whether d is an earlier day than other.
func (d Date) Before(other Date) bool { return d.DaysUntil(other) > 0 }

// String formats the date as 2006-01-02.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Dotted formats the date the way Swiss and German sheets print it: 20.01.2025.
func (d Date) Dotted() string { return fmt.Sprintf("%02d.%02d.%04d", d.Day, d.Month, d.Year) }

// MarshalText writes the ISO form, so JSON and bundles stay readable.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form; an empty text is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
