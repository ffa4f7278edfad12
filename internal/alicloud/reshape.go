package alicloud

import (
	"context"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// Batch limit of RenewReservedInstances.
const maxRenewIDs = 10

// ModifyTarget is one Configuration.N of ModifyReservedInstances.
type ModifyTarget struct {
	InstanceType string
	Amount       int
	Scope        string
	ZoneID       string
	Name         string
}

// Modify calls ModifyReservedInstances once. The API has no ClientToken, so
// the call is never repeated after an ambiguous failure: the error says so
// (APIError.Ambiguous) and the caller must find out what happened.
func (c *Client) Modify(ctx context.Context, region string, sources []string, targets []ModifyTarget) ([]string, error) {
	cl, release, err := c.sdk(region)
	if err != nil {
		return nil, err
	}
	defer release()
	req := &ecs.ModifyReservedInstancesRequest{RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(sources)}
	for _, t := range targets {
		conf := &ecs.ModifyReservedInstancesRequestConfiguration{
			InstanceType: tea.String(t.InstanceType), InstanceAmount: tea.Int32(int32(t.Amount)), Scope: tea.String(t.Scope),
		}
		if t.ZoneID != "" {
			conf.ZoneId = tea.String(t.ZoneID)
		}
		if t.Name != "" {
			conf.ReservedInstanceName = tea.String(t.Name)
		}
		req.Configuration = append(req.Configuration, conf)
	}
	var ids []string
	defer func() { c.invalidate(append(append([]string{}, sources...), ids...)...) }()
	err = c.call(ctx, "ModifyReservedInstances", once, func() error {
		resp, err := cl.ModifyReservedInstances(req)
		if err != nil {
			return err
		}
		if resp.Body != nil && resp.Body.ReservedInstanceIdSets != nil {
			ids = tea.StringSliceValue(resp.Body.ReservedInstanceIdSets.ReservedInstanceId)
		}
		return nil
	})
	return ids, err
}

// Renew extends the RIs by period × unit, 10 per call, each call with its
// own ClientToken reused by its retries, so a retried renewal never renews
// twice.
func (c *Client) Renew(ctx context.Context, region string, ids []string, period int, unit string) error {
	cl, release, err := c.sdk(region)
	if err != nil {
		return err
	}
	defer release()
	defer c.invalidate(ids...)
	for _, batch := range chunks(ids, maxRenewIDs) {
		req := &ecs.RenewReservedInstancesRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(batch), Period: tea.Int32(int32(period)),
			PeriodUnit: tea.String(unit), ClientToken: tea.String(NewClientToken()),
		}
		if err := c.call(ctx, "RenewReservedInstances", idempotent, func() error {
			_, err := cl.RenewReservedInstances(req)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// ListFamily lists every RI of an instance family in a region, to tell which
// RIs a call created when its answer was lost.
func (c *Client) ListFamily(ctx context.Context, region, family string) ([]ReservedInstance, error) {
	return c.List(ctx, region, &ecs.DescribeReservedInstancesRequest{InstanceTypeFamily: tea.String(family)})
}
