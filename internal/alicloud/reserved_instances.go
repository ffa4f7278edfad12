package alicloud

import (
	"context"
	"net/http"
	"strings"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Attribute names of the Alibaba-only settings, as the resource spells them.
const (
	AttrPlatform        = "platform"
	AttrOfferingType    = "offering_type"
	AttrResourceGroupID = "resource_group_id"
	AttrStartTime       = "start_time"
)

// canonical maps the service's spelling of an enumerated value onto the one
// the API accepts in requests (region → Region, linux → Linux).
func canonical(value string, allowed ...string) string {
	for _, a := range allowed {
		if strings.EqualFold(value, a) {
			return a
		}
	}
	return value
}

// fromSDK reads one DescribeReservedInstances item. The service reports
// Scope and Platform in lower case; they are normalised.
func fromSDK(ri *ecs.DescribeReservedInstancesResponseBodyReservedInstancesReservedInstance) cloud.RI {
	scope := canonical(tea.StringValue(ri.Scope), reservation.ScopeRegion, reservation.ScopeZone)
	out := cloud.RI{
		ID: tea.StringValue(ri.ReservedInstanceId), Region: tea.StringValue(ri.RegionId),
		Shape: reservation.Shape{
			Type: tea.StringValue(ri.InstanceType), Amount: int(tea.Int32Value(ri.InstanceAmount)),
			Scope: scope, Zone: tea.StringValue(ri.ZoneId),
		},
		Name: tea.StringValue(ri.ReservedInstanceName), Description: tea.StringValue(ri.Description),
		Status: cloud.ParseStatus(tea.StringValue(ri.Status)), RawStatus: tea.StringValue(ri.Status),
		Created: tea.StringValue(ri.CreationTime), Tags: map[string]string{},
		Attrs: map[string]string{
			AttrPlatform:        canonical(tea.StringValue(ri.Platform), "Linux", "Windows"),
			AttrOfferingType:    canonical(tea.StringValue(ri.OfferingType), "All Upfront", "Partial Upfront", "No Upfront"),
			AttrResourceGroupID: tea.StringValue(ri.ResourceGroupId),
		},
	}
	out.SetTimes(tea.StringValue(ri.StartTime), tea.StringValue(ri.ExpiredTime))
	if ri.Tags != nil {
		for _, t := range ri.Tags.Tag {
			out.Tags[tea.StringValue(t.TagKey)] = tea.StringValue(t.TagValue)
		}
	}
	if ri.OperationLocks != nil {
		for _, l := range ri.OperationLocks.OperationLock {
			out.Locks = append(out.Locks, tea.StringValue(l.LockReason))
		}
	}
	return out
}

// listFamily lists every RI of an instance family in a region.
func (c *Client) listFamily(ctx context.Context, region, family string) ([]cloud.RI, error) {
	return c.list(ctx, region, &ecs.DescribeReservedInstancesRequest{InstanceTypeFamily: tea.String(family)})
}

// ListLive lists the region's RIs that can change: the listing that serves
// a large refresh. Lapsed RIs are rare in state and looked up by ID.
func (c *Client) ListLive(ctx context.Context, region string) ([]cloud.RI, error) {
	live := []string{string(cloud.StatusCreating), string(cloud.StatusActive), string(cloud.StatusUpdating)}
	return c.list(ctx, region, &ecs.DescribeReservedInstancesRequest{Status: tea.StringSlice(live)})
}

// DescribeRIs reads RIs by ID, 100 a call.
func (c *Client) DescribeRIs(ctx context.Context, region string, ids []string) (map[string]cloud.RI, error) {
	out := map[string]cloud.RI{}
	for _, batch := range cloud.Chunks(ids, maxDescribeIDs) {
		list, err := c.list(ctx, region, &ecs.DescribeReservedInstancesRequest{ReservedInstanceId: tea.StringSlice(batch)})
		if err != nil {
			return nil, err
		}
		for _, ri := range list {
			out[ri.ID] = ri
		}
	}
	return out, nil
}

// list pages through DescribeReservedInstances with the given filters.
func (c *Client) list(ctx context.Context, region string, req *ecs.DescribeReservedInstancesRequest) ([]cloud.RI, error) {
	var out []cloud.RI
	page := *req
	page.RegionId, page.PageSize = tea.String(region), tea.Int32(100)
	for number := int32(1); ; number++ {
		page.PageNumber = tea.Int32(number)
		var body *ecs.DescribeReservedInstancesResponseBody
		var seenAt time.Time
		err := c.call(ctx, region, "DescribeReservedInstances", cloud.Idempotent, func(cl *ecs.Client) error {
			resp, err := cl.DescribeReservedInstances(&page)
			if err == nil {
				body, seenAt = resp.Body, answerDate(resp.Headers)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		var items []*ecs.DescribeReservedInstancesResponseBodyReservedInstancesReservedInstance
		if body != nil && body.ReservedInstances != nil {
			items = body.ReservedInstances.ReservedInstance
		}
		for _, ri := range items {
			r := fromSDK(ri)
			r.SeenAt = seenAt
			out = append(out, r)
		}
		if len(items) == 0 || int(number)*100 >= int(tea.Int32Value(body.TotalCount)) {
			return out, nil
		}
	}
}

// answerDate is the service's time, from the Date header of its answer.
func answerDate(headers map[string]*string) time.Time {
	for k, v := range headers {
		if http.CanonicalHeaderKey(k) == "Date" {
			if t, err := http.ParseTime(tea.StringValue(v)); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// Renewals reads the auto-renewal of RIs, 100 a call.
func (c *Client) Renewals(ctx context.Context, region string, ids []string) (map[string]cloud.Renewal, error) {
	out := map[string]cloud.Renewal{}
	for _, batch := range cloud.Chunks(ids, maxAutoRenewIDs) {
		err := c.call(ctx, region, "DescribeReservedInstanceAutoRenewAttribute", cloud.Idempotent, func(cl *ecs.Client) error {
			resp, err := cl.DescribeReservedInstanceAutoRenewAttribute(&ecs.DescribeReservedInstanceAutoRenewAttributeRequest{
				RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(batch),
			})
			if err != nil || resp.Body == nil || resp.Body.ReservedInstanceRenewAttributes == nil {
				return err
			}
			for _, a := range resp.Body.ReservedInstanceRenewAttributes.ReservedInstanceRenewAttribute {
				out[tea.StringValue(a.ReservedInstanceId)] = renewalFromSDK(a)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func renewalFromSDK(a *ecs.DescribeReservedInstanceAutoRenewAttributeResponseBodyReservedInstanceRenewAttributesReservedInstanceRenewAttribute) cloud.Renewal {
	r := cloud.Renewal{Known: true, Auto: tea.StringValue(a.RenewalStatus) == "AutoRenewal"}
	if d := int(tea.Int32Value(a.Duration)); d > 0 {
		r.Term = reservation.Term{Period: d, Unit: canonical(tea.StringValue(a.PeriodUnit), reservation.Year, reservation.Month)}
	}
	return r
}
