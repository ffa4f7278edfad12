package converge

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// UsageQuery is what a utilisation data source asks for: the RIs of a
// query, over a window that is either the last Days on the service's clock
// or From to To (zero: now, on the service's clock).
type UsageQuery struct {
	Query
	Days     int
	From, To time.Time
}

// Utilization is what the RIs of a query did over a window, and how much of
// the pay-as-you-go usage of their instance types RIs covered.
type Utilization struct {
	From, To time.Time
	RIs      []RIUtilization
	Total    RIUtilization
	Coverage []Coverage
	// Currency of the costs; "" when the cloud reports none.
	Currency string
}

// RIUtilization is one RI's figures (or the sum of several) over a window,
// in factor-hours. An RI the cloud does not report (one that was not in
// effect) reserved nothing.
type RIUtilization struct {
	RI             cloud.RI
	Reserved, Used float64
	// Costs are nil when the cloud reports none.
	Costs *cloud.Costs
}

// Unused is what the RI could have paid for and did not.
func (u RIUtilization) Unused() float64 { return max(0, u.Reserved-u.Used) }

// Percent is the share of what the RI reserved that it used; zero when it
// reserved nothing.
func (u RIUtilization) Percent() float64 { return percent(u.Used, u.Reserved) }

// Coverage is the pay-as-you-go usage of one instance type in one zone ("":
// the region), and what RIs paid for of it.
type Coverage struct{ cloud.Coverage }

// Percent is the share of the usage RIs covered.
func (c Coverage) Percent() float64 { return percent(c.Covered, c.Usage) }

// Quantity rounds a figure to the precision the clouds report.
func Quantity(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func percent(part, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return math.Round(min(100, 100*part/whole)*100) / 100
}

// Utilization reads what the RIs a query matches reserved and used over its
// window, and the coverage of the instance types its filters name. The
// window of Days ends on the service's clock, read from its answer to the
// listing (this machine's when it lists nothing).
func (e *Engine) Utilization(ctx context.Context, q UsageQuery, readTimeout time.Duration) (Utilization, Diagnostics) {
	ris, d := e.Find(ctx, q.Query, readTimeout)
	if d.HasError() {
		return Utilization{}, d
	}
	out := Utilization{From: q.From, To: q.To}
	if q.Days > 0 || out.To.IsZero() {
		out.To = e.now()
		if len(ris) > 0 {
			out.To = ris[0].Now()
		}
		out.To = out.To.UTC().Truncate(time.Minute)
	}
	if q.Days > 0 {
		out.From = out.To.Add(-time.Duration(q.Days) * 24 * time.Hour)
	}
	if !out.To.After(out.From) {
		d.fail("Empty window", fmt.Sprintf("The window from %s to %s holds no time: end_time must be later than start_time.",
			out.From.Format(time.RFC3339), out.To.Format(time.RFC3339)))
		return Utilization{}, d
	}
	got, ok, err := e.Session.Usage(ctx, q.Region, out.From, out.To)
	switch {
	case !ok:
		d.fail("Utilisation is not reported", fmt.Sprintf("The %s client reports no utilisation.", e.Spec.Rules.Cloud))
		return Utilization{}, d
	case err != nil:
		d.fail("Cannot read utilisation", readFailure(err, readTimeout)+"\n\n"+e.Spec.UsagePermissions)
		return Utilization{}, d
	}
	out.Currency = got.Currency
	for _, ri := range ris {
		r := got.RIs[ri.ID]
		row := RIUtilization{RI: ri, Reserved: Quantity(r.Reserved), Used: Quantity(min(r.Used, r.Reserved)), Costs: r.Costs}
		out.RIs = append(out.RIs, row)
		out.Total.Reserved += r.Reserved
		out.Total.Used += min(r.Used, r.Reserved)
		if r.Costs != nil {
			if out.Total.Costs == nil {
				out.Total.Costs = &cloud.Costs{}
			}
			out.Total.Costs.Reservation += r.Costs.Reservation
			out.Total.Costs.Saved += r.Costs.Saved
			out.Total.Costs.PotentialSaved += r.Costs.PotentialSaved
		}
	}
	out.Total.Reserved, out.Total.Used = Quantity(out.Total.Reserved), Quantity(out.Total.Used)
	for _, c := range got.Coverage {
		if covers(q.Filter, c) {
			c.Usage, c.Covered = Quantity(c.Usage), Quantity(min(c.Covered, c.Usage))
			out.Coverage = append(out.Coverage, Coverage{c})
		}
	}
	return out, d
}

// covers reports whether the filters that name a shape (type, family,
// zone) keep a coverage row; a row of the whole region ("" zone) is kept
// by a zone filter.
func covers(f cloud.Filter, c cloud.Coverage) bool {
	switch {
	case f.InstanceType != "" && c.InstanceType != f.InstanceType:
		return false
	case f.Family != "" && !strings.HasPrefix(c.InstanceType, f.Family+"."):
		return false
	case f.ZoneID != "" && c.Zone != "" && c.Zone != f.ZoneID:
		return false
	}
	return true
}
