package converge

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// reporting is a cloud that reports usage: the fake's RIs, and figures a
// case sets, remembering the windows it was asked for.
type reporting struct {
	cloud.Backend
	usage  cloud.Usage
	err    error
	asked  [][2]time.Time
	region []string
}

func (r *reporting) Usage(_ context.Context, region string, from, to time.Time) (cloud.Usage, error) {
	r.asked = append(r.asked, [2]time.Time{from, to})
	r.region = append(r.region, region)
	return r.usage, r.err
}

// usageWorld is a world whose cloud reports usage; the machine's clock is
// a week behind the service's.
func usageWorld(t *testing.T, c cloudCase) (*world, *reporting) {
	w := newWorld(t, c)
	rep := &reporting{Backend: w.fake.Backend()}
	w.e.Session = cloud.NewSession(rep, cloud.Pacing{MaxRetries: 1, RetryBaseDelay: time.Millisecond, PollInterval: time.Millisecond})
	w.e.Now = func() time.Time { return w.fake.Now().Add(-7 * 24 * time.Hour) }
	return w, rep
}

func (w *world) seed(shape reservation.Shape) cloud.RI {
	return w.fake.Seed(cloud.RI{Shape: shape, Attrs: map[string]string{}}, 12)
}

func TestUtilizationJoinsWhatTheCloudReportsWithTheRIsFound(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w, rep := usageWorld(t, c)
			busy, idle, unreported := w.seed(c.zonal(c.small, 2)), w.seed(c.regional(c.large, 1)), w.seed(c.zonal(c.other, 1))
			rep.usage = cloud.Usage{Currency: "CNY", RIs: map[string]cloud.RIUsage{
				busy.ID: {Reserved: 480, Used: 240.00004, Costs: &cloud.Costs{Reservation: 10, Saved: 2.5, PotentialSaved: 7.25}},
				// A cloud that reports more used than reserved is read as fully used.
				idle.ID: {Reserved: 1920, Used: 1921, Costs: &cloud.Costs{Reservation: 40, Saved: 12, PotentialSaved: 12}},
			}, Coverage: []cloud.Coverage{
				{InstanceType: c.small, Zone: c.zone, Usage: 720, Covered: 240},
				{InstanceType: c.other, Zone: c.zone2, Usage: 100},
			}}
			u, d := w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, ExpiresWithinDays: -1}, Days: 10}, time.Minute)
			if d.HasError() {
				t.Fatal(summaries(d))
			}
			// The window ends on the service's clock, not this machine's.
			wantTo := w.fake.Now().UTC().Truncate(time.Minute)
			if !u.To.Equal(wantTo) || !u.From.Equal(wantTo.Add(-240*time.Hour)) || len(rep.asked) != 1 || rep.asked[0] != [2]time.Time{u.From, u.To} {
				t.Fatalf("window %s–%s, asked %v; want it to end at %s", u.From, u.To, rep.asked, wantTo)
			}
			if rep.region[0] != c.region {
				t.Errorf("asked region %q", rep.region[0])
			}
			type row struct {
				id                     string
				reserved, used, unused float64
				pct                    float64
				costs                  bool
			}
			var got []row
			for _, r := range u.RIs {
				got = append(got, row{r.RI.ID, r.Reserved, r.Used, r.Unused(), r.Percent(), r.Costs != nil})
			}
			want := []row{{busy.ID, 480, 240, 240, 50, true}, {idle.ID, 1920, 1920, 0, 100, true}, {unreported.ID, 0, 0, 0, 0, false}}
			if len(got) != len(want) {
				t.Fatalf("rows %+v, want %+v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
				}
			}
			if u.Total.Reserved != 2400 || u.Total.Used != 2160 || u.Total.Percent() != 90 || u.Total.Costs == nil ||
				*u.Total.Costs != (cloud.Costs{Reservation: 50, Saved: 14.5, PotentialSaved: 19.25}) || u.Currency != "CNY" {
				t.Errorf("total %+v costs %+v currency %q", u.Total, u.Total.Costs, u.Currency)
			}
			if len(u.Coverage) != 2 || u.Coverage[0].Percent() != 33.33 || u.Coverage[1].Percent() != 0 {
				t.Errorf("coverage %+v", u.Coverage)
			}
		})
	}
}

func TestUtilizationFiltersRIsAndCoverageAlike(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w, rep := usageWorld(t, c)
			mine := w.seed(c.zonal(c.small, 1))
			w.seed(c.zonal(c.other, 1))
			family := c.small[:strings.LastIndex(c.small, ".")]
			rep.usage = cloud.Usage{RIs: map[string]cloud.RIUsage{mine.ID: {Reserved: 10, Used: 10}}, Coverage: []cloud.Coverage{
				{InstanceType: c.small, Zone: c.zone, Usage: 10, Covered: 10},
				{InstanceType: c.medium, Zone: c.zone2, Usage: 10},
				{InstanceType: c.medium, Usage: 5},
				{InstanceType: c.other, Zone: c.zone, Usage: 10},
			}}
			cases := []struct {
				name     string
				filter   cloud.Filter
				ris      int
				coverage []string
			}{
				{"family", cloud.Filter{Family: family}, 1, []string{c.small + "@" + c.zone, c.medium + "@" + c.zone2, c.medium + "@"}},
				{"type", cloud.Filter{InstanceType: c.medium}, 0, []string{c.medium + "@" + c.zone2, c.medium + "@"}},
				// A zone keeps the rows a cloud reports for the whole region.
				{"zone", cloud.Filter{ZoneID: c.zone}, 2, []string{c.small + "@" + c.zone, c.medium + "@", c.other + "@" + c.zone}},
				{"ids", cloud.Filter{IDs: []string{mine.ID}}, 1, []string{c.small + "@" + c.zone, c.medium + "@" + c.zone2, c.medium + "@", c.other + "@" + c.zone}},
			}
			for _, tc := range cases {
				u, d := w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, Filter: tc.filter, ExpiresWithinDays: -1}, Days: 1}, time.Minute)
				if d.HasError() {
					t.Fatalf("%s: %v", tc.name, summaries(d))
				}
				var cov []string
				for _, r := range u.Coverage {
					cov = append(cov, r.InstanceType+"@"+r.Zone)
				}
				if len(u.RIs) != tc.ris || strings.Join(cov, " ") != strings.Join(tc.coverage, " ") {
					t.Errorf("%s: %d RIs, coverage %v; want %d and %v", tc.name, len(u.RIs), cov, tc.ris, tc.coverage)
				}
			}
		})
	}
}

func TestUtilizationWindows(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w, rep := usageWorld(t, c)
			from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			u, d := w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, ExpiresWithinDays: -1}, From: from, To: from.Add(48 * time.Hour)}, time.Minute)
			if d.HasError() || !u.From.Equal(from) || !u.To.Equal(from.Add(48*time.Hour)) || len(u.RIs) != 0 {
				t.Errorf("explicit window: %v %s–%s %d RIs", summaries(d), u.From, u.To, len(u.RIs))
			}
			// With no RI to read the service's clock from, days end on this machine's.
			u, d = w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, ExpiresWithinDays: -1}, Days: 2}, time.Minute)
			if want := w.e.now().UTC().Truncate(time.Minute); d.HasError() || !u.To.Equal(want) {
				t.Errorf("days with no RI: %v ends %s, want %s", summaries(d), u.To, want)
			}
			_, d = w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, ExpiresWithinDays: -1}, From: from, To: from}, time.Minute)
			w.diags = d
			w.expectDetail("Empty window", "holds no time", "end_time must be later than start_time")
			if len(rep.asked) != 2 {
				t.Errorf("an empty window was asked for: %v", rep.asked)
			}
		})
	}
}

func TestUtilizationReadFailuresNameThePermissions(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w, rep := usageWorld(t, c)
			w.seed(c.zonal(c.small, 1))
			rep.err = &cloud.Error{Action: "Usage", Code: "Forbidden", StatusCode: 403, Message: "the user is not authorized"}
			_, d := w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, ExpiresWithinDays: -1}, Days: 30}, time.Minute)
			w.diags = d
			perms := map[string]string{"alibaba": "bssapi:DescribeResourceUsageDetail", "volcengine": "billing:ListPackageUsageDetails"}[c.name]
			w.expectDetail("Cannot read utilisation", "not authorized", perms)

			// A client that reports no usage says so.
			w.e.Session = cloud.NewSession(w.fake.Backend(), cloud.Pacing{})
			_, d = w.e.Utilization(w.ctx, UsageQuery{Query: Query{Region: c.region, ExpiresWithinDays: -1}, Days: 30}, time.Minute)
			w.diags = d
			w.expectDetail("Utilisation is not reported", "reports no utilisation")
		})
	}
}
