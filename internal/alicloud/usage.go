package alicloud

import (
	"context"
	"strconv"
	"time"

	bss "github.com/alibabacloud-go/bssopenapi-20171214/v6/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

var _ cloud.UsageReader = (*Client)(nil)

// billingZone is the calendar of Alibaba Cloud's bills: BSS OpenAPI reads
// and writes its periods (yyyy-MM-dd HH:mm:ss) in Beijing time.
var billingZone = time.FixedZone("UTC+8", 8*3600)

const (
	bssPeriod     = "2006-01-02 15:04:05"
	bssPageSize   = 300
	bssPeriodType = "DAY"
)

// Usage reads the utilisation of the account's RIs (DescribeResourceUsageDetail)
// and the coverage of its pay-as-you-go usage (DescribeResourceCoverageDetail)
// through BSS OpenAPI 2017-12-14, by day, and sums each over the window;
// both report computing power × hours. BSS speaks for the whole account:
// only the region's items are kept.
func (c *Client) Usage(ctx context.Context, region string, from, to time.Time) (cloud.Usage, error) {
	out := cloud.Usage{RIs: map[string]cloud.RIUsage{}}
	start, end := tea.String(from.In(billingZone).Format(bssPeriod)), tea.String(to.In(billingZone).Format(bssPeriod))
	err := c.bssPages(ctx, region, "DescribeResourceUsageDetail", func(cl *bss.Client, next *string) (*string, error) {
		resp, err := cl.DescribeResourceUsageDetail(&bss.DescribeResourceUsageDetailRequest{StartPeriod: start, EndPeriod: end,
			PeriodType: tea.String(bssPeriodType), ResourceType: tea.String("RI"), MaxResults: tea.Int32(bssPageSize), NextToken: next})
		if err != nil || resp.Body == nil || resp.Body.Data == nil {
			return nil, err
		}
		for _, it := range resp.Body.Data.Items {
			if r := tea.StringValue(it.RegionNo); r != "" && r != region {
				continue
			}
			id := tea.StringValue(it.ResourceInstanceId)
			u := out.RIs[id]
			u.Reserved += float64(tea.Float32Value(it.TotalQuantity))
			u.Used += float64(tea.Float32Value(it.DeductQuantity))
			if it.ReservationCost != nil {
				if u.Costs == nil {
					u.Costs = &cloud.Costs{}
				}
				u.Costs.Reservation += amount(it.ReservationCost)
				u.Costs.Saved += amount(it.SavedCost)
				u.Costs.PotentialSaved += amount(it.PotentialSavedCost)
				out.Currency = tea.StringValue(it.Currency)
			}
			out.RIs[id] = u
		}
		return resp.Body.Data.NextToken, nil
	})
	if err != nil {
		return cloud.Usage{}, err
	}
	byShape := map[[2]string]int{}
	err = c.bssPages(ctx, region, "DescribeResourceCoverageDetail", func(cl *bss.Client, next *string) (*string, error) {
		resp, err := cl.DescribeResourceCoverageDetail(&bss.DescribeResourceCoverageDetailRequest{StartPeriod: start, EndPeriod: end,
			PeriodType: tea.String(bssPeriodType), ResourceType: tea.String("RI"), MaxResults: tea.Int32(bssPageSize), NextToken: next})
		if err != nil || resp.Body == nil || resp.Body.Data == nil {
			return nil, err
		}
		for _, it := range resp.Body.Data.Items {
			if r := tea.StringValue(it.RegionNo); r != "" && r != region {
				continue
			}
			key := [2]string{tea.StringValue(it.InstanceSpec), tea.StringValue(it.Zone)}
			k, ok := byShape[key]
			if !ok {
				k = len(out.Coverage)
				byShape[key] = k
				out.Coverage = append(out.Coverage, cloud.Coverage{InstanceType: key[0], Zone: key[1]})
			}
			out.Coverage[k].Usage += float64(tea.Float32Value(it.TotalQuantity))
			out.Coverage[k].Covered += float64(tea.Float32Value(it.DeductQuantity))
		}
		return resp.Body.Data.NextToken, nil
	})
	if err != nil {
		return cloud.Usage{}, err
	}
	return out, nil
}

// bssPages calls one BSS action page after page until NextToken ends.
func (c *Client) bssPages(ctx context.Context, region, action string, page func(cl *bss.Client, next *string) (*string, error)) error {
	var next *string
	for {
		var token *string
		err := c.retry.Do(ctx, action, cloud.Idempotent, func() error {
			cl, err := c.bss(region)
			if err != nil {
				return err
			}
			token, err = page(cl, next)
			return err
		})
		if err != nil {
			return err
		}
		if tea.StringValue(token) == "" {
			return nil
		}
		next = token
	}
}

// bss builds a BSS OpenAPI client: at the provider's BSS endpoint, else at
// its ECS endpoint (an emulator serves both), else the SDK's own.
func (c *Client) bss(region string) (*bss.Client, error) {
	conf := &openapiutil.Config{Credential: c.credential, RegionId: tea.String(region), Protocol: tea.String(c.bssProtocol),
		UserAgent: tea.String(c.cfg.UserAgent), HttpClient: c.http}
	if c.bssHost != "" {
		conf.Endpoint = tea.String(c.bssHost)
	}
	return bss.NewClient(conf)
}

// amount reads a cost BSS writes as text ("12.50").
func amount(s *string) float64 {
	v, _ := strconv.ParseFloat(tea.StringValue(s), 64)
	return v
}
