package alicloud

import (
	"context"
	"sort"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// Batch limits of the API.
const (
	maxDescribeIDs  = 100
	maxAutoRenewIDs = 100
	maxTagResources = 50
	maxTagsPerCall  = 20
)

// ReservedInstance is an RI as DescribeReservedInstances reports it, with
// the service's lower-case Scope and Platform normalised.
type ReservedInstance struct {
	ID, RegionID, ZoneID, Name, Description, InstanceType string
	InstanceAmount                                        int
	Scope, Platform, OfferingType, ResourceGroupID        string
	Status, StartTime, ExpiredTime, CreationTime          string
	Tags                                                  map[string]string
	OperationLocks                                        []string
}

// AutoRenew is an RI's renewal setting.
type AutoRenew struct {
	Enabled  bool
	Duration int
	Unit     string
}

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

func fromSDK(ri *ecs.DescribeReservedInstancesResponseBodyReservedInstancesReservedInstance) ReservedInstance {
	out := ReservedInstance{
		ID: tea.StringValue(ri.ReservedInstanceId), RegionID: tea.StringValue(ri.RegionId), ZoneID: tea.StringValue(ri.ZoneId),
		Name: tea.StringValue(ri.ReservedInstanceName), Description: tea.StringValue(ri.Description),
		InstanceType: tea.StringValue(ri.InstanceType), InstanceAmount: int(tea.Int32Value(ri.InstanceAmount)),
		Scope: canonical(tea.StringValue(ri.Scope), "Region", "Zone"), Platform: canonical(tea.StringValue(ri.Platform), "Linux", "Windows"),
		OfferingType:    canonical(tea.StringValue(ri.OfferingType), "All Upfront", "Partial Upfront", "No Upfront"),
		ResourceGroupID: tea.StringValue(ri.ResourceGroupId), Status: tea.StringValue(ri.Status),
		StartTime: tea.StringValue(ri.StartTime), ExpiredTime: tea.StringValue(ri.ExpiredTime), CreationTime: tea.StringValue(ri.CreationTime),
		Tags: map[string]string{},
	}
	if ri.Tags != nil {
		for _, t := range ri.Tags.Tag {
			out.Tags[tea.StringValue(t.TagKey)] = tea.StringValue(t.TagValue)
		}
	}
	if ri.OperationLocks != nil {
		for _, l := range ri.OperationLocks.OperationLock {
			out.OperationLocks = append(out.OperationLocks, tea.StringValue(l.LockReason))
		}
	}
	return out
}

// PurchaseInput is one PurchaseReservedInstancesOffering.
type PurchaseInput struct {
	RegionID, InstanceType, Scope, ZoneID, Platform, OfferingType string
	Name, Description, ResourceGroupID, StartTime                 string
	Amount, Period                                                int
	PeriodUnit                                                    string
	AutoRenew                                                     bool
	AutoRenewMonths                                               int
	Tags                                                          map[string]string
	ClientToken                                                   string
}

// Purchase buys one RI. The ClientToken makes every retry safe: the service
// answers a repeated token with the first purchase.
func (c *Client) Purchase(ctx context.Context, in PurchaseInput) (string, error) {
	cl, release, err := c.sdk(in.RegionID)
	if err != nil {
		return "", err
	}
	defer release()
	req := &ecs.PurchaseReservedInstancesOfferingRequest{
		RegionId: tea.String(in.RegionID), InstanceType: tea.String(in.InstanceType), InstanceAmount: tea.Int32(int32(in.Amount)),
		Scope: tea.String(in.Scope), Platform: tea.String(in.Platform), OfferingType: tea.String(in.OfferingType),
		Period: tea.Int32(int32(in.Period)), PeriodUnit: tea.String(in.PeriodUnit), ClientToken: tea.String(in.ClientToken),
	}
	optional := func(v string) *string {
		if v == "" {
			return nil
		}
		return tea.String(v)
	}
	req.ZoneId, req.ReservedInstanceName, req.Description = optional(in.ZoneID), optional(in.Name), optional(in.Description)
	req.ResourceGroupId, req.StartTime = optional(in.ResourceGroupID), optional(in.StartTime)
	if in.AutoRenew {
		req.AutoRenew, req.AutoRenewPeriod = tea.Bool(true), tea.Int32(int32(in.AutoRenewMonths))
	}
	for _, k := range sortedKeys(in.Tags) {
		req.Tag = append(req.Tag, &ecs.PurchaseReservedInstancesOfferingRequestTag{Key: tea.String(k), Value: tea.String(in.Tags[k])})
	}
	var id string
	err = c.call(ctx, "PurchaseReservedInstancesOffering", idempotent, func() error {
		resp, err := cl.PurchaseReservedInstancesOffering(req)
		if err != nil {
			return err
		}
		if resp.Body == nil || resp.Body.ReservedInstanceIdSets == nil || len(resp.Body.ReservedInstanceIdSets.ReservedInstanceId) == 0 {
			return &APIError{Action: "PurchaseReservedInstancesOffering", Code: "EmptyResponse", Message: "the response named no reserved instance"}
		}
		id = tea.StringValue(resp.Body.ReservedInstanceIdSets.ReservedInstanceId[0])
		return nil
	})
	c.invalidate(id)
	return id, err
}

// Describe returns the RIs with these IDs that exist; IDs the service does
// not know are absent from the result. Concurrent calls share API calls of
// up to 100 IDs.
func (c *Client) Describe(ctx context.Context, region string, ids []string) (map[string]ReservedInstance, error) {
	return c.describeBatch.get(ctx, region, ids)
}

func (c *Client) describeNow(ctx context.Context, region string, ids []string) (map[string]ReservedInstance, error) {
	out := map[string]ReservedInstance{}
	for _, batch := range chunks(ids, maxDescribeIDs) {
		err := c.list(ctx, region, &ecs.DescribeReservedInstancesRequest{ReservedInstanceId: tea.StringSlice(batch)}, func(ri ReservedInstance) {
			out[ri.ID] = ri
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// List pages through DescribeReservedInstances with the given filters.
func (c *Client) List(ctx context.Context, region string, filter *ecs.DescribeReservedInstancesRequest) ([]ReservedInstance, error) {
	var out []ReservedInstance
	err := c.list(ctx, region, filter, func(ri ReservedInstance) { out = append(out, ri) })
	return out, err
}

func (c *Client) list(ctx context.Context, region string, req *ecs.DescribeReservedInstancesRequest, each func(ReservedInstance)) error {
	cl, release, err := c.sdk(region)
	if err != nil {
		return err
	}
	defer release()
	page := *req
	page.RegionId, page.PageSize = tea.String(region), tea.Int32(100)
	for number := int32(1); ; number++ {
		page.PageNumber = tea.Int32(number)
		var body *ecs.DescribeReservedInstancesResponseBody
		err := c.call(ctx, "DescribeReservedInstances", idempotent, func() error {
			resp, err := cl.DescribeReservedInstances(&page)
			if err == nil {
				body = resp.Body
			}
			return err
		})
		if err != nil {
			return err
		}
		var items []*ecs.DescribeReservedInstancesResponseBodyReservedInstancesReservedInstance
		if body != nil && body.ReservedInstances != nil {
			items = body.ReservedInstances.ReservedInstance
		}
		for _, ri := range items {
			each(fromSDK(ri))
		}
		if len(items) == 0 || int(number)*100 >= int(tea.Int32Value(body.TotalCount)) {
			return nil
		}
	}
}

// DescribeAutoRenew returns the renewal settings of the RIs. Concurrent
// calls share API calls of up to 100 IDs.
func (c *Client) DescribeAutoRenew(ctx context.Context, region string, ids []string) (map[string]AutoRenew, error) {
	return c.autoRenewBatch.get(ctx, region, ids)
}

func (c *Client) describeAutoRenewNow(ctx context.Context, region string, ids []string) (map[string]AutoRenew, error) {
	cl, release, err := c.sdk(region)
	if err != nil {
		return nil, err
	}
	defer release()
	out := map[string]AutoRenew{}
	for _, batch := range chunks(ids, maxAutoRenewIDs) {
		err := c.call(ctx, "DescribeReservedInstanceAutoRenewAttribute", idempotent, func() error {
			resp, err := cl.DescribeReservedInstanceAutoRenewAttribute(&ecs.DescribeReservedInstanceAutoRenewAttributeRequest{
				RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(batch),
			})
			if err != nil {
				return err
			}
			if resp.Body == nil || resp.Body.ReservedInstanceRenewAttributes == nil {
				return nil
			}
			for _, a := range resp.Body.ReservedInstanceRenewAttributes.ReservedInstanceRenewAttribute {
				out[tea.StringValue(a.ReservedInstanceId)] = AutoRenew{
					Enabled:  tea.StringValue(a.RenewalStatus) == "AutoRenewal",
					Duration: int(tea.Int32Value(a.Duration)),
					Unit:     canonical(tea.StringValue(a.PeriodUnit), "Year", "Month"),
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SetAttributes renames an RI and/or sets its description; a non-nil empty
// description clears it.
func (c *Client) SetAttributes(ctx context.Context, region, id string, name, description *string) error {
	cl, release, err := c.sdk(region)
	if err != nil {
		return err
	}
	defer release()
	defer c.invalidate(id)
	return c.call(ctx, "ModifyReservedInstanceAttribute", idempotent, func() error {
		_, err := cl.ModifyReservedInstanceAttribute(&ecs.ModifyReservedInstanceAttributeRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.String(id), ReservedInstanceName: name, Description: description,
		})
		return err
	})
}

// SetAutoRenew switches auto-renewal on (for period+unit) or off.
func (c *Client) SetAutoRenew(ctx context.Context, region string, ids []string, enabled bool, period int, unit string) error {
	cl, release, err := c.sdk(region)
	if err != nil {
		return err
	}
	defer release()
	defer c.invalidate(ids...)
	status := "Normal"
	if enabled {
		status = "AutoRenewal"
	}
	for _, batch := range chunks(ids, maxAutoRenewIDs) {
		req := &ecs.ModifyReservedInstanceAutoRenewAttributeRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(batch), RenewalStatus: tea.String(status),
		}
		if enabled {
			req.Period, req.PeriodUnit = tea.Int32(int32(period)), tea.String(unit)
		}
		if err := c.call(ctx, "ModifyReservedInstanceAutoRenewAttribute", idempotent, func() error {
			_, err := cl.ModifyReservedInstanceAutoRenewAttribute(req)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// Tag sets tags on the RIs (50 resources and 20 tags per call).
func (c *Client) Tag(ctx context.Context, region string, ids []string, tags map[string]string) error {
	cl, release, err := c.sdk(region)
	if err != nil {
		return err
	}
	defer release()
	defer c.invalidate(ids...)
	for _, batch := range chunks(ids, maxTagResources) {
		for _, keys := range chunks(sortedKeys(tags), maxTagsPerCall) {
			req := &ecs.TagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"), ResourceId: tea.StringSlice(batch)}
			for _, k := range keys {
				req.Tag = append(req.Tag, &ecs.TagResourcesRequestTag{Key: tea.String(k), Value: tea.String(tags[k])})
			}
			if err := c.call(ctx, "TagResources", idempotent, func() error {
				_, err := cl.TagResources(req)
				return err
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Untag removes tag keys from the RIs.
func (c *Client) Untag(ctx context.Context, region string, ids []string, keys []string) error {
	cl, release, err := c.sdk(region)
	if err != nil {
		return err
	}
	defer release()
	defer c.invalidate(ids...)
	sort.Strings(keys)
	for _, batch := range chunks(ids, maxTagResources) {
		for _, ks := range chunks(keys, maxTagsPerCall) {
			req := &ecs.UntagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"),
				ResourceId: tea.StringSlice(batch), TagKey: tea.StringSlice(ks)}
			if err := c.call(ctx, "UntagResources", idempotent, func() error {
				_, err := cl.UntagResources(req)
				return err
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

func chunks(items []string, size int) [][]string {
	var out [][]string
	for len(items) > size {
		out = append(out, items[:size])
		items = items[size:]
	}
	if len(items) > 0 {
		out = append(out, items)
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Filter narrows a listing; empty fields do not filter.
type Filter struct {
	IDs                                       []string
	InstanceType, Family, Scope, ZoneID, Name string
	OfferingType                              string
	Statuses                                  []string
	Tags                                      map[string]string
}

// Find lists the RIs of a region that match the filter, paging through all
// results; more than 100 IDs are asked for in batches.
func (c *Client) Find(ctx context.Context, region string, f Filter) ([]ReservedInstance, error) {
	base := ecs.DescribeReservedInstancesRequest{}
	optional := func(v string) *string {
		if v == "" {
			return nil
		}
		return tea.String(v)
	}
	base.InstanceType, base.InstanceTypeFamily, base.Scope = optional(f.InstanceType), optional(f.Family), optional(f.Scope)
	base.ZoneId, base.ReservedInstanceName, base.OfferingType = optional(f.ZoneID), optional(f.Name), optional(f.OfferingType)
	if len(f.Statuses) > 0 {
		base.Status = tea.StringSlice(f.Statuses)
	}
	for _, k := range sortedKeys(f.Tags) {
		base.Tag = append(base.Tag, &ecs.DescribeReservedInstancesRequestTag{Key: tea.String(k), Value: tea.String(f.Tags[k])})
	}
	if len(f.IDs) == 0 {
		req := base
		return c.List(ctx, region, &req)
	}
	var out []ReservedInstance
	for _, batch := range chunks(f.IDs, maxDescribeIDs) {
		req := base
		req.ReservedInstanceId = tea.StringSlice(batch)
		got, err := c.List(ctx, region, &req)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}
