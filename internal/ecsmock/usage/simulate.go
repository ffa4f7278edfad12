package usage

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Ledger is the outcome of one simulation: who paid for what, hour by hour,
// over the window. Hours in which nothing starts or stops repeat the hour
// before, so the ledger stores each run of identical hours once. A Ledger
// is immutable; its reports can be asked for in any period.
type Ledger struct {
	label, currency string
	// from and to bound the window in Unix seconds, whole hours.
	from, to int64
	// ris and decls are in input order; classes are the sets of
	// declarations the RIs may pay for.
	ris     []*reservation
	decls   []*declaration
	classes []*class
	segs    []segment
}

// reservation is an RI prepared for matching.
type reservation struct {
	in         Reservation
	idx        int32
	start, end int64
	// factor is the normalisation factor of its type, in thousandths.
	factor int64
	class  *class
	price  Price
}

// declaration is a fleet declaration prepared for matching.
type declaration struct {
	in         Declaration
	idx        int32
	start, end int64
	factor     int64
	price      Price
	// rank is its place in the order instances are paid for.
	rank int
}

// class is the set of declarations some RIs may pay for: every RI of a
// class sees the same declarations, in the same order.
type class struct {
	eligible []int32
	cursor   int
}

type classKey struct {
	scope    Scope
	flexible bool
	place    string
	what     string
	platform string
}

// segment is a run of identical hours.
type segment struct {
	// start is the first hour, hours how many there are.
	start, hours int64
	// ris holds the RIs in effect, in the order they are applied.
	ris []riHour
	// decls holds the running declarations.
	decls []declHour
	// allocs are one hour's deductions, in the order they are made.
	allocs []alloc
}

// riHour is one RI's hour.
type riHour struct {
	ri             int32
	capacity, used Quantity
	// postpaid is the pay-as-you-go value of what it paid for.
	postpaid float64
}

// declHour is one declaration's hour.
type declHour struct {
	decl           int32
	usage, covered Quantity
	// seconds is how long each of its instances ran.
	seconds int64
}

// alloc is one deduction: an RI paying qty of a declaration's usage,
// starting at offset of that declaration's hour (which tells the
// instances apart).
type alloc struct {
	ri, decl    int32
	offset, qty Quantity
}

// Simulate runs the fleet against the RIs over the window, hour by hour.
// It refuses input it cannot account for: an RI or a declaration without
// an ID, a place, a normalisation factor or a price, or one that ends
// before it starts.
func Simulate(in Input) (*Ledger, error) {
	r := in.Rules
	if r.Family == nil || r.Factor == nil {
		return nil, errors.New("usage: the rules need Family and Factor")
	}
	if in.From.IsZero() || in.To.IsZero() {
		return nil, errors.New("usage: the window needs From and To")
	}
	prices, err := indexPrices(in.Prices)
	if err != nil {
		return nil, err
	}
	l := &Ledger{
		label:    in.Prices.Label,
		currency: in.Prices.Currency,
		from:     ceilHour(unix(in.From)),
		to:       floorHour(unix(in.To)),
	}
	if l.to < l.from {
		l.to = l.from
	}
	if l.to-l.from > maxWindow {
		return nil, fmt.Errorf("usage: a window of more than %d hours", maxWindow/hour)
	}
	if err := l.prepareFleet(in.Fleet, r, prices); err != nil {
		return nil, err
	}
	if err := l.prepareReservations(in.Reservations, r, prices); err != nil {
		return nil, err
	}
	l.run(r)
	return l, nil
}

// Bounds that keep every Quantity, summed over a window, far inside int64:
// an RI or a declaration reaches at most maxCount × maxFactor × 1000 × 3600
// per hour, about 3.7 × 10^13, and the longest window holds 87,840 hours.
// Sums over many RIs or declarations stay exact up to about 2.5 × 10^12
// factor-hours, well beyond any fleet.
const (
	maxCount  = 10_000
	maxFactor = 1024
	maxWindow = 366 * 10 * 24 * hour
)

// priceIndex holds prices by type and lower-case platform.
type priceIndex map[PriceKey]Price

func indexPrices(t PriceTable) (priceIndex, error) {
	idx := priceIndex{}
	for k, p := range t.Prices {
		if p.PayAsYouGo < 0 || p.Reserved < 0 || math.IsNaN(p.PayAsYouGo) || math.IsNaN(p.Reserved) {
			return nil, fmt.Errorf("usage: the price of %s on %q is not a price", k.InstanceType, k.Platform)
		}
		key := PriceKey{k.InstanceType, strings.ToLower(k.Platform)}
		if _, dup := idx[key]; dup {
			return nil, fmt.Errorf("usage: two prices for %s on %q", k.InstanceType, k.Platform)
		}
		idx[key] = p
	}
	return idx, nil
}

func (idx priceIndex) lookup(instanceType, platform string) (Price, error) {
	if p, ok := idx[PriceKey{instanceType, strings.ToLower(platform)}]; ok {
		return p, nil
	}
	if p, ok := idx[PriceKey{InstanceType: instanceType}]; ok {
		return p, nil
	}
	return Price{}, fmt.Errorf("usage: no price for %s on %q", instanceType, platform)
}

// factorOf reads a normalisation factor in thousandths.
func factorOf(r Rules, instanceType string) (int64, error) {
	f, ok := r.Factor(instanceType)
	if !ok {
		return 0, fmt.Errorf("usage: %s rules know no normalisation factor for %s", r.Cloud, instanceType)
	}
	milli := math.Round(f * 1000)
	if !(f > 0) || milli < 1 || milli > maxFactor*1000 || math.Abs(f*1000-milli) > 1e-6 {
		return 0, fmt.Errorf("usage: the normalisation factor %v of %s is not a multiple of 0.001 between 0.001 and %d", f, instanceType, maxFactor)
	}
	return int64(milli), nil
}

// checkSpan validates a start and an end.
func checkSpan(what, id string, start, end int64, startZero bool) error {
	if startZero {
		return fmt.Errorf("usage: %s %q has no start", what, id)
	}
	if end <= start {
		return fmt.Errorf("usage: %s %q ends before it starts", what, id)
	}
	return nil
}

func (l *Ledger) prepareFleet(fleet []Declaration, r Rules, prices priceIndex) error {
	seen := map[string]bool{}
	for _, d := range fleet {
		switch {
		case d.ID == "":
			return errors.New("usage: a declaration has no ID")
		case seen[d.ID]:
			return fmt.Errorf("usage: declaration %q twice", d.ID)
		case d.Region == "" || d.Zone == "" || d.InstanceType == "":
			return fmt.Errorf("usage: declaration %q needs a region, a zone and an instance type", d.ID)
		case d.Count < 1 || d.Count > maxCount:
			return fmt.Errorf("usage: declaration %q counts %d instances, not 1 to %d", d.ID, d.Count, maxCount)
		}
		seen[d.ID] = true
		dd := &declaration{in: d, idx: int32(len(l.decls)), start: unix(d.Start), end: endOf(d.End)}
		if err := checkSpan("declaration", d.ID, dd.start, dd.end, d.Start.IsZero()); err != nil {
			return err
		}
		var err error
		if dd.factor, err = factorOf(r, d.InstanceType); err != nil {
			return err
		}
		if dd.price, err = prices.lookup(d.InstanceType, d.Platform); err != nil {
			return err
		}
		l.decls = append(l.decls, dd)
	}
	ranked := slices.Clone(l.decls)
	slices.SortFunc(ranked, func(a, b *declaration) int {
		return cmp.Or(cmp.Compare(a.start, b.start), strings.Compare(a.in.ID, b.in.ID))
	})
	for i, d := range ranked {
		d.rank = i
	}
	return nil
}

func (l *Ledger) prepareReservations(ris []Reservation, r Rules, prices priceIndex) error {
	seen := map[string]bool{}
	classes := map[classKey]*class{}
	for _, ri := range ris {
		switch {
		case ri.ID == "":
			return errors.New("usage: a reservation has no ID")
		case seen[ri.ID]:
			return fmt.Errorf("usage: reservation %q twice", ri.ID)
		case ri.Region == "" || ri.InstanceType == "":
			return fmt.Errorf("usage: reservation %q needs a region and an instance type", ri.ID)
		case ri.Scope == Zonal && ri.Zone == "":
			return fmt.Errorf("usage: zonal reservation %q needs a zone", ri.ID)
		case ri.Scope == Regional && ri.Zone != "":
			return fmt.Errorf("usage: regional reservation %q has a zone", ri.ID)
		case ri.Scope != Zonal && ri.Scope != Regional:
			return fmt.Errorf("usage: reservation %q has no scope", ri.ID)
		case ri.Amount < 1 || ri.Amount > maxCount:
			return fmt.Errorf("usage: reservation %q covers %d instances, not 1 to %d", ri.ID, ri.Amount, maxCount)
		}
		seen[ri.ID] = true
		rr := &reservation{in: ri, idx: int32(len(l.ris)), start: unix(ri.Start), end: endOf(ri.End)}
		if err := checkSpan("reservation", ri.ID, rr.start, rr.end, ri.Start.IsZero()); err != nil {
			return err
		}
		var err error
		if rr.factor, err = factorOf(r, ri.InstanceType); err != nil {
			return err
		}
		if rr.price, err = prices.lookup(ri.InstanceType, ri.Platform); err != nil {
			return err
		}
		key := l.classKeyOf(ri, r)
		c, ok := classes[key]
		if !ok {
			c = l.newClass(key, r)
			classes[key] = c
			l.classes = append(l.classes, c)
		}
		rr.class = c
		l.ris = append(l.ris, rr)
	}
	return nil
}

// classKeyOf says which declarations an RI may pay for.
func (l *Ledger) classKeyOf(ri Reservation, r Rules) classKey {
	k := classKey{scope: ri.Scope, platform: r.platformKey(ri.Platform)}
	switch {
	case ri.Scope == Zonal:
		k.place, k.what = ri.Region+"\x00"+ri.Zone, ri.InstanceType
	case r.sizeFlexible(ri.Platform):
		k.flexible = true
		k.place, k.what = ri.Region, r.Family(ri.InstanceType)
	default:
		k.place, k.what = ri.Region, ri.InstanceType
	}
	return k
}

// newClass lists the declarations of a class, in the order they are paid
// for.
func (l *Ledger) newClass(k classKey, r Rules) *class {
	c := &class{}
	for i, d := range l.decls {
		if r.platformKey(d.in.Platform) != k.platform {
			continue
		}
		var ok bool
		switch {
		case k.scope == Zonal:
			ok = d.in.Region+"\x00"+d.in.Zone == k.place && d.in.InstanceType == k.what
		case k.flexible:
			ok = d.in.Region == k.place && r.Family(d.in.InstanceType) == k.what
		default:
			ok = d.in.Region == k.place && d.in.InstanceType == k.what
		}
		if ok {
			c.eligible = append(c.eligible, int32(i))
		}
	}
	slices.SortFunc(c.eligible, func(a, b int32) int { return l.decls[a].rank - l.decls[b].rank })
	return c
}

// run walks the window. Between two instants at which an RI or a
// declaration starts or stops, every whole hour is the same: the first is
// worked out and counted for all. An hour in which something starts or
// stops is worked out alone.
func (l *Ledger) run(r Rules) {
	order := slices.Clone(l.ris)
	slices.SortFunc(order, r.compare)
	events := l.events()
	m := newMatcher(l, order)
	k := 0
	for h := l.from; h < l.to; {
		for k < len(events) && events[k] <= h {
			k++
		}
		next := l.to
		if k < len(events) {
			next = events[k]
		}
		seg := m.hour(h)
		seg.hours = 1
		if next >= h+hour {
			seg.hours = (min(floorHour(next), l.to) - h) / hour
		}
		l.segs = append(l.segs, seg)
		h += seg.hours * hour
	}
}

// events lists the instants inside the window at which something starts or
// stops, sorted and unique.
func (l *Ledger) events() []int64 {
	var ev []int64
	add := func(t int64) {
		if t > l.from && t < l.to {
			ev = append(ev, t)
		}
	}
	for _, ri := range l.ris {
		add(ri.start)
		add(ri.end)
	}
	for _, d := range l.decls {
		add(d.start)
		add(d.end)
	}
	slices.Sort(ev)
	return slices.Compact(ev)
}
