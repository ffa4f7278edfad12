package volcengine

import (
	"context"
	"net/http"
	"strings"
	"time"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/request"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Scopes as Volcengine spells them.
const (
	scopeZonal    = "ZonalRI"
	scopeRegional = "RegionalRI"
)

func scopeOf(api string) string {
	if strings.EqualFold(api, scopeRegional) {
		return reservation.ScopeRegion
	}
	return reservation.ScopeZone
}

func apiScope(scope string) string {
	if scope == reservation.ScopeRegion {
		return scopeRegional
	}
	return scopeZonal
}

// apiStatus is a neutral status as Volcengine spells it.
func apiStatus(s cloud.Status) string { return strings.ToUpper(string(s)) }

// fromSDK reads one DescribeReservedInstances item.
func fromSDK(region string, ri *vecs.ReservedInstanceForDescribeReservedInstancesOutput) cloud.RI {
	out := cloud.RI{
		ID: volcengine.StringValue(ri.ReservedInstanceId), Region: volcengine.StringValue(ri.RegionId),
		Shape: reservation.Shape{
			Type: volcengine.StringValue(ri.InstanceTypeId), Amount: int(volcengine.Int32Value(ri.InstanceCount)),
			Scope: scopeOf(volcengine.StringValue(ri.Scope)), Zone: volcengine.StringValue(ri.ZoneId),
			Cluster: volcengine.StringValue(ri.HpcClusterId),
		},
		Name: volcengine.StringValue(ri.ReservedInstanceName), Description: volcengine.StringValue(ri.Description),
		Status: cloud.ParseStatus(volcengine.StringValue(ri.Status)), RawStatus: volcengine.StringValue(ri.Status),
		Created: volcengine.StringValue(ri.CreatedAt), Tags: map[string]string{},
		Attrs: map[string]string{AttrProjectName: volcengine.StringValue(ri.ProjectName), AttrSupportModify: volcengine.StringValue(ri.SupportModify)},
	}
	if out.Region == "" {
		out.Region = region
	}
	if out.Scope == reservation.ScopeRegion {
		out.Zone = ""
	}
	out.SetTimes(volcengine.StringValue(ri.StartAt), volcengine.StringValue(ri.ExpiredAt))
	for _, t := range ri.Tags {
		out.Tags[volcengine.StringValue(t.Key)] = volcengine.StringValue(t.Value)
	}
	return out
}

// ListLive lists the region's RIs that can change: one listing per live
// status, since Status takes one value.
func (c *Client) ListLive(ctx context.Context, region string) ([]cloud.RI, error) {
	var all []cloud.RI
	for _, s := range []cloud.Status{cloud.StatusCreating, cloud.StatusActive, cloud.StatusUpdating} {
		list, err := c.list(ctx, region, &vecs.DescribeReservedInstancesInput{Status: volcengine.String(apiStatus(s))})
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
	}
	return all, nil
}

// DescribeRIs reads RIs by ID, 100 a call.
func (c *Client) DescribeRIs(ctx context.Context, region string, ids []string) (map[string]cloud.RI, error) {
	out := map[string]cloud.RI{}
	for _, batch := range cloud.Chunks(ids, maxDescribeIDs) {
		list, err := c.list(ctx, region, &vecs.DescribeReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice(batch)})
		if err != nil {
			return nil, err
		}
		for _, ri := range list {
			out[ri.ID] = ri
		}
	}
	return out, nil
}

// list pages through DescribeReservedInstances with NextToken.
func (c *Client) list(ctx context.Context, region string, filter *vecs.DescribeReservedInstancesInput) ([]cloud.RI, error) {
	rc, err := c.clients(region)
	if err != nil {
		return nil, err
	}
	var out []cloud.RI
	page := *filter
	page.MaxResults = volcengine.Int32(100)
	for {
		var resp *vecs.DescribeReservedInstancesOutput
		var seenAt time.Time
		req := page
		err := c.call(ctx, "DescribeReservedInstances", func() error {
			var err error
			resp, err = rc.ecs.DescribeReservedInstancesWithContext(ctx, &req, answeredAt(&seenAt))
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, ri := range resp.ReservedInstances {
			r := fromSDK(region, ri)
			r.SeenAt = seenAt
			out = append(out, r)
		}
		next := volcengine.StringValue(resp.NextToken)
		if next == "" || len(resp.ReservedInstances) == 0 {
			return out, nil
		}
		page.NextToken = volcengine.String(next)
	}
}

// answeredAt records the service's time, from the Date header of its
// answer: days left are counted by the service's clock, not this machine's.
func answeredAt(at *time.Time) request.Option {
	return func(r *request.Request) {
		r.Handlers.Complete.PushBack(func(r *request.Request) {
			if r.HTTPResponse == nil {
				return
			}
			if t, err := http.ParseTime(r.HTTPResponse.Header.Get("Date")); err == nil {
				*at = t
			}
		})
	}
}
