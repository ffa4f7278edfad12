package usage

import (
	"testing"
	"time"
)

func g6Zonal(id string, amount int, platform string) Reservation {
	return Reservation{
		ID: id, Region: "cn-hangzhou", Zone: "cn-hangzhou-h", Scope: Zonal, InstanceType: "ecs.g6.large",
		Amount: amount, Platform: platform, Start: T.Add(-days(30)), End: T.Add(days(335)),
	}
}

func running(id, zone, instanceType, platform string, count int) Declaration {
	return Declaration{
		ID: id, Region: "cn-hangzhou", Zone: zone, InstanceType: instanceType,
		Platform: platform, Count: count, Start: T.Add(-days(30)),
	}
}

// lastTenDays simulates the last ten days (240 hours) and returns both
// reports over them.
func lastTenDays(t *testing.T, rules Rules, ris []Reservation, fleet []Declaration) (UsageReport, CoverageReport) {
	t.Helper()
	l := simulate(t, Input{Rules: rules, Reservations: ris, Fleet: fleet, From: T.Add(-days(10)), To: T})
	return usageOf(t, l, Month, nil), coverageOf(t, l, Month, nil)
}

func TestPlatformMustMatchOnAlibabaOnly(t *testing.T) {
	ris := []Reservation{g6Zonal("ri-linux", 1, "Linux")}
	fleet := []Declaration{running("win", "cn-hangzhou-h", "ecs.g6.large", "Windows", 1)}

	u, c := lastTenDays(t, alibaba, ris, fleet)
	if got := reservationUsage(t, u, "ri-linux").Total; got.Used != 0 || got.Capacity != fh(480) {
		t.Errorf("alibaba: a Linux RI used %v of %v factor-hours by a Windows instance, want 0 of 480",
			got.Used.FactorHours(), got.Capacity.FactorHours())
	}
	win := group(t, c, "cn-hangzhou-h", "ecs.g6.large").Total
	if win.Covered != 0 || win.Usage != fh(480) || win.InstanceSeconds != 240*3600 {
		t.Errorf("alibaba: Windows usage %+v, want 480 factor-hours, none covered", win)
	}
	// The Windows price applies: 240 h × 0.7, all of it billed.
	checkMoney(t, "PayAsYouGoCost", win.PayAsYouGoCost, 240*0.7)
	checkMoney(t, "PaymentAmount", win.PaymentAmount(), 240*0.7)

	// A Windows RI pays for it, at Windows prices.
	u, c = lastTenDays(t, alibaba, []Reservation{g6Zonal("ri-win", 1, "windows")}, fleet)
	if got := reservationUsage(t, u, "ri-win").Total; got.Utilisation() != 1 {
		t.Errorf("alibaba: a Windows RI used %v by a Windows instance, want 1", got.Utilisation())
	} else {
		checkMoney(t, "ReservationCost", got.ReservationCost, 240*0.45)
		checkMoney(t, "PostpaidCost", got.PostpaidCost, 240*0.7)
	}
	if got := c.Total.Coverage(); got != 1 {
		t.Errorf("alibaba: coverage %v, want 1", got)
	}

	// Volcengine RIs have no operating system: the platform is ignored.
	u, _ = lastTenDays(t, volcengine, ris, fleet)
	if got := reservationUsage(t, u, "ri-linux").Total.Utilisation(); got != 1 {
		t.Errorf("volcengine: utilisation %v, want 1", got)
	}
}

func TestApplicationOrder(t *testing.T) {
	// One instance both a zonal and a regional RI can pay for. The
	// regional RI sorts first by ID and expires first.
	regional := Reservation{
		ID: "ri-a-regional", Region: "cn-hangzhou", Scope: Regional, InstanceType: "ecs.g6.large",
		Amount: 1, Platform: "Linux", Start: T.Add(-days(30)), End: T.Add(days(100)),
	}
	zonal := g6Zonal("ri-b-zonal", 1, "Linux")
	fleet := []Declaration{running("web", "cn-hangzhou-h", "ecs.g6.large", "Linux", 1)}
	custom := alibaba
	custom.Order = []OrderKey{SmallestFirst}
	bigRegional := regional
	bigRegional.ID, bigRegional.InstanceType = "ri-c-big", "ecs.g6.xlarge"

	for _, tc := range []struct {
		name  string
		rules Rules
		ris   []Reservation
		pays  string
	}{
		{"alibaba: zonal before regional", alibaba, []Reservation{regional, zonal}, "ri-b-zonal"},
		{"volcengine: earliest expiry first", volcengine, []Reservation{zonal, regional}, "ri-a-regional"},
		{"alibaba: earliest expiry among zonal RIs", alibaba, []Reservation{zonal, func() Reservation {
			r := g6Zonal("ri-z-soon", 1, "Linux")
			r.End = T.Add(days(1))
			return r
		}()}, "ri-z-soon"},
		{"custom: smallest first", custom, []Reservation{bigRegional, zonal}, "ri-b-zonal"},
		{"no order: by ID", Rules{Family: testFamily, Factor: testFactor, RegionalSizeFlexible: true},
			[]Reservation{zonal, regional}, "ri-a-regional"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, c := lastTenDays(t, tc.rules, tc.ris, fleet)
			for _, r := range u.Reservations {
				want := 0.0
				if r.Reservation.ID == tc.pays {
					want = 1
				}
				if got := r.Total.Utilisation(); got != want {
					t.Errorf("%s: utilisation %v, want %v", r.Reservation.ID, got, want)
				}
			}
			if c.Total.Coverage() != 1 {
				t.Errorf("coverage %v, want 1", c.Total.Coverage())
			}
		})
	}
}

func TestSizeFlexibility(t *testing.T) {
	// The FAQ's example: a regional ecs.g5.xlarge RI pays half of an
	// ecs.g5.2xlarge, here in the g6 family.
	xlarge := Reservation{
		ID: "ri-xl", Region: "cn-hangzhou", Scope: Regional, InstanceType: "ecs.g6.xlarge",
		Amount: 1, Platform: "Linux", Start: T.Add(-days(30)), End: T.Add(days(335)),
	}
	fleet := []Declaration{running("big", "cn-hangzhou-i", "ecs.g6.2xlarge", "Linux", 1)}
	exact := alibaba
	exact.RegionalSizeFlexible = false
	linuxOnly := alibaba
	linuxOnly.SizeFlexiblePlatforms = []string{"Linux"}
	windowsRI := xlarge
	windowsRI.Platform = "Windows"
	windowsFleet := []Declaration{running("big", "cn-hangzhou-i", "ecs.g6.2xlarge", "Windows", 1)}

	for _, tc := range []struct {
		name     string
		rules    Rules
		ri       Reservation
		fleet    []Declaration
		coverage float64
	}{
		{"alibaba: half of a twice larger instance", alibaba, xlarge, fleet, 0.5},
		{"volcengine: likewise", volcengine, xlarge, fleet, 0.5},
		{"rules without size flexibility", exact, xlarge, fleet, 0},
		{"size flexibility for Linux only, Windows RI", linuxOnly, windowsRI, windowsFleet, 0},
		{"size flexibility for Linux only, Linux RI", linuxOnly, xlarge, fleet, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, c := lastTenDays(t, tc.rules, []Reservation{tc.ri}, tc.fleet)
			big := group(t, c, "cn-hangzhou-i", "ecs.g6.2xlarge").Total
			if big.Coverage() != tc.coverage {
				t.Errorf("coverage %v, want %v", big.Coverage(), tc.coverage)
			}
			if got, want := big.CoveredInstanceHours(), 240*tc.coverage; got != want {
				t.Errorf("covered instance-hours %v, want %v", got, want)
			}
			// 4 factor × 240 h reserved, all of it used whenever it matches.
			ri := reservationUsage(t, u, "ri-xl").Total
			if ri.Capacity != fh(960) || ri.Used != fh(960*2*tc.coverage) {
				t.Errorf("RI used %v of %v factor-hours", ri.Used.FactorHours(), ri.Capacity.FactorHours())
			}
		})
	}
}

func TestEffectEndsMidWindow(t *testing.T) {
	// An RI that expires five days before T stops paying then.
	expiring := g6Zonal("ri-expiring", 1, "Linux")
	expiring.End = T.Add(-days(5))
	fleet := []Declaration{running("web", "cn-hangzhou-h", "ecs.g6.large", "Linux", 1)}
	u, c := lastTenDays(t, alibaba, []Reservation{expiring}, fleet)
	ri := reservationUsage(t, u, "ri-expiring")
	if ri.Total.Capacity != fh(240) || ri.Total.Used != fh(240) {
		t.Errorf("RI used %v of %v factor-hours, want 240 of 240",
			ri.Total.Used.FactorHours(), ri.Total.Capacity.FactorHours())
	}
	if got := c.Total.Coverage(); got != 0.5 {
		t.Errorf("coverage %v, want 0.5", got)
	}

	// A split at 13:45 four days before T ends the ecs.g6.2xlarge RI and
	// starts two ecs.g6.xlarge ones at 13:00; the zonal 2xlarge RI never
	// matched the xlarge instances, the new ones do.
	split := T.Add(-days(4) + 13*time.Hour)
	old := Reservation{
		ID: "ri-old", Region: "cn-hangzhou", Zone: "cn-hangzhou-h", Scope: Zonal, InstanceType: "ecs.g6.2xlarge",
		Amount: 1, Platform: "Linux", Start: T.Add(-days(30)), End: split,
	}
	parts := []Reservation{old}
	for _, id := range []string{"ri-new-1", "ri-new-2"} {
		parts = append(parts, Reservation{
			ID: id, Region: "cn-hangzhou", Zone: "cn-hangzhou-h", Scope: Zonal, InstanceType: "ecs.g6.xlarge",
			Amount: 1, Platform: "Linux", Start: split, End: T.Add(days(335)),
		})
	}
	xl := []Declaration{running("xl", "cn-hangzhou-h", "ecs.g6.xlarge", "Linux", 2)}
	u, c = lastTenDays(t, alibaba, parts, xl)
	hoursAfter := 4*24 - 13.0
	if got := reservationUsage(t, u, "ri-old").Total; got.Used != 0 || got.Capacity != fh(8*(240-hoursAfter)) {
		t.Errorf("old RI used %v of %v factor-hours", got.Used.FactorHours(), got.Capacity.FactorHours())
	}
	for _, id := range []string{"ri-new-1", "ri-new-2"} {
		if got := reservationUsage(t, u, id).Total; got.Used != fh(4*hoursAfter) || got.Utilisation() != 1 {
			t.Errorf("%s used %v of %v factor-hours", id, got.Used.FactorHours(), got.Capacity.FactorHours())
		}
	}
	if got, want := c.Total.Coverage(), hoursAfter/240; !near(got, want) {
		t.Errorf("coverage %v, want %v", got, want)
	}
}

func TestPartialHours(t *testing.T) {
	// An instance that starts at half past pays for its seconds: the RI
	// spends half of that hour.
	ri := g6Zonal("ri", 1, "Linux")
	late := running("late", "cn-hangzhou-h", "ecs.g6.large", "Linux", 1)
	late.Start = T.Add(-days(10) + 30*time.Minute)
	l := simulate(t, Input{Rules: alibaba, Reservations: []Reservation{ri}, Fleet: []Declaration{late},
		From: T.Add(-days(10)), To: T})
	u := usageOf(t, l, Hour, nil)
	r := reservationUsage(t, u, "ri")
	if len(r.Periods) != 240 {
		t.Fatalf("%d hourly periods, want 240", len(r.Periods))
	}
	first := r.Periods[0]
	if !first.Start.Equal(T.Add(-days(10))) || first.Used != fh(1) || first.Capacity != fh(2) {
		t.Errorf("first hour %v: used %v of %v factor-hours, want 1 of 2",
			first.Start, first.Used.FactorHours(), first.Capacity.FactorHours())
	}
	if r.Total.Used != fh(479) {
		t.Errorf("used %v factor-hours, want 479", r.Total.Used.FactorHours())
	}
	cov := coverageOf(t, l, Hour, nil).Declarations[0]
	if cov.Total.InstanceSeconds != 239*3600+1800 || cov.Periods[0].InstanceSeconds != 1800 {
		t.Errorf("ran %d s, first hour %d s", cov.Total.InstanceSeconds, cov.Periods[0].InstanceSeconds)
	}

	// The FAQ's example: six instances running ten minutes each within
	// one hour share one RI-hour; at fifteen minutes each the RI pays for
	// an hour of the hour and a half.
	for _, tc := range []struct {
		minutes  int
		coverage float64
	}{{10, 1}, {15, 60.0 / 90}} {
		var fleet []Declaration
		for i := range 6 {
			d := running(string(rune('a'+i)), "cn-hangzhou-h", "ecs.g6.large", "Linux", 1)
			step := (60 - tc.minutes) / 5
			d.Start = T.Add(-time.Hour + time.Duration(i*step)*time.Minute)
			d.End = d.Start.Add(time.Duration(tc.minutes) * time.Minute)
			fleet = append(fleet, d)
		}
		l := simulate(t, Input{Rules: alibaba, Reservations: []Reservation{ri}, Fleet: fleet,
			From: T.Add(-time.Hour), To: T})
		u, c := usageOf(t, l, Hour, nil), coverageOf(t, l, Hour, nil)
		if got := reservationUsage(t, u, "ri").Total.Utilisation(); got != 1 {
			t.Errorf("%d minutes each: utilisation %v, want 1", tc.minutes, got)
		}
		if got := c.Total.Coverage(); !near(got, tc.coverage) {
			t.Errorf("%d minutes each: coverage %v, want %v", tc.minutes, got, tc.coverage)
		}
	}
}

func TestIdleReservationWhileOtherZoneRunsUnreserved(t *testing.T) {
	// Two ecs.g6.large reserved in zone H; nothing runs there. Zone I runs
	// the same type and another family, all of it at pay-as-you-go prices.
	ris := []Reservation{g6Zonal("ri-h", 2, "Linux")}
	fleet := []Declaration{
		running("g6-i", "cn-hangzhou-i", "ecs.g6.large", "Linux", 1),
		running("r6-i", "cn-hangzhou-i", "ecs.r6.large", "Linux", 3),
	}
	u, c := lastTenDays(t, alibaba, ris, fleet)
	ri := reservationUsage(t, u, "ri-h").Total
	if ri.Used != 0 || ri.Unused() != fh(960) || ri.Utilisation() != 0 {
		t.Errorf("RI used %v, unused %v factor-hours", ri.Used.FactorHours(), ri.Unused().FactorHours())
	}
	checkMoney(t, "ReservationCost", ri.ReservationCost, 2*240*0.3)
	checkMoney(t, "SavedCost", ri.SavedCost(), -2*240*0.3)
	checkMoney(t, "PotentialSavedCost", ri.PotentialSavedCost(), 2*240*(0.5-0.3))

	for _, tc := range []struct {
		instanceType    string
		usage           Quantity
		instanceSeconds int64
		payAsYouGo      float64
		// index is the group's place in the report, sorted by key.
		index int
	}{
		{"ecs.g6.large", fh(480), 240 * 3600, 240 * 0.5, 0},
		{"ecs.r6.large", fh(3 * 2 * 240), 3 * 240 * 3600, 3 * 240 * 0.6, 1},
	} {
		g := group(t, c, "cn-hangzhou-i", tc.instanceType)
		if c.Groups[tc.index].Key != g.Key {
			t.Errorf("groups out of order: %+v", c.Groups)
		}
		f := g.Total
		if f.Usage != tc.usage || f.Covered != 0 || f.InstanceSeconds != tc.instanceSeconds || f.Coverage() != 0 {
			t.Errorf("%s: %+v", tc.instanceType, f)
		}
		checkMoney(t, tc.instanceType+" PayAsYouGoCost", f.PayAsYouGoCost, tc.payAsYouGo)
		checkMoney(t, tc.instanceType+" PaymentAmount", f.PaymentAmount(), tc.payAsYouGo)
	}
	if c.Total.Usage != fh(480+1440) || c.Total.Coverage() != 0 {
		t.Errorf("total coverage %+v", c.Total)
	}
}
