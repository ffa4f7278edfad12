package usage

import (
	"slices"
	"testing"
	"time"
)

func TestDeductionRecords(t *testing.T) {
	// A regional ecs.c6.2xlarge RI (factor 8) and, in the order they are
	// paid for (earliest start first), three ecs.c6.large (2 each) and one
	// ecs.c6.xlarge (4): the large ones are paid in full, half of the
	// xlarge.
	in := Input{
		Rules: volcengine,
		Reservations: []Reservation{{
			ID: "ri", Region: "cn-hangzhou", Scope: Regional, InstanceType: "ecs.c6.2xlarge", Amount: 1,
			Start: T.Add(-days(1)),
		}},
		Fleet: []Declaration{
			{ID: "small", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", InstanceType: "ecs.c6.large", Count: 3, Start: T.Add(-days(3))},
			{ID: "bigger", Region: "cn-hangzhou", Zone: "cn-hangzhou-i", InstanceType: "ecs.c6.xlarge", Count: 1, Start: T.Add(-days(2))},
		},
		From: T.Add(-2 * time.Hour), To: T,
	}
	l := simulate(t, in)
	got := slices.Collect(l.Deductions())
	var want []Deduction
	for _, h := range []time.Time{T.Add(-2 * time.Hour), T.Add(-time.Hour)} {
		capacity := fh(8)
		want = append(want,
			Deduction{Hour: h, Reservation: "ri", Declaration: "small", Instance: 0, Capacity: capacity, Before: fh(8), Quantity: fh(2), InstanceUsage: fh(2)},
			Deduction{Hour: h, Reservation: "ri", Declaration: "small", Instance: 1, Capacity: capacity, Before: fh(6), Quantity: fh(2), InstanceUsage: fh(2)},
			Deduction{Hour: h, Reservation: "ri", Declaration: "small", Instance: 2, Capacity: capacity, Before: fh(4), Quantity: fh(2), InstanceUsage: fh(2)},
			Deduction{Hour: h, Reservation: "ri", Declaration: "bigger", Instance: 0, Capacity: capacity, Before: fh(2), Quantity: fh(2), InstanceUsage: fh(4)},
		)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("deductions:\n%+v\nwant\n%+v", got, want)
	}
	last := got[len(got)-1]
	if last.After() != 0 || last.Ratio() != 0.5 || last.Quantity.FactorSeconds() != 2*3600 {
		t.Errorf("last deduction: after %v, ratio %v, %v factor-seconds", last.After(), last.Ratio(), last.Quantity.FactorSeconds())
	}

	// Stopping early stops.
	n := 0
	for range l.Deductions() {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("%d deductions before stopping", n)
	}
}

func TestDeductionsAddUpToTheReports(t *testing.T) {
	l := simulate(t, mixed())
	u, c := usageOf(t, l, Month, nil), coverageOf(t, l, Month, nil)
	used := map[string]Quantity{}
	covered := map[string]Quantity{}
	type riHourKey struct {
		ri   string
		hour time.Time
	}
	left := map[riHourKey]Quantity{}
	for d := range l.Deductions() {
		used[d.Reservation] += d.Quantity
		covered[d.Declaration] += d.Quantity
		k := riHourKey{d.Reservation, d.Hour}
		before, seen := left[k]
		if !seen {
			before = d.Capacity
		}
		if d.Before != before || d.After() < 0 || d.Quantity <= 0 || d.Quantity > d.InstanceUsage {
			t.Fatalf("deduction %+v after %v left", d, before)
		}
		left[k] = d.After()
	}
	for _, r := range u.Reservations {
		if used[r.Reservation.ID] != r.Total.Used {
			t.Errorf("%s: deductions add up to %v, report %v", r.Reservation.ID, used[r.Reservation.ID], r.Total.Used)
		}
	}
	for _, d := range c.Declarations {
		if covered[d.Declaration.ID] != d.Total.Covered {
			t.Errorf("%s: deductions add up to %v, report %v", d.Declaration.ID, covered[d.Declaration.ID], d.Total.Covered)
		}
	}
}
