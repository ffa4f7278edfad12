package usage

import (
	"iter"
	"time"
)

// Deduction is one RI paying, in one clock hour, for all or part of one
// instance's usage: a record of Volcengine's ListPackageUsageDetails.
type Deduction struct {
	// Hour is the start of the clock hour.
	Hour        time.Time
	Reservation string
	Declaration string
	// Instance tells the declaration's instances apart, from 0.
	Instance int
	// Capacity is the RI's quota for the hour; Before what was left of it
	// before this deduction.
	Capacity, Before Quantity
	// Quantity is what the RI paid for.
	Quantity Quantity
	// InstanceUsage is what the instance consumed in the hour.
	InstanceUsage Quantity
}

// After is what is left of the RI's quota for the hour after this
// deduction.
func (d Deduction) After() Quantity { return d.Before - d.Quantity }

// Ratio is the share of the instance's usage in the hour this deduction
// paid for.
func (d Deduction) Ratio() float64 { return ratio(d.Quantity, d.InstanceUsage) }

// Deductions yields every deduction of the window, hour after hour, and
// within an hour in the order the RIs were applied.
func (l *Ledger) Deductions() iter.Seq[Deduction] {
	return func(yield func(Deduction) bool) {
		capacity := make([]Quantity, len(l.ris))
		spent := make([]Quantity, len(l.ris))
		perInstance := make([]Quantity, len(l.decls))
		for i := range l.segs {
			seg := &l.segs[i]
			for _, rh := range seg.ris {
				capacity[rh.ri] = rh.capacity
			}
			for _, dh := range seg.decls {
				perInstance[dh.decl] = dh.usage / Quantity(l.decls[dh.decl].in.Count)
			}
			for h := range seg.hours {
				for _, rh := range seg.ris {
					spent[rh.ri] = 0
				}
				start := at(seg.start + h*hour)
				for _, a := range seg.allocs {
					if !l.yieldAlloc(yield, a, start, capacity[a.ri], spent, perInstance[a.decl]) {
						return
					}
				}
			}
		}
	}
}

// yieldAlloc splits one allocation among the instances it paid for:
// instance k of a declaration owns [k×u, (k+1)×u) of the declaration's
// usage, u being one instance's usage.
func (l *Ledger) yieldAlloc(yield func(Deduction) bool, a alloc, start time.Time, capacity Quantity, spent []Quantity, u Quantity) bool {
	ri, d := l.ris[a.ri], l.decls[a.decl]
	lo, hi := a.offset, a.offset+a.qty
	for k := lo / u; k*u < hi; k++ {
		q := min(hi, (k+1)*u) - max(lo, k*u)
		rec := Deduction{
			Hour: start, Reservation: ri.in.ID, Declaration: d.in.ID, Instance: int(k),
			Capacity: capacity, Before: capacity - spent[a.ri], Quantity: q, InstanceUsage: u,
		}
		spent[a.ri] += q
		if !yield(rec) {
			return false
		}
	}
	return true
}
