package usage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// reference is the model written the plain way, hour after hour with no
// runs of identical hours, to check the ledger against: it returns, per
// hour start, each RI's capacity and use and each declaration's coverage.
type referenceHour struct {
	capacity, used map[string]Quantity
	usage, covered map[string]Quantity
}

func reference(in Input) map[int64]referenceHour {
	milli := func(instanceType string) int64 {
		f, _ := in.Rules.Factor(instanceType)
		return int64(f * 1000)
	}
	secs := func(a, b time.Time, h int64) int64 {
		lo, hi := a.Unix(), int64(1<<62)
		if !b.IsZero() {
			hi = b.Unix()
		}
		return max(0, min(hi, h+3600)-max(lo, h))
	}
	samePlatform := func(a, b string) bool {
		return !in.Rules.PlatformMustMatch || strings.EqualFold(a, b)
	}
	pays := func(r Reservation, d Declaration) bool {
		if r.Region != d.Region || !samePlatform(r.Platform, d.Platform) {
			return false
		}
		if r.Scope == Zonal {
			return r.Zone == d.Zone && r.InstanceType == d.InstanceType
		}
		if in.Rules.sizeFlexible(r.Platform) {
			return in.Rules.Family(r.InstanceType) == in.Rules.Family(d.InstanceType)
		}
		return r.InstanceType == d.InstanceType
	}
	end := func(r Reservation) int64 {
		if r.End.IsZero() {
			return 1 << 62
		}
		return r.End.Unix()
	}
	ris := slices.Clone(in.Reservations)
	slices.SortStableFunc(ris, func(a, b Reservation) int {
		for _, k := range in.Rules.Order {
			var less, more bool
			switch k {
			case ZonalFirst:
				less, more = a.Scope == Zonal && b.Scope == Regional, a.Scope == Regional && b.Scope == Zonal
			case EarliestExpiryFirst:
				less, more = end(a) < end(b), end(a) > end(b)
			case EarliestStartFirst:
				less, more = a.Start.Before(b.Start), a.Start.After(b.Start)
			case SmallestFirst:
				pa, pb := milli(a.InstanceType)*int64(a.Amount), milli(b.InstanceType)*int64(b.Amount)
				less, more = pa < pb, pa > pb
			}
			if less {
				return -1
			}
			if more {
				return 1
			}
		}
		return strings.Compare(a.ID, b.ID)
	})
	fleet := slices.Clone(in.Fleet)
	slices.SortStableFunc(fleet, func(a, b Declaration) int {
		if c := a.Start.Unix() - b.Start.Unix(); c != 0 {
			return int(c)
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := map[int64]referenceHour{}
	first := in.From.Truncate(time.Hour)
	if !first.Equal(in.From) {
		first = first.Add(time.Hour)
	}
	for h := first.Unix(); h+3600 <= in.To.Unix(); h += 3600 {
		rh := referenceHour{map[string]Quantity{}, map[string]Quantity{}, map[string]Quantity{}, map[string]Quantity{}}
		left := map[string]Quantity{}
		for _, d := range fleet {
			if s := secs(d.Start, d.End, h); s > 0 {
				rh.usage[d.ID] = Quantity(milli(d.InstanceType) * int64(d.Count) * s)
				left[d.ID] = rh.usage[d.ID]
			}
		}
		for _, r := range ris {
			s := secs(r.Start, r.End, h)
			if s == 0 {
				continue
			}
			c := Quantity(milli(r.InstanceType) * int64(r.Amount) * s)
			rh.capacity[r.ID] = c
			for _, d := range fleet {
				if c == 0 {
					break
				}
				if left[d.ID] == 0 || !pays(r, d) {
					continue
				}
				q := min(c, left[d.ID])
				c -= q
				left[d.ID] -= q
				rh.used[r.ID] += q
				rh.covered[d.ID] += q
			}
		}
		out[h] = rh
	}
	return out
}

// randomInput draws RIs and a fleet that start and stop at random seconds
// around a three-day window.
func randomInput(rng *rand.Rand) Input {
	types := []string{"ecs.g6.large", "ecs.g6.xlarge", "ecs.g6.2xlarge", "ecs.c6.large", "ecs.c6.2xlarge"}
	zones := []struct{ region, zone string }{
		{"cn-hangzhou", "cn-hangzhou-h"}, {"cn-hangzhou", "cn-hangzhou-i"}, {"cn-beijing", "cn-beijing-a"},
	}
	platforms := []string{"Linux", "Windows", "linux"}
	base := T.Add(-4 * 24 * time.Hour)
	instant := func() time.Time { return base.Add(time.Duration(rng.Int64N(5*24*3600)) * time.Second) }
	span := func() (time.Time, time.Time) {
		start := instant()
		if rng.IntN(3) == 0 {
			return start, time.Time{}
		}
		return start, start.Add(time.Duration(1+rng.Int64N(2*24*3600)) * time.Second)
	}
	var in Input
	switch rng.IntN(4) {
	case 0:
		in.Rules = alibaba
	case 1:
		in.Rules = volcengine
	case 2:
		in.Rules = alibaba
		in.Rules.Order = []OrderKey{SmallestFirst, EarliestStartFirst}
		in.Rules.SizeFlexiblePlatforms = []string{"linux"}
	default:
		in.Rules = volcengine
		in.Rules.RegionalSizeFlexible = false
		in.Rules.PlatformMustMatch = true
	}
	for i := range 1 + rng.IntN(12) {
		z := zones[rng.IntN(len(zones))]
		r := Reservation{
			ID: fmt.Sprintf("ri-%02d", i), Region: z.region, Scope: Regional,
			InstanceType: types[rng.IntN(len(types))], Amount: 1 + rng.IntN(3), Platform: platforms[rng.IntN(len(platforms))],
		}
		if rng.IntN(2) == 0 {
			r.Scope, r.Zone = Zonal, z.zone
		}
		r.Start, r.End = span()
		in.Reservations = append(in.Reservations, r)
	}
	for i := range 1 + rng.IntN(12) {
		z := zones[rng.IntN(len(zones))]
		d := Declaration{
			ID: fmt.Sprintf("d-%02d", i), Region: z.region, Zone: z.zone, InstanceType: types[rng.IntN(len(types))],
			Platform: platforms[rng.IntN(len(platforms))], Count: 1 + rng.IntN(4),
		}
		d.Start, d.End = span()
		in.Fleet = append(in.Fleet, d)
	}
	in.From = T.Add(-3*24*time.Hour + time.Duration(rng.IntN(2))*17*time.Minute)
	in.To = T.Add(-time.Duration(rng.IntN(2)) * 23 * time.Minute)
	return in
}

func TestAgainstTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 2026))
	for n := range 300 {
		in := randomInput(rng)
		want := reference(in)
		l := simulate(t, in)
		u, c := usageOf(t, l, Hour, nil), coverageOf(t, l, Hour, nil)
		got := map[int64]referenceHour{}
		for _, p := range u.Periods {
			got[p.Start.Unix()] = referenceHour{map[string]Quantity{}, map[string]Quantity{}, map[string]Quantity{}, map[string]Quantity{}}
		}
		for _, r := range u.Reservations {
			for _, p := range r.Periods {
				got[p.Start.Unix()].capacity[r.Reservation.ID] = p.Capacity
				if p.Used != 0 {
					got[p.Start.Unix()].used[r.Reservation.ID] = p.Used
				}
			}
		}
		for _, d := range c.Declarations {
			for _, p := range d.Periods {
				got[p.Start.Unix()].usage[d.Declaration.ID] = p.Usage
				if p.Covered != 0 {
					got[p.Start.Unix()].covered[d.Declaration.ID] = p.Covered
				}
			}
		}
		if len(got) != len(want) {
			t.Fatalf("case %d: %d hours, want %d", n, len(got), len(want))
		}
		for h, w := range want {
			g := got[h]
			for _, m := range []struct {
				what      string
				got, want map[string]Quantity
			}{
				{"capacity", g.capacity, w.capacity}, {"used", g.used, w.used},
				{"usage", g.usage, w.usage}, {"covered", g.covered, w.covered},
			} {
				if !mapsEqual(m.got, m.want) {
					t.Fatalf("case %d, hour %v, %s: %v, want %v\ninput: %+v", n, at(h), m.what, m.got, m.want, in)
				}
			}
		}
	}
}

func mapsEqual(a, b map[string]Quantity) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
