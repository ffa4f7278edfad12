package usage

import (
	"testing"
	"time"
)

// The acceptance bar of the issue: utilisation of one RI over a window, with
// every figure the usage APIs report worked out by hand.
func TestReservationUtilisation(t *testing.T) {
	g6Zonal := Reservation{
		ID: "ri-g6", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", Scope: Zonal,
		InstanceType: "ecs.g6.large", Amount: 2, Platform: "Linux",
		Start: T.Add(-days(20)), End: T.Add(days(345)),
	}
	g6Web := Declaration{
		ID: "web", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", InstanceType: "ecs.g6.large",
		Platform: "Linux", Count: 1, Start: T.Add(-days(10)),
	}
	c6Regional := Reservation{
		ID: "ri-c6", Region: "cn-hangzhou", Scope: Regional, InstanceType: "ecs.c6.2xlarge",
		Amount: 1, Platform: "Linux", Start: T.Add(-days(30)), End: T.Add(days(335)),
	}
	c6 := func(id, zone string, count int) Declaration {
		return Declaration{
			ID: id, Region: "cn-hangzhou", Zone: zone, InstanceType: "ecs.c6.large",
			Platform: "Linux", Count: count, Start: T.Add(-days(30)),
		}
	}
	g3iZonal := Reservation{
		ID: "ri-g3i", Region: "cn-beijing", Zone: "cn-beijing-a", Scope: Zonal,
		InstanceType: "ecs.g3i.large", Amount: 2, Start: T.Add(-days(20)), End: T.Add(days(345)),
	}
	g3iApp := Declaration{
		ID: "app", Region: "cn-beijing", Zone: "cn-beijing-a", InstanceType: "ecs.g3i.large",
		Count: 1, Start: T.Add(-days(10)),
	}
	for _, tc := range []struct {
		name  string
		rules Rules
		ris   []Reservation
		fleet []Declaration
		from  time.Time
		// want, for the first RI over the window.
		capacity, used                         Quantity
		utilisation                            float64
		reservationCost, postpaid, potentialPP float64
	}{
		{
			// 2 instances × factor 2 × 240 h reserved; 1 × 2 × 240 used.
			name: "alibaba zonal, last 10 days", rules: alibaba,
			ris: []Reservation{g6Zonal}, fleet: []Declaration{g6Web}, from: T.Add(-days(10)),
			capacity: fh(960), used: fh(480), utilisation: 0.5,
			reservationCost: 2 * 240 * 0.3, postpaid: 240 * 0.5, potentialPP: 2 * 240 * 0.5,
		},
		{
			name: "alibaba zonal, last 20 days", rules: alibaba,
			ris: []Reservation{g6Zonal}, fleet: []Declaration{g6Web}, from: T.Add(-days(20)),
			capacity: fh(1920), used: fh(480), utilisation: 0.25,
			reservationCost: 2 * 480 * 0.3, postpaid: 240 * 0.5, potentialPP: 2 * 480 * 0.5,
		},
		{
			// Factor 8 reserved; four factor-2 instances in two zones use it all.
			name: "alibaba regional, four smaller instances in two zones", rules: alibaba,
			ris:   []Reservation{c6Regional},
			fleet: []Declaration{c6("h", "cn-hangzhou-h", 2), c6("i", "cn-hangzhou-i", 2)},
			from:  T.Add(-days(10)), capacity: fh(8 * 240), used: fh(8 * 240), utilisation: 1,
			reservationCost: 240 * 1, postpaid: 4 * 240 * 0.4, potentialPP: 240 * 1.6,
		},
		{
			name: "alibaba regional, two smaller instances in two zones", rules: alibaba,
			ris:   []Reservation{c6Regional},
			fleet: []Declaration{c6("h", "cn-hangzhou-h", 1), c6("i", "cn-hangzhou-i", 1)},
			from:  T.Add(-days(10)), capacity: fh(8 * 240), used: fh(4 * 240), utilisation: 0.5,
			reservationCost: 240 * 1, postpaid: 2 * 240 * 0.4, potentialPP: 240 * 1.6,
		},
		{
			name: "volcengine zonal, last 10 days", rules: volcengine,
			ris: []Reservation{g3iZonal}, fleet: []Declaration{g3iApp}, from: T.Add(-days(10)),
			capacity: fh(960), used: fh(480), utilisation: 0.5,
			reservationCost: 2 * 240 * 0.28, postpaid: 240 * 0.45, potentialPP: 2 * 240 * 0.45,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := simulate(t, Input{Rules: tc.rules, Reservations: tc.ris, Fleet: tc.fleet, From: tc.from, To: T})
			rep := usageOf(t, l, Day, nil)
			got := reservationUsage(t, rep, tc.ris[0].ID).Total
			if got.Capacity != tc.capacity || got.Used != tc.used || got.Unused() != tc.capacity-tc.used {
				t.Errorf("capacity %v used %v unused %v factor-hours, want %v, %v, %v",
					got.Capacity.FactorHours(), got.Used.FactorHours(), got.Unused().FactorHours(),
					tc.capacity.FactorHours(), tc.used.FactorHours(), (tc.capacity - tc.used).FactorHours())
			}
			if got.Utilisation() != tc.utilisation {
				t.Errorf("utilisation %v, want %v", got.Utilisation(), tc.utilisation)
			}
			checkMoney(t, "ReservationCost", got.ReservationCost, tc.reservationCost)
			checkMoney(t, "PostpaidCost", got.PostpaidCost, tc.postpaid)
			checkMoney(t, "SavedCost", got.SavedCost(), tc.postpaid-tc.reservationCost)
			checkMoney(t, "PotentialSavedCost", got.PotentialSavedCost(), tc.potentialPP-tc.reservationCost)
			if rep.Total != got {
				t.Errorf("report total %+v, want the RI's %+v", rep.Total, got)
			}
			if rep.PriceLabel != testPrices.Label || rep.Currency != "CNY" {
				t.Errorf("prices labelled %q in %q", rep.PriceLabel, rep.Currency)
			}
		})
	}
}

// The Volcengine case as ListPackageUsageDetails lists it: every hour the
// RI's quota is factor 2 × 2 instances × 3600 s, and the one instance takes
// half of it.
func TestVolcengineHourlyQuota(t *testing.T) {
	l := simulate(t, Input{
		Rules: volcengine,
		Reservations: []Reservation{{
			ID: "ri-g3i", Region: "cn-beijing", Zone: "cn-beijing-a", Scope: Zonal,
			InstanceType: "ecs.g3i.large", Amount: 2, Start: T.Add(-days(20)),
		}},
		Fleet: []Declaration{{
			ID: "app", Region: "cn-beijing", Zone: "cn-beijing-a", InstanceType: "ecs.g3i.large",
			Count: 1, Start: T.Add(-days(10)),
		}},
		From: T.Add(-days(10)), To: T,
	})
	n := 0
	for d := range l.Deductions() {
		if d.Capacity.FactorSeconds() != 14400 || d.Before.FactorSeconds() != 14400 ||
			d.Quantity.FactorSeconds() != 7200 || d.After().FactorSeconds() != 7200 || d.Ratio() != 1 ||
			d.Reservation != "ri-g3i" || d.Declaration != "app" || d.Instance != 0 {
			t.Fatalf("deduction %+v", d)
		}
		if want := T.Add(-days(10) + time.Duration(n)*time.Hour); !d.Hour.Equal(want) {
			t.Fatalf("deduction %d at %v, want %v", n, d.Hour, want)
		}
		n++
	}
	if n != 240 {
		t.Errorf("%d deductions, want one an hour for 240 hours", n)
	}
}
