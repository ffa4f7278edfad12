package reservation

import (
	"fmt"
	"slices"
	"time"
)

// Units of a term.
const (
	Year  = "Year"
	Month = "Month"
)

// Term is a reservation length as the user writes it.
type Term struct {
	Period int
	Unit   string // Year or Month
}

func (t Term) Months() int {
	if t.Unit == Year {
		return t.Period * 12
	}
	return t.Period
}

func (t Term) String() string {
	unit := t.Unit
	if t.Period != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", t.Period, unit)
}

// TermFromMonths writes a number of months the way a person would: whole
// years as years.
func TermFromMonths(months int) Term {
	if months%12 == 0 {
		return Term{Period: months / 12, Unit: Year}
	}
	return Term{Period: months, Unit: Month}
}

// termEnd is when a term of months starting on day ends: 24:00 UTC of its
// last day, written as the following midnight, clamping to month ends.
func termEnd(day time.Time, months int) time.Time {
	y, m, d := day.UTC().Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
}

// TermEnd is when a term of months that starts at start ends.
func TermEnd(start time.Time, months int) time.Time { return termEnd(start, months) }

// Extend is the expiry after renewing an RI that ends at expiry by months:
// the term continues from its last day.
func Extend(expiry time.Time, months int) time.Time {
	return termEnd(expiry.Add(-time.Nanosecond), months)
}

// termTolerance is how far an expiry may sit from a whole number of months
// and still count as one: the service may end terms at the hour of purchase
// rather than at midnight, and in another time zone.
const termTolerance = 72 * time.Hour

// DeriveTerm recovers the term of an RI from its start and expiry, which is
// all the APIs tell (they do not return the period). It picks the whole
// number of months whose end is nearest the expiry, within termTolerance.
func DeriveTerm(start, expired time.Time) (Term, bool) {
	months, ok := nearestMonths(func(m int) time.Time { return termEnd(start, m) }, expired, 1)
	return TermFromMonths(months), ok
}

// nearestMonths finds the number of months, from fewest to 120, whose end is
// nearest target, and whether it lies within termTolerance.
func nearestMonths(end func(int) time.Time, target time.Time, fewest int) (int, bool) {
	best, bestGap := fewest, time.Duration(1<<62)
	for months := fewest; months <= 120; months++ {
		gap := end(months).Sub(target).Abs()
		if gap < bestGap {
			best, bestGap = months, gap
		}
	}
	return best, bestGap <= termTolerance
}

// MonthsOwed is how many months of renewal an RI needs so that its term,
// counted from anchor (the start of the term it was bought on), covers
// months: measured from the RI's real expiry, never from a record of what
// was renewed before. An RI already at or past the target owes nothing.
func MonthsOwed(anchor time.Time, months int, expiry time.Time) int {
	target := termEnd(anchor, months)
	if !expiry.Before(target.Add(-termTolerance)) {
		return 0
	}
	owed, _ := nearestMonths(func(m int) time.Time { return Extend(expiry, m) }, target, 1)
	return owed
}

// ParseAPITime reads the minute-precision UTC times the APIs return
// ("2026-11-22T05:00Z"), and tolerates seconds and offsets.
func ParseAPITime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04Z", "2006-01-02T15:04:05Z", "2006-01-02T15Z", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time in the API's format (yyyy-MM-ddTHH:mmZ)", s)
}

// FormatAPITime writes a time the way the APIs report it.
func FormatAPITime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04Z") }

// Renewals decomposes extra months into the fewest renewal calls, longest
// terms first.
func (r *Rules) Renewals(months int) []Term {
	var out []Term
	for _, t := range r.RenewalTerms {
		for months >= t.Months() {
			out = append(out, t)
			months -= t.Months()
		}
	}
	return out
}

// PurchasePlan splits a term into the longest term one purchase can buy and
// the renewals that make up the rest (2 Years = buy 1 Year, renew 1 Year).
func (r *Rules) PurchasePlan(total Term) (Term, []Term) {
	for i := len(r.PurchaseTerms) - 1; i >= 0; i-- {
		if p := r.PurchaseTerms[i]; p.Months() <= total.Months() {
			return p, r.Renewals(total.Months() - p.Months())
		}
	}
	return r.PurchaseTerms[0], nil
}

// CheckTerm says whether a term can be configured: a whole number of months
// in an allowed unit, no longer than MaxAheadMonths (every term starts now
// or later, so a longer one could never be reached).
func (r *Rules) CheckTerm(t Term) error {
	if !slices.Contains(r.TermUnits, t.Unit) {
		return fmt.Errorf("the unit must be one of %v, not %q", r.TermUnits, t.Unit)
	}
	if t.Period < 1 {
		return fmt.Errorf("the period must be at least 1, not %d", t.Period)
	}
	if r.MaxAheadMonths > 0 && t.Months() > r.MaxAheadMonths {
		return fmt.Errorf("%s is longer than the %s that %s allows a reserved instance to run ahead", t, TermFromMonths(r.MaxAheadMonths), r.Cloud)
	}
	return nil
}

// LatestExpiry is the furthest a renewal made on day now may push an expiry.
func (r *Rules) LatestExpiry(now time.Time) time.Time {
	return termEnd(now, r.MaxAheadMonths)
}

// CheckAutoRenew says whether one automatic renewal may last t.
func (r *Rules) CheckAutoRenew(t Term) error {
	for _, a := range r.AutoRenewTerms {
		if a == t {
			return nil
		}
	}
	allowed := make([]string, len(r.AutoRenewTerms))
	for i, a := range r.AutoRenewTerms {
		allowed[i] = a.String()
	}
	return fmt.Errorf("an automatic renewal of %s is not offered; %s offers %v", t, r.Cloud, allowed)
}
