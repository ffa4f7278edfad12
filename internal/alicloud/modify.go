package alicloud

import (
	"context"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// Modify calls ModifyReservedInstances once. The API has no ClientToken, so
// the call is never repeated after an ambiguous failure: the error says so
// and the caller must find out what happened. Only the name is carried to
// the targets; the rest of an RI's decoration is set afterwards.
func (c *Client) Modify(ctx context.Context, in cloud.ModifyRequest) ([]string, error) {
	req := &ecs.ModifyReservedInstancesRequest{RegionId: tea.String(in.Region), ReservedInstanceId: tea.StringSlice(in.Sources)}
	for _, t := range in.Targets {
		req.Configuration = append(req.Configuration, &ecs.ModifyReservedInstancesRequestConfiguration{
			InstanceType: tea.String(t.Type), InstanceAmount: tea.Int32(int32(t.Amount)), Scope: tea.String(t.Scope),
			ZoneId: optional(t.Zone), ReservedInstanceName: optional(in.Name),
		})
	}
	var ids []string
	defer func() { c.Invalidate(append(append([]string{}, in.Sources...), ids...)...) }()
	err := c.call(ctx, in.Region, "ModifyReservedInstances", cloud.Once, func(cl *ecs.Client) error {
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

// Renew makes one RenewReservedInstances call per batch, each with the
// batch's token, reused by its retries. It stops at the first failure.
func (c *Client) Renew(ctx context.Context, in cloud.RenewRequest) error {
	for _, b := range in.Batches {
		req := &ecs.RenewReservedInstancesRequest{
			RegionId: tea.String(in.Region), ReservedInstanceId: tea.StringSlice(b.IDs), Period: tea.Int32(int32(in.Term.Period)),
			PeriodUnit: tea.String(in.Term.Unit), ClientToken: tea.String(b.Token),
		}
		err := c.call(ctx, in.Region, "RenewReservedInstances", cloud.Idempotent, func(cl *ecs.Client) error {
			_, err := cl.RenewReservedInstances(req)
			return err
		})
		c.Invalidate(b.IDs...)
		if err != nil {
			return err
		}
	}
	return nil
}
