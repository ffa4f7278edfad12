package usage

import (
	"math"
	"time"
)

// Scope is where an RI applies.
type Scope int

// The two scopes both clouds sell.
const (
	// Zonal RIs pay for instances of their exact type in their zone.
	Zonal Scope = iota + 1
	// Regional RIs pay for instances of their family in any zone of their
	// region, size-flexible when the rules say so.
	Regional
)

func (s Scope) String() string {
	switch s {
	case Zonal:
		return "Zonal"
	case Regional:
		return "Regional"
	}
	return "Scope(?)"
}

// Reservation is one RI, in cloud-neutral terms.
type Reservation struct {
	ID     string
	Region string
	// Zone is the RI's zone; empty for a regional RI.
	Zone         string
	Scope        Scope
	InstanceType string
	// Amount is how many instances of InstanceType the RI pays for at once.
	Amount int
	// Platform is the operating system of the instances it matches (Linux
	// or Windows on Alibaba Cloud; ignored where the rules say so).
	Platform string
	// Start and End bound the RI's effect: from its activation to its
	// expiry (a renewal moves it), or to the hour a modification, split or
	// merge made it inactive. One span is enough: both clouds renew only
	// RIs still in effect, and an inactive RI stays inactive. A zero End
	// means it is still in effect.
	Start, End time.Time
}

// Declaration is a group of identical pay-as-you-go instances.
type Declaration struct {
	ID           string
	Region       string
	Zone         string
	InstanceType string
	Platform     string
	// Count is how many instances run.
	Count int
	// Start is when they started; a zero End means they still run.
	Start, End time.Time
}

// Price is what one instance of a type costs per hour.
type Price struct {
	// PayAsYouGo is the pay-as-you-go price of one instance-hour.
	PayAsYouGo float64
	// Reserved is the effective hourly price of one instance of an RI of
	// the type: its upfront and hourly fees spread over its term.
	Reserved float64
}

// PriceKey selects a price: a type on a platform, or on every platform
// when Platform is empty.
type PriceKey struct {
	InstanceType string
	Platform     string
}

// PriceTable holds the emulator's prices in one currency. They are made up
// for the emulator and say nothing of either cloud's real tariff.
type PriceTable struct {
	// Label names the price list; reports carry it so that no one mistakes
	// their costs for real ones.
	Label    string
	Currency string
	Prices   map[PriceKey]Price
}

// Input is everything one simulation needs.
type Input struct {
	Rules        Rules
	Prices       PriceTable
	Reservations []Reservation
	Fleet        []Declaration
	// From and To bound the window; only the whole clock hours inside
	// [From, To) are simulated and reported.
	From, To time.Time
}

// Quantity is computing power × time: thousandths of a normalisation-factor
// unit × seconds. Integer, so that sums are exact.
type Quantity int64

// Quantity units.
const (
	// FactorSecond is one normalisation-factor unit for one second.
	FactorSecond Quantity = 1000
	// FactorHour is one normalisation-factor unit for one hour.
	FactorHour = 3600 * FactorSecond
)

// FactorSeconds is the quantity in normalisation factor × seconds, the unit
// of Volcengine's RI quotas.
func (q Quantity) FactorSeconds() float64 { return float64(q) / float64(FactorSecond) }

// FactorHours is the quantity in normalisation factor × hours, the unit
// Alibaba reports as "算力*小时".
func (q Quantity) FactorHours() float64 { return float64(q) / float64(FactorHour) }

// Interval is a span of time, [Start, End).
type Interval struct {
	Start, End time.Time
}

// Period is the granularity of a report, as BSS PeriodType names it.
type Period string

// The three periods.
const (
	Hour  Period = "HOUR"
	Day   Period = "DAY"
	Month Period = "MONTH"
)

// never stands for "no end".
const never = math.MaxInt64

// hour is one clock hour in seconds.
const hour = 3600

// floorHour and ceilHour round Unix seconds to whole hours.
func floorHour(s int64) int64 {
	r := s % hour
	if r < 0 {
		r += hour
	}
	return s - r
}

func ceilHour(s int64) int64 {
	f := floorHour(s)
	if f == s {
		return s
	}
	return f + hour
}

// unix converts a time to whole seconds; a zero time maps to zero.
func unix(t time.Time) int64 { return t.Unix() }

// endOf converts an end time: zero means never.
func endOf(t time.Time) int64 {
	if t.IsZero() {
		return never
	}
	return t.Unix()
}

// overlap is the length of [a, b) ∩ [c, d).
func overlap(a, b, c, d int64) int64 {
	lo, hi := max(a, c), min(b, d)
	if hi <= lo {
		return 0
	}
	return hi - lo
}
