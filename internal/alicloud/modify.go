package alicloud

import (
	"context"
	"fmt"
	"strings"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Modify makes one ModifyReservedInstances call. The API has no
// ClientToken, so the call is never repeated blindly: the family's RIs are
// listed first, and when the answer is lost the RIs the call created are
// looked for by shape afterwards (see recover). Only the name is carried to
// the targets; the rest of an RI's decoration is set afterwards.
func (c *Client) Modify(ctx context.Context, in cloud.ModifyRequest) ([]string, error) {
	it, _ := reservation.Alibaba.ParseInstanceType(in.Targets[0].Type)
	before, err := c.listFamily(ctx, in.Region, it.Family)
	if err != nil {
		return nil, err
	}
	ids, err := c.modifyOnce(ctx, in)
	if err != nil && cloud.IsAmbiguous(err) && ctx.Err() == nil {
		return c.recover(ctx, before, in)
	}
	return ids, err
}

func (c *Client) modifyOnce(ctx context.Context, in cloud.ModifyRequest) ([]string, error) {
	req := &ecs.ModifyReservedInstancesRequest{RegionId: tea.String(in.Region), ReservedInstanceId: tea.StringSlice(in.Sources)}
	for _, t := range in.Targets {
		req.Configuration = append(req.Configuration, &ecs.ModifyReservedInstancesRequestConfiguration{
			InstanceType: tea.String(t.Type), InstanceAmount: tea.Int32(int32(t.Amount)), Scope: tea.String(t.Scope),
			ZoneId: optional(t.Zone), ReservedInstanceName: optional(in.Name),
		})
	}
	var ids []string
	err := c.call(ctx, in.Region, modifyAction, cloud.Once, func(cl *ecs.Client) error {
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

const modifyAction = "ModifyReservedInstances"

// recover finds out what an unanswered ModifyReservedInstances did. RIs of
// the family that did not exist before and have the requested shapes are
// the call's targets. If there are none and the sources are still active,
// the call did not happen and is made once more.
func (c *Client) recover(ctx context.Context, before []cloud.RI, in cloud.ModifyRequest) ([]string, error) {
	it, _ := reservation.Alibaba.ParseInstanceType(in.Targets[0].Type)
	after, err := c.listFamily(ctx, in.Region, it.Family)
	if err != nil {
		return nil, fmt.Errorf("the answer to %s was lost and the reserved instances could not be listed to find out what it did: %w", modifyAction, err)
	}
	ids, found := newRIsByShape(before, after, in.Targets)
	if found == len(in.Targets) {
		return ids, nil
	}
	srcs, err := c.DescribeRIs(ctx, in.Region, in.Sources)
	if err != nil {
		return nil, err
	}
	untouched := found == 0
	for _, id := range in.Sources {
		untouched = untouched && srcs[id].Status == cloud.StatusActive
	}
	if !untouched {
		return nil, fmt.Errorf("the answer to %s was lost; the sources %s changed but only %d of %d new reserved instances were found, so the call was not repeated. Check the reserved instances in the console, then refresh",
			modifyAction, strings.Join(in.Sources, ", "), found, len(in.Targets))
	}
	return c.modifyOnce(ctx, in)
}

// newRIsByShape matches the RIs in after that were not in before to the
// target shapes, one each.
func newRIsByShape(before, after []cloud.RI, targets []reservation.Shape) ([]string, int) {
	known := map[string]bool{}
	for _, ri := range before {
		known[ri.ID] = true
	}
	ids := make([]string, len(targets))
	taken := map[string]bool{}
	found := 0
	for j, want := range targets {
		for _, ri := range after {
			if !known[ri.ID] && !taken[ri.ID] && ri.Shape == want {
				ids[j], taken[ri.ID] = ri.ID, true
				found++
				break
			}
		}
	}
	return ids, found
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
		if err != nil {
			return err
		}
	}
	return nil
}
