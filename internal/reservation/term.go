package reservation

import (
	"fmt"
	"time"
)

// Term is a reservation length as the user writes it.
type Term struct {
	Period int
	Unit   string // "Year" or "Month"
}

func (t Term) Months() int {
	if t.Unit == "Year" {
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
		return Term{Period: months / 12, Unit: "Year"}
	}
	return Term{Period: months, Unit: "Month"}
}

// PurchaseTerms are the terms one purchase can buy: the documented 1 and
// 3 years, and the 1 month and 5 years the console also sells.
var PurchaseTerms = []Term{{1, "Month"}, {1, "Year"}, {3, "Year"}, {5, "Year"}}

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

// DeriveTerm recovers the term of an RI from its start and expiry, which is
// all DescribeReservedInstances tells (the API does not return the period).
// It picks the whole number of months whose end is nearest the expiry and
// accepts it within three days, which tolerates the service ending terms at
// the hour of purchase rather than at midnight.
func DeriveTerm(start, expired time.Time) (Term, bool) {
	best, bestGap := 0, time.Duration(1<<62)
	for months := 1; months <= 120; months++ {
		gap := termEnd(start, months).Sub(expired)
		if gap < 0 {
			gap = -gap
		}
		if gap < bestGap {
			best, bestGap = months, gap
		}
	}
	if bestGap > 72*time.Hour {
		return Term{}, false
	}
	return TermFromMonths(best), true
}

// ParseAPITime reads the minute-precision UTC times the API returns
// ("2026-11-22T05:00Z"), and tolerates seconds.
func ParseAPITime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04Z", "2006-01-02T15:04:05Z", "2006-01-02T15Z", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time in the API's format (yyyy-MM-ddTHH:mmZ)", s)
}

// renewalTerms are the terms one RenewReservedInstances call adds, longest
// first: the documented years and the console's single month.
var renewalTerms = []Term{{5, "Year"}, {3, "Year"}, {1, "Year"}, {1, "Month"}}

// Renewals decomposes extra months into the fewest renewal calls.
func Renewals(months int) []Term {
	var out []Term
	for _, t := range renewalTerms {
		for months >= t.Months() {
			out = append(out, t)
			months -= t.Months()
		}
	}
	return out
}

// PurchasePlan splits a term into the longest term one purchase can buy and
// the renewals that make up the rest (2 Years = buy 1 Year, renew 1 Year).
func PurchasePlan(total Term) (Term, []Term) {
	for i := len(PurchaseTerms) - 1; i >= 0; i-- {
		if p := PurchaseTerms[i]; p.Months() <= total.Months() {
			return p, Renewals(total.Months() - p.Months())
		}
	}
	return PurchaseTerms[0], nil
}
