package alicloud

import (
	"context"
	"maps"
	"slices"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// Find lists the RIs of a region that match the filter, paging through all results; more than 100 IDs are asked for in
// batches. A non-nil empty IDs matches nothing.
func (c *Client) Find(ctx context.Context, region string, f cloud.Filter) ([]cloud.RI, error) {
	if f.IDs != nil && len(f.IDs) == 0 {
		return nil, nil
	}
	base := ecs.DescribeReservedInstancesRequest{
		InstanceType: optional(f.InstanceType), InstanceTypeFamily: optional(f.Family), Scope: optional(f.Scope),
		ZoneId: optional(f.ZoneID), ReservedInstanceName: optional(f.Name), OfferingType: optional(f.Attrs[AttrOfferingType]),
	}
	for _, s := range f.Statuses {
		base.Status = append(base.Status, tea.String(string(s)))
	}
	for _, k := range slices.Sorted(maps.Keys(f.Tags)) {
		base.Tag = append(base.Tag, &ecs.DescribeReservedInstancesRequestTag{Key: tea.String(k), Value: optional(f.Tags[k])})
	}
	var found []cloud.RI
	batches := cloud.Chunks(f.IDs, maxDescribeIDs)
	if f.IDs == nil {
		batches = [][]string{nil}
	}
	for _, batch := range batches {
		req := base
		req.ReservedInstanceId = tea.StringSlice(batch)
		got, err := c.list(ctx, region, &req)
		if err != nil {
			return nil, err
		}
		found = append(found, got...)
	}
	return found, nil
}
