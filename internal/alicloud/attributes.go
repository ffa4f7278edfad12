package alicloud

import (
	"context"
	"maps"
	"slices"
	"sort"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Rename sets an RI's name and/or description in place; a non-nil empty
// description clears it.
func (c *Client) Rename(ctx context.Context, region, id string, name, description *string) error {
	return c.call(ctx, region, "ModifyReservedInstanceAttribute", cloud.Idempotent, func(cl *ecs.Client) error {
		_, err := cl.ModifyReservedInstanceAttribute(&ecs.ModifyReservedInstanceAttributeRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.String(id), ReservedInstanceName: name, Description: description,
		})
		return err
	})
}

// SetRenewal switches auto-renewal on (for the term) or off, 100 RIs a call.
func (c *Client) SetRenewal(ctx context.Context, region string, ids []string, r cloud.Renewal) error {
	rules := reservation.Alibaba.Calls
	status := "Normal"
	if r.Auto {
		status = "AutoRenewal"
	}
	for _, batch := range cloud.Chunks(ids, rules.AutoRenewIDs) {
		req := &ecs.ModifyReservedInstanceAutoRenewAttributeRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(batch), RenewalStatus: tea.String(status),
		}
		if r.Auto {
			req.Period, req.PeriodUnit = tea.Int32(int32(r.Term.Period)), tea.String(r.Term.Unit)
		}
		if err := c.call(ctx, region, rules.AutoRenew, cloud.Idempotent, func(cl *ecs.Client) error {
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
	rules := reservation.Alibaba.Calls
	for _, batch := range cloud.Chunks(ids, rules.TagIDs) {
		for _, keys := range cloud.Chunks(slices.Sorted(maps.Keys(tags)), rules.TagsPerCall) {
			req := &ecs.TagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"), ResourceId: tea.StringSlice(batch)}
			for _, k := range keys {
				req.Tag = append(req.Tag, &ecs.TagResourcesRequestTag{Key: tea.String(k), Value: tea.String(tags[k])})
			}
			if err := c.call(ctx, region, rules.Tag, cloud.Idempotent, func(cl *ecs.Client) error {
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
	rules := reservation.Alibaba.Calls
	keys = append([]string{}, keys...)
	sort.Strings(keys)
	for _, batch := range cloud.Chunks(ids, rules.TagIDs) {
		for _, ks := range cloud.Chunks(keys, rules.TagsPerCall) {
			req := &ecs.UntagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"),
				ResourceId: tea.StringSlice(batch), TagKey: tea.StringSlice(ks)}
			if err := c.call(ctx, region, rules.Untag, cloud.Idempotent, func(cl *ecs.Client) error {
				_, err := cl.UntagResources(req)
				return err
			}); err != nil {
				return err
			}
		}
	}
	return nil
}
