package usage

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"
)

// UsageFigures describe an RI, or several, over a span of time.
type UsageFigures struct {
	// Capacity is the computing power reserved over the span; Used the
	// part of it that paid for pay-as-you-go usage.
	Capacity, Used Quantity
	// ReservationCost is what the RIs cost over the span, at the reserved
	// price.
	ReservationCost float64
	// PostpaidCost is the pay-as-you-go value of the usage they paid for.
	PostpaidCost float64
	// PotentialPostpaidCost is the pay-as-you-go value of their whole
	// capacity, spent on instances of their own type.
	PotentialPostpaidCost float64
}

// Unused is the capacity that paid for nothing.
func (f UsageFigures) Unused() Quantity { return f.Capacity - f.Used }

// Utilisation is Used / Capacity, a fraction (0.5 is 50 %); 0 without
// capacity.
func (f UsageFigures) Utilisation() float64 { return ratio(f.Used, f.Capacity) }

// SavedCost is the net saving: the pay-as-you-go value of what was paid
// for, less what the RIs cost. Negative when they cost more than they saved.
func (f UsageFigures) SavedCost() float64 { return f.PostpaidCost - f.ReservationCost }

// PotentialSavedCost is the net saving had the whole capacity been used.
func (f UsageFigures) PotentialSavedCost() float64 {
	return f.PotentialPostpaidCost - f.ReservationCost
}

func (f *UsageFigures) add(g UsageFigures) {
	f.Capacity += g.Capacity
	f.Used += g.Used
	f.ReservationCost += g.ReservationCost
	f.PostpaidCost += g.PostpaidCost
	f.PotentialPostpaidCost += g.PotentialPostpaidCost
}

// PeriodUsage is the figures of one period.
type PeriodUsage struct {
	Interval
	UsageFigures
}

// ReservationUsage is one RI's usage over the window.
type ReservationUsage struct {
	Reservation Reservation
	Total       UsageFigures
	// Periods are the periods in which the RI was in effect, in order.
	Periods []PeriodUsage
}

// UsageReport is what DescribeResourceUsageDetail and
// DescribeResourceUsageTotal report for one period type.
type UsageReport struct {
	Window     Interval
	Period     Period
	PriceLabel string
	Currency   string
	// Reservations are in input order.
	Reservations []ReservationUsage
	// Total sums every RI over the window; Periods sums them per period,
	// every period of the window included.
	Total   UsageFigures
	Periods []PeriodUsage
}

// CoverageFigures describe pay-as-you-go usage over a span, and what RIs
// paid for of it.
type CoverageFigures struct {
	// Usage is the computing power used; Covered the part RIs paid for.
	Usage, Covered Quantity
	// InstanceSeconds is the running time, summed over instances.
	InstanceSeconds int64
	// PayAsYouGoCost is the pay-as-you-go price of all the usage;
	// CoveredCost that of the covered part.
	PayAsYouGoCost, CoveredCost float64
}

// Uncovered is the usage RIs did not pay for.
func (f CoverageFigures) Uncovered() Quantity { return f.Usage - f.Covered }

// Coverage is Covered / Usage, a fraction; 0 without usage.
func (f CoverageFigures) Coverage() float64 { return ratio(f.Covered, f.Usage) }

// PaymentAmount is the pay-as-you-go bill left once RIs have paid.
func (f CoverageFigures) PaymentAmount() float64 { return f.PayAsYouGoCost - f.CoveredCost }

// InstanceHours is the running time in instance-hours.
func (f CoverageFigures) InstanceHours() float64 { return float64(f.InstanceSeconds) / hour }

// CoveredInstanceHours is the instance-hours RIs paid for: exact for
// figures of one instance type, weighted by computing power otherwise.
func (f CoverageFigures) CoveredInstanceHours() float64 {
	return f.InstanceHours() * f.Coverage()
}

func (f *CoverageFigures) add(g CoverageFigures) {
	f.Usage += g.Usage
	f.Covered += g.Covered
	f.InstanceSeconds += g.InstanceSeconds
	f.PayAsYouGoCost += g.PayAsYouGoCost
	f.CoveredCost += g.CoveredCost
}

// PeriodCoverage is the coverage of one period.
type PeriodCoverage struct {
	Interval
	CoverageFigures
}

// DeclarationCoverage is one declaration's coverage over the window.
type DeclarationCoverage struct {
	Declaration Declaration
	Total       CoverageFigures
	// Periods are the periods in which its instances ran, in order.
	Periods []PeriodCoverage
}

// CoverageKey groups usage by where it ran and what ran.
type CoverageKey struct {
	Region, Zone, InstanceType, Platform string
}

// GroupCoverage is the coverage of every declaration of one key.
type GroupCoverage struct {
	Key     CoverageKey
	Total   CoverageFigures
	Periods []PeriodCoverage
}

// CoverageReport is what DescribeResourceCoverageDetail and
// DescribeResourceCoverageTotal report for one period type.
type CoverageReport struct {
	Window     Interval
	Period     Period
	PriceLabel string
	Currency   string
	// Declarations are in input order; Groups sorted by key.
	Declarations []DeclarationCoverage
	Groups       []GroupCoverage
	// Total sums all usage over the window; Periods per period, every
	// period of the window included.
	Total   CoverageFigures
	Periods []PeriodCoverage
}

func ratio(a, b Quantity) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Window is the span the ledger covers: whole clock hours.
func (l *Ledger) Window() Interval { return Interval{at(l.from), at(l.to)} }

func at(s int64) time.Time { return time.Unix(s, 0).UTC() }

// boundaries cuts the window into periods: boundaries[k] and
// boundaries[k+1] bound period k. Days and months follow the calendar of
// loc; a boundary that falls inside a clock hour (in a zone whose offset is
// not whole hours) moves to the end of that hour, so that a period holds
// the hours that start in it.
func (l *Ledger) boundaries(p Period, loc *time.Location) ([]int64, error) {
	if loc == nil {
		loc = time.UTC
	}
	var next func(t int64) int64
	switch p {
	case Hour:
		next = func(t int64) int64 { return t + hour }
	case Day:
		next = func(t int64) int64 {
			y, m, d := time.Unix(t, 0).In(loc).Date()
			return ceilHour(time.Date(y, m, d+1, 0, 0, 0, 0, loc).Unix())
		}
	case Month:
		next = func(t int64) int64 {
			y, m, _ := time.Unix(t, 0).In(loc).Date()
			return ceilHour(time.Date(y, m+1, 1, 0, 0, 0, 0, loc).Unix())
		}
	default:
		return nil, fmt.Errorf("usage: no period %q: HOUR, DAY or MONTH", p)
	}
	b := []int64{l.from}
	for t := l.from; t < l.to; {
		t = min(next(t), l.to)
		b = append(b, t)
	}
	return b, nil
}

// spread calls f for each piece of each segment that falls in one period,
// with the period's index and the number of hours of the piece.
func (l *Ledger) spread(b []int64, f func(seg *segment, period int, hours int64)) {
	for i := range l.segs {
		seg := &l.segs[i]
		end := seg.start + seg.hours*hour
		k := sort.Search(len(b)-1, func(k int) bool { return b[k+1] > seg.start })
		for t := seg.start; t < end; k++ {
			n := (min(end, b[k+1]) - t) / hour
			f(seg, k, n)
			t += n * hour
		}
	}
}

// periods lists the intervals of the periods that boundaries b cut.
func periods(b []int64) []Interval {
	iv := make([]Interval, len(b)-1)
	for k := range iv {
		iv[k] = Interval{at(b[k]), at(b[k+1])}
	}
	return iv
}

// tally counts, for each of n entities, the periods in which it appears,
// so that their slices are allocated once. of lists the entities of a
// segment.
func (l *Ledger) tally(b []int64, n int, of func(seg *segment, yield func(int))) []int {
	count := make([]int, n)
	last := make([]int, n)
	for i := range last {
		last[i] = -1
	}
	l.spread(b, func(seg *segment, k int, _ int64) {
		of(seg, func(e int) {
			if last[e] != k {
				count[e]++
				last[e] = k
			}
		})
	})
	return count
}

// Usage reports every RI's usage, per period of type p (days and months in
// loc's calendar; nil is UTC).
func (l *Ledger) Usage(p Period, loc *time.Location) (UsageReport, error) {
	b, err := l.boundaries(p, loc)
	if err != nil {
		return UsageReport{}, err
	}
	iv := periods(b)
	rep := UsageReport{
		Window: l.Window(), Period: p, PriceLabel: l.label, Currency: l.currency,
		Reservations: make([]ReservationUsage, len(l.ris)),
		Periods:      make([]PeriodUsage, len(iv)),
	}
	for k := range rep.Periods {
		rep.Periods[k].Interval = iv[k]
	}
	count := l.tally(b, len(l.ris), func(seg *segment, yield func(int)) {
		for _, rh := range seg.ris {
			yield(int(rh.ri))
		}
	})
	last := make([]int, len(l.ris))
	for i, ri := range l.ris {
		rep.Reservations[i].Reservation = ri.in
		rep.Reservations[i].Periods = make([]PeriodUsage, 0, count[i])
		last[i] = -1
	}
	l.spread(b, func(seg *segment, k int, n int64) {
		for _, rh := range seg.ris {
			ri := l.ris[rh.ri]
			capacity := rh.capacity * Quantity(n)
			fig := UsageFigures{
				Capacity:              capacity,
				Used:                  rh.used * Quantity(n),
				ReservationCost:       float64(capacity) * ri.reservedPerQuantity(),
				PostpaidCost:          rh.postpaid * float64(n),
				PotentialPostpaidCost: float64(capacity) * ri.paygPerQuantity(),
			}
			ru := &rep.Reservations[rh.ri]
			if last[rh.ri] != k {
				ru.Periods = append(ru.Periods, PeriodUsage{Interval: iv[k]})
				last[rh.ri] = k
			}
			ru.Periods[len(ru.Periods)-1].add(fig)
			ru.Total.add(fig)
			rep.Periods[k].add(fig)
			rep.Total.add(fig)
		}
	})
	return rep, nil
}

// Coverage reports how much of the fleet's usage RIs paid for, per period
// of type p (days and months in loc's calendar; nil is UTC).
func (l *Ledger) Coverage(p Period, loc *time.Location) (CoverageReport, error) {
	b, err := l.boundaries(p, loc)
	if err != nil {
		return CoverageReport{}, err
	}
	iv := periods(b)
	rep := CoverageReport{
		Window: l.Window(), Period: p, PriceLabel: l.label, Currency: l.currency,
		Declarations: make([]DeclarationCoverage, len(l.decls)),
		Periods:      make([]PeriodCoverage, len(iv)),
	}
	for k := range rep.Periods {
		rep.Periods[k].Interval = iv[k]
	}
	groupOf := make([]int, len(l.decls))
	groups := map[CoverageKey]int{}
	for i, d := range l.decls {
		key := CoverageKey{d.in.Region, d.in.Zone, d.in.InstanceType, d.in.Platform}
		g, ok := groups[key]
		if !ok {
			g = len(rep.Groups)
			groups[key] = g
			rep.Groups = append(rep.Groups, GroupCoverage{Key: key})
		}
		groupOf[i] = g
	}
	declCount := l.tally(b, len(l.decls), func(seg *segment, yield func(int)) {
		for _, dh := range seg.decls {
			yield(int(dh.decl))
		}
	})
	groupCount := l.tally(b, len(rep.Groups), func(seg *segment, yield func(int)) {
		for _, dh := range seg.decls {
			yield(groupOf[dh.decl])
		}
	})
	lastDecl := make([]int, len(l.decls))
	for i, d := range l.decls {
		rep.Declarations[i].Declaration = d.in
		rep.Declarations[i].Periods = make([]PeriodCoverage, 0, declCount[i])
		lastDecl[i] = -1
	}
	lastGroup := make([]int, len(rep.Groups))
	for g := range rep.Groups {
		rep.Groups[g].Periods = make([]PeriodCoverage, 0, groupCount[g])
		lastGroup[g] = -1
	}
	l.spread(b, func(seg *segment, k int, n int64) {
		for _, dh := range seg.decls {
			d := l.decls[dh.decl]
			instanceSeconds := int64(d.in.Count) * dh.seconds * n
			covered := dh.covered * Quantity(n)
			fig := CoverageFigures{
				Usage:           dh.usage * Quantity(n),
				Covered:         covered,
				InstanceSeconds: instanceSeconds,
				PayAsYouGoCost:  float64(instanceSeconds) * d.price.PayAsYouGo / hour,
				CoveredCost:     float64(covered) * d.paygPerQuantity(),
			}
			dc := &rep.Declarations[dh.decl]
			if lastDecl[dh.decl] != k {
				dc.Periods = append(dc.Periods, PeriodCoverage{Interval: iv[k]})
				lastDecl[dh.decl] = k
			}
			dc.Periods[len(dc.Periods)-1].add(fig)
			dc.Total.add(fig)
			g := groupOf[dh.decl]
			gc := &rep.Groups[g]
			if lastGroup[g] != k {
				gc.Periods = append(gc.Periods, PeriodCoverage{Interval: iv[k]})
				lastGroup[g] = k
			}
			gc.Periods[len(gc.Periods)-1].add(fig)
			gc.Total.add(fig)
			rep.Periods[k].add(fig)
			rep.Total.add(fig)
		}
	})
	slices.SortFunc(rep.Groups, func(a, b GroupCoverage) int {
		return cmp.Or(cmp.Compare(a.Key.Region, b.Key.Region), cmp.Compare(a.Key.Zone, b.Key.Zone),
			cmp.Compare(a.Key.InstanceType, b.Key.InstanceType), cmp.Compare(a.Key.Platform, b.Key.Platform))
	})
	return rep, nil
}
