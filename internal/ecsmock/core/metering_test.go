package core

import (
	"math"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// An RI's span of effect comes from its record: start to expiry, or to
// the instant a modification ended it; an RI never in effect has none.
func TestSpanFollowsTheRecord(t *testing.T) {
	lc := firstCloud.Lifecycle
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name       string
		ri         ReservedInstance
		start, end time.Time
		ok         bool
	}{
		{"active", ReservedInstance{Status: "a", StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0)}, t0, t0.AddDate(1, 0, 0), true},
		{"creating", ReservedInstance{Status: "c", StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0)}, t0, t0.AddDate(1, 0, 0), true},
		{"expired", ReservedInstance{Status: "e", StartTime: t0, ExpiredTime: t0.AddDate(0, 1, 0)}, t0, t0.AddDate(0, 1, 0), true},
		{"updating", ReservedInstance{Status: "u", StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0), InactiveAt: t0.Add(50 * time.Hour)}, t0, t0.Add(50 * time.Hour), true},
		{"inactive", ReservedInstance{Status: "i", StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0), InactiveAt: t0.Add(50 * time.Hour)}, t0, t0.Add(50 * time.Hour), true},
		{"inactive, no record of when", ReservedInstance{Status: "i", StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0)}, t0, t0.AddDate(1, 0, 0), false},
		{"modified before it started", ReservedInstance{Status: "i", StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0), InactiveAt: t0}, t0, t0, false},
	} {
		start, end, ok := lc.Span(&tc.ri)
		if ok != tc.ok || (ok && (!start.Equal(tc.start) || !end.Equal(tc.end))) {
			t.Errorf("%s: span %v to %v (%t), want %v to %v (%t)", tc.name, start, end, ok, tc.start, tc.end, tc.ok)
		}
	}
}

// The ledger sees the world's RIs over their spans and its declarations,
// at the default prices or those set over them.
func TestLedgerOfAWorld(t *testing.T) {
	st := NewStore()
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	w := NewWorld(st, firstCloud, t0.Add(100*time.Hour), 0)
	w.Add(&ReservedInstance{ID: "ri-1", RegionID: "r", ZoneID: "r-a", InstanceType: "t.large", InstanceAmount: 2, Status: "i",
		StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0), InactiveAt: t0.Add(50 * time.Hour)})
	w.Add(&ReservedInstance{ID: "ri-unknown", RegionID: "r", InstanceType: "t.huge", InstanceAmount: 1, Status: "a",
		StartTime: t0, ExpiredTime: t0.AddDate(1, 0, 0)})
	st.Declare(&Instances{Cloud: firstCloud.Cloud, RegionID: "r", ZoneID: "r-a", InstanceType: "t.large", Count: 1, StartTime: t0})
	st.Declare(&Instances{Cloud: secondCloud.Cloud, RegionID: "r", ZoneID: "r-a", InstanceType: "t.large", Count: 5, StartTime: t0})
	defaults := PriceList{Prices: []Price{{InstanceType: "t.large", PayAsYouGo: 1, Reserved: 0.5}}}
	st.SetPrice(Price{Cloud: firstCloud.Cloud, InstanceType: "t.large", PayAsYouGo: 2, Reserved: 0.5})
	rules := usage.AlibabaRules(func(string) string { return "t" }, func(typ string) (float64, bool) { return 2, typ == "t.large" })
	l, err := w.Ledger(rules, defaults, t0, w.Now)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.Usage(usage.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Reservations) != 1 || len(rep.Reservations[0].Periods) != 50 {
		t.Fatalf("want ri-1 alone, in effect for 50 hours: %+v", rep.Reservations)
	}
	if got := rep.Total.Utilisation(); got != 0.5 {
		t.Errorf("utilisation %v, want 0.5: one instance of the first cloud against two reserved", got)
	}
	if got := rep.Total.PostpaidCost; math.Abs(got-50*2) > 1e-9 {
		t.Errorf("pay-as-you-go value %v, want 50 hours at the price set, 2", got)
	}
	if rep.PriceLabel != PriceLabel || rep.Currency != DefaultCurrency {
		t.Errorf("prices labelled %q in %q", rep.PriceLabel, rep.Currency)
	}
}
