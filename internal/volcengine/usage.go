package volcengine

import (
	"context"
	"strconv"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

var _ cloud.UsageReader = (*Client)(nil)

const billingTime = "2006-01-02T15:04:05Z"

// Usage reads what the region's RIs paid for over a window through Billing
// 2022-01-01: ListResourcePackages gives each RI's hourly quota
// (computing power × seconds) and when it is in effect, so what it could
// pay for in the window; ListPackageUsageDetails gives, hour by hour, what
// it paid for and for which instance. Billing reports no costs, and
// instances no RI matched do not appear in its deductions: coverage covers
// the instance types RIs paid for, region-wide (deductions name no zone).
func (c *Client) Usage(ctx context.Context, region string, from, to time.Time) (cloud.Usage, error) {
	rc, err := c.clients(region)
	if err != nil {
		return cloud.Usage{}, err
	}
	out := cloud.Usage{RIs: map[string]cloud.RIUsage{}}
	for next := ""; ; {
		in := &billing.ListResourcePackagesInput{ResourceType: volcengine.String("RI"), Product: volcengine.String(product), MaxResults: volcengine.String("20")}
		if next != "" {
			in.NextToken = volcengine.String(next)
		}
		var resp *billing.ListResourcePackagesOutput
		if err := c.call(ctx, "ListResourcePackages", func() error {
			resp, err = rc.billing.ListResourcePackagesWithContext(ctx, in)
			return err
		}); err != nil {
			return cloud.Usage{}, err
		}
		for _, p := range resp.List {
			if volcengine.StringValue(p.RegionCode) != region {
				continue
			}
			// Deductions are made by the hour: only the window's whole
			// hours count, as in what the RI paid for.
			begin, end := parseBillingTime(p.EffectiveTime, from), parseBillingTime(p.ExpiryTime, to)
			begin, end = later(begin, from.Add(time.Hour-time.Nanosecond).Truncate(time.Hour)), earlier(end, to.Truncate(time.Hour))
			if end.After(begin) {
				u := out.RIs[volcengine.StringValue(p.InstanceNo)]
				u.Reserved += number(p.TotalAmount) / 3600 * end.Sub(begin).Hours()
				out.RIs[volcengine.StringValue(p.InstanceNo)] = u
			}
		}
		if next = volcengine.StringValue(resp.NextToken); next == "" || len(resp.List) == 0 {
			break
		}
	}
	type hour struct{ instance, at string }
	usageOf := map[hour]float64{}
	specOf := map[hour]string{}
	bySpec := map[string]int{}
	for next := ""; ; {
		in := &billing.ListPackageUsageDetailsInput{ResourceType: volcengine.String("RI"), MaxResults: volcengine.String("50"),
			DeductBeginTime: volcengine.String(from.UTC().Format(billingTime)), DeductEndTime: volcengine.String(to.UTC().Format(billingTime))}
		if next != "" {
			in.NextToken = volcengine.String(next)
		}
		var resp *billing.ListPackageUsageDetailsOutput
		if err := c.call(ctx, "ListPackageUsageDetails", func() error {
			resp, err = rc.billing.ListPackageUsageDetailsWithContext(ctx, in)
			return err
		}); err != nil {
			return cloud.Usage{}, err
		}
		for _, d := range resp.List {
			if volcengine.StringValue(d.RegionCode) != region {
				continue
			}
			used := number(d.DeductionAmount) / 3600
			u := out.RIs[volcengine.StringValue(d.InstanceNo)]
			u.Used += used
			out.RIs[volcengine.StringValue(d.InstanceNo)] = u
			spec := volcengine.StringValue(d.DeductionSpecification)
			k, ok := bySpec[spec]
			if !ok {
				k = len(out.Coverage)
				bySpec[spec] = k
				out.Coverage = append(out.Coverage, cloud.Coverage{InstanceType: spec})
			}
			out.Coverage[k].Covered += used
			// An instance-hour two RIs paid for is reported twice: its usage
			// counts once.
			h := hour{volcengine.StringValue(d.DeductionInstanceNo), volcengine.StringValue(d.BeginTime)}
			usageOf[h], specOf[h] = max(usageOf[h], number(d.DeductionUseAmount)/3600), spec
		}
		if next = volcengine.StringValue(resp.NextToken); next == "" || len(resp.List) == 0 {
			break
		}
	}
	for h, v := range usageOf {
		out.Coverage[bySpec[specOf[h]]].Usage += v
	}
	return out, nil
}

func parseBillingTime(s *string, fallback time.Time) time.Time {
	t, err := time.Parse(billingTime, volcengine.StringValue(s))
	if err != nil {
		return fallback
	}
	return t
}

func number(s *string) float64 {
	v, _ := strconv.ParseFloat(volcengine.StringValue(s), 64)
	return v
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
