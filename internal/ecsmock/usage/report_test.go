package usage

import (
	"strings"
	"testing"
	"time"
)

// mixed is a fleet and RIs that start and stop at odd seconds over two
// months and a half, across a month's end.
func mixed() Input {
	at := func(d, h, m, s int) time.Time { return T.Add(-days(d) + time.Duration(h*3600+m*60+s)*time.Second) }
	return Input{
		Rules: alibaba,
		Reservations: []Reservation{
			{ID: "ri-zonal", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", Scope: Zonal, InstanceType: "ecs.g6.large",
				Amount: 3, Platform: "Linux", Start: at(80, 0, 0, 0), End: at(20, 0, 0, 0)},
			{ID: "ri-regional", Region: "cn-hangzhou", Scope: Regional, InstanceType: "ecs.g6.2xlarge",
				Amount: 1, Platform: "Linux", Start: at(50, 13, 0, 0)},
			{ID: "ri-c6", Region: "cn-hangzhou", Scope: Regional, InstanceType: "ecs.c6.xlarge",
				Amount: 2, Platform: "Linux", Start: at(70, 7, 0, 0), End: at(3, 5, 0, 0)},
			{ID: "ri-win", Region: "cn-hangzhou", Zone: "cn-hangzhou-i", Scope: Zonal, InstanceType: "ecs.g6.large",
				Amount: 1, Platform: "Windows", Start: at(60, 0, 0, 0)},
		},
		Fleet: []Declaration{
			{ID: "web", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", InstanceType: "ecs.g6.large", Platform: "Linux",
				Count: 4, Start: at(75, 2, 17, 31), End: at(10, 8, 59, 2)},
			{ID: "batch", Region: "cn-hangzhou", Zone: "cn-hangzhou-i", InstanceType: "ecs.g6.xlarge", Platform: "Linux",
				Count: 3, Start: at(44, 23, 30, 0)},
			{ID: "compute", Region: "cn-hangzhou", Zone: "cn-hangzhou-i", InstanceType: "ecs.c6.large", Platform: "Linux",
				Count: 5, Start: at(66, 6, 6, 6), End: at(1, 1, 1, 1)},
			{ID: "desktop", Region: "cn-hangzhou", Zone: "cn-hangzhou-i", InstanceType: "ecs.g6.large", Platform: "Windows",
				Count: 2, Start: at(59, 12, 0, 1), End: at(58, 12, 40, 0)},
			{ID: "memory", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", InstanceType: "ecs.r6.large", Platform: "Linux",
				Count: 1, Start: at(30, 0, 0, 0)},
		},
		From: at(74, 5, 0, 0),
		To:   T,
	}
}

func checkContiguous(t *testing.T, what string, window Interval, periods []Interval) {
	t.Helper()
	if len(periods) == 0 {
		t.Fatalf("%s: no periods", what)
	}
	if !periods[0].Start.Equal(window.Start) || !periods[len(periods)-1].End.Equal(window.End) {
		t.Errorf("%s: periods span %v to %v, window %v to %v", what, periods[0].Start, periods[len(periods)-1].End, window.Start, window.End)
	}
	for i, p := range periods {
		if !p.Start.Before(p.End) || p.Start.Unix()%3600 != 0 || p.End.Unix()%3600 != 0 {
			t.Errorf("%s: period %d is %v to %v", what, i, p.Start, p.End)
		}
		if i > 0 && !periods[i-1].End.Equal(p.Start) {
			t.Errorf("%s: gap before period %d", what, i)
		}
	}
}

func sumUsage(periods []PeriodUsage) (sum UsageFigures) {
	for _, p := range periods {
		sum.add(p.UsageFigures)
	}
	return sum
}

func sumCoverage(periods []PeriodCoverage) (sum CoverageFigures) {
	for _, p := range periods {
		sum.add(p.CoverageFigures)
	}
	return sum
}

func sameUsage(t *testing.T, what string, got, want UsageFigures) {
	t.Helper()
	if got.Capacity != want.Capacity || got.Used != want.Used {
		t.Errorf("%s: %v/%v factor-hours, want %v/%v", what, got.Used.FactorHours(), got.Capacity.FactorHours(),
			want.Used.FactorHours(), want.Capacity.FactorHours())
	}
	checkMoney(t, what+" ReservationCost", got.ReservationCost, want.ReservationCost)
	checkMoney(t, what+" PostpaidCost", got.PostpaidCost, want.PostpaidCost)
	checkMoney(t, what+" PotentialPostpaidCost", got.PotentialPostpaidCost, want.PotentialPostpaidCost)
}

func sameCoverage(t *testing.T, what string, got, want CoverageFigures) {
	t.Helper()
	if got.Usage != want.Usage || got.Covered != want.Covered || got.InstanceSeconds != want.InstanceSeconds {
		t.Errorf("%s: %+v, want %+v", what, got, want)
	}
	checkMoney(t, what+" PayAsYouGoCost", got.PayAsYouGoCost, want.PayAsYouGoCost)
	checkMoney(t, what+" CoveredCost", got.CoveredCost, want.CoveredCost)
}

func TestPeriodsSumToTheWindow(t *testing.T) {
	l := simulate(t, mixed())
	beijing := time.FixedZone("UTC+8", 8*3600)
	india := time.FixedZone("UTC+5:30", 5*3600+1800)
	var firstUsage UsageFigures
	var firstCoverage CoverageFigures
	for i, tc := range []struct {
		period Period
		loc    *time.Location
		count  int
	}{
		// The window opens at 05:00 UTC on 31 December 2025 and closes
		// at 00:00 UTC on 15 March 2026: 1771 hours, 74 UTC days.
		{Hour, nil, 1771},
		{Day, nil, 74},
		// Beijing days start at 16:00 UTC: from 13:00 on the first day,
		// then 73 whole days, then 8 hours.
		{Day, beijing, 75},
		// Indian days start at 18:30 UTC: their hours from 19:00.
		{Day, india, 75},
		{Month, nil, 4},
		{Month, beijing, 4},
	} {
		name := string(tc.period)
		if tc.loc != nil {
			name += " " + tc.loc.String()
		}
		t.Run(name, func(t *testing.T) {
			u, c := usageOf(t, l, tc.period, tc.loc), coverageOf(t, l, tc.period, tc.loc)
			if len(u.Periods) != tc.count || len(c.Periods) != tc.count {
				t.Errorf("%d and %d periods, want %d", len(u.Periods), len(c.Periods), tc.count)
			}
			var intervals []Interval
			for _, p := range u.Periods {
				intervals = append(intervals, p.Interval)
			}
			checkContiguous(t, "usage", u.Window, intervals)
			if tc.loc == beijing && tc.period == Day && u.Periods[1].Start.In(beijing).Hour() != 0 {
				t.Errorf("a Beijing day starts at %v", u.Periods[1].Start.In(beijing))
			}
			if tc.loc == india && tc.period == Day && u.Periods[1].Start.UTC().Format("15:04") != "19:00" {
				t.Errorf("an Indian day starts at %v UTC", u.Periods[1].Start.UTC())
			}

			var all UsageFigures
			for _, r := range u.Reservations {
				sameUsage(t, r.Reservation.ID, sumUsage(r.Periods), r.Total)
				all.add(r.Total)
				for i := 1; i < len(r.Periods); i++ {
					if r.Periods[i-1].End.After(r.Periods[i].Start) {
						t.Errorf("%s: periods overlap", r.Reservation.ID)
					}
				}
			}
			sameUsage(t, "all RIs", all, u.Total)
			sameUsage(t, "all periods", sumUsage(u.Periods), u.Total)

			var allDecl, allGroups CoverageFigures
			for _, d := range c.Declarations {
				sameCoverage(t, d.Declaration.ID, sumCoverage(d.Periods), d.Total)
				allDecl.add(d.Total)
			}
			for _, g := range c.Groups {
				sameCoverage(t, g.Key.Zone+" "+g.Key.InstanceType, sumCoverage(g.Periods), g.Total)
				allGroups.add(g.Total)
			}
			sameCoverage(t, "all declarations", allDecl, c.Total)
			sameCoverage(t, "all groups", allGroups, c.Total)
			sameCoverage(t, "all periods", sumCoverage(c.Periods), c.Total)

			// Every period type tells the same total.
			if i == 0 {
				firstUsage, firstCoverage = u.Total, c.Total
			}
			sameUsage(t, "against HOUR", u.Total, firstUsage)
			sameCoverage(t, "against HOUR", c.Total, firstCoverage)
		})
	}
	if firstUsage.Used == 0 || firstCoverage.Covered == 0 || firstUsage.Unused() == 0 || firstCoverage.Uncovered() == 0 {
		t.Errorf("the scenario should use part of the RIs and cover part of the fleet: %+v %+v", firstUsage, firstCoverage)
	}
}

func TestWindowHoldsWholeHours(t *testing.T) {
	in := Input{
		Rules:        alibaba,
		Reservations: []Reservation{g6Zonal("ri", 1, "Linux")},
		Fleet:        []Declaration{running("web", "cn-hangzhou-h", "ecs.g6.large", "Linux", 1)},
		From:         T.Add(-days(10) + 20*time.Minute),
		To:           T.Add(-5 * time.Minute),
	}
	l := simulate(t, in)
	want := Interval{T.Add(-days(10) + time.Hour), T.Add(-time.Hour)}
	if got := l.Window(); got != want {
		t.Errorf("window %v, want %v", got, want)
	}
	if got := usageOf(t, l, Day, nil).Total.Capacity; got != fh(2*238) {
		t.Errorf("capacity %v factor-hours, want %v", got.FactorHours(), 2*238)
	}

	// A window shorter than an hour, or upside down, holds nothing.
	for _, to := range []time.Time{T.Add(-days(10) + 50*time.Minute), T.Add(-days(11))} {
		in.To = to
		l = simulate(t, in)
		u, c := usageOf(t, l, Hour, nil), coverageOf(t, l, Hour, nil)
		if len(u.Periods) != 0 || len(c.Periods) != 0 || u.Total != (UsageFigures{}) || c.Total != (CoverageFigures{}) {
			t.Errorf("to %v: %+v %+v", to, u, c)
		}
		if len(u.Reservations) != 1 || len(u.Reservations[0].Periods) != 0 {
			t.Errorf("to %v: RIs %+v", to, u.Reservations)
		}
	}

	if _, err := l.Usage("WEEK", nil); err == nil || !strings.Contains(err.Error(), "WEEK") {
		t.Errorf("period WEEK: %v", err)
	}
	if _, err := l.Coverage("", nil); err == nil {
		t.Error("no period: no error")
	}
}
