package usage

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// T is the emulated clock of the tests, on the hour as every hourly bill is.
var T = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// testFactor is the callers' catalogue in miniature: large 2, xlarge 4,
// Nxlarge 4N, on both clouds.
func testFactor(instanceType string) (float64, bool) {
	i := strings.LastIndexByte(instanceType, '.')
	if i < 0 {
		return 0, false
	}
	size := instanceType[i+1:]
	switch {
	case size == "large":
		return 2, true
	case size == "xlarge":
		return 4, true
	case strings.HasSuffix(size, "xlarge"):
		n, err := strconv.Atoi(strings.TrimSuffix(size, "xlarge"))
		if err != nil || n < 1 {
			return 0, false
		}
		return float64(4 * n), true
	}
	return 0, false
}

func testFamily(instanceType string) string {
	if i := strings.LastIndexByte(instanceType, '.'); i > 0 {
		return instanceType[:i]
	}
	return instanceType
}

var (
	alibaba    = AlibabaRules(testFamily, testFactor)
	volcengine = VolcengineRules(testFamily, testFactor)
)

// testPrices are made-up prices; each size costs its factor times the
// large one, and an RI a little over half the pay-as-you-go price.
var testPrices = PriceTable{
	Label:    "ecsmock test prices",
	Currency: "CNY",
	Prices: map[PriceKey]Price{
		{InstanceType: "ecs.g6.large"}:                      {PayAsYouGo: 0.5, Reserved: 0.3},
		{InstanceType: "ecs.g6.large", Platform: "Windows"}: {PayAsYouGo: 0.7, Reserved: 0.45},
		{InstanceType: "ecs.g6.xlarge"}:                     {PayAsYouGo: 1, Reserved: 0.6},
		{InstanceType: "ecs.g6.2xlarge"}:                    {PayAsYouGo: 2, Reserved: 1.2},
		{InstanceType: "ecs.c6.large"}:                      {PayAsYouGo: 0.4, Reserved: 0.25},
		{InstanceType: "ecs.c6.xlarge"}:                     {PayAsYouGo: 0.8, Reserved: 0.5},
		{InstanceType: "ecs.c6.2xlarge"}:                    {PayAsYouGo: 1.6, Reserved: 1},
		{InstanceType: "ecs.r6.large"}:                      {PayAsYouGo: 0.6, Reserved: 0.35},
		{InstanceType: "ecs.g3i.large"}:                     {PayAsYouGo: 0.45, Reserved: 0.28},
		{InstanceType: "ecs.g3i.xlarge"}:                    {PayAsYouGo: 0.9, Reserved: 0.56},
		{InstanceType: "ecs.g3i.3xlarge"}:                   {PayAsYouGo: 2.7, Reserved: 1.68},
	},
}

// fh is a number of factor-hours as a Quantity.
func fh(n float64) Quantity { return Quantity(math.Round(n * float64(FactorHour))) }

func simulate(t testing.TB, in Input) *Ledger {
	t.Helper()
	if in.Prices.Prices == nil {
		in.Prices = testPrices
	}
	l, err := Simulate(in)
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	return l
}

func usageOf(t testing.TB, l *Ledger, p Period, loc *time.Location) UsageReport {
	t.Helper()
	rep, err := l.Usage(p, loc)
	if err != nil {
		t.Fatalf("Usage: %v", err)
	}
	return rep
}

func coverageOf(t testing.TB, l *Ledger, p Period, loc *time.Location) CoverageReport {
	t.Helper()
	rep, err := l.Coverage(p, loc)
	if err != nil {
		t.Fatalf("Coverage: %v", err)
	}
	return rep
}

func reservationUsage(t testing.TB, rep UsageReport, id string) ReservationUsage {
	t.Helper()
	for _, r := range rep.Reservations {
		if r.Reservation.ID == id {
			return r
		}
	}
	t.Fatalf("no usage for RI %s", id)
	return ReservationUsage{}
}

func group(t testing.TB, rep CoverageReport, zone, instanceType string) GroupCoverage {
	t.Helper()
	for _, g := range rep.Groups {
		if g.Key.Zone == zone && g.Key.InstanceType == instanceType {
			return g
		}
	}
	t.Fatalf("no coverage for %s in %s", instanceType, zone)
	return GroupCoverage{}
}

// near compares money: sums of float64 in different orders differ in the
// last bits.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func checkMoney(t testing.TB, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
