package volcengine

import (
	"context"
	"maps"
	"slices"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// Find lists the RIs of a region that match the filter. Status takes one value per call, so several statuses are several
// listings; a non-nil empty IDs matches nothing.
func (c *Client) Find(ctx context.Context, region string, f cloud.Filter) ([]cloud.RI, error) {
	if f.IDs != nil && len(f.IDs) == 0 {
		return nil, nil
	}
	base := vecs.DescribeReservedInstancesInput{
		ZoneId: optional(f.ZoneID), ReservedInstanceName: optional(f.Name), ProjectName: optional(f.Attrs[AttrProjectName]),
		HpcClusterId: optional(f.Attrs[AttrHpcClusterID]),
	}
	if f.InstanceType != "" {
		base.InstanceTypeIds = volcengine.StringSlice([]string{f.InstanceType})
	}
	if f.Family != "" {
		base.InstanceTypeFamilies = volcengine.StringSlice([]string{f.Family})
	}
	if f.Scope != "" {
		base.Scope = volcengine.String(apiScope(f.Scope))
	}
	for _, k := range slices.Sorted(maps.Keys(f.Tags)) {
		tf := &vecs.TagFilterForDescribeReservedInstancesInput{Key: volcengine.String(k)}
		if v := f.Tags[k]; v != "" {
			tf.Values = volcengine.StringSlice([]string{v})
		}
		base.TagFilters = append(base.TagFilters, tf)
	}
	statuses := []*string{nil}
	if len(f.Statuses) > 0 {
		statuses = nil
		for _, s := range f.Statuses {
			statuses = append(statuses, volcengine.String(apiStatus(s)))
		}
	}
	idBatches := cloud.Chunks(f.IDs, maxDescribeIDs)
	if f.IDs == nil {
		idBatches = [][]string{nil}
	}
	var found []cloud.RI
	for _, status := range statuses {
		for _, ids := range idBatches {
			req := base
			req.Status = status
			if ids != nil {
				req.ReservedInstanceIds = volcengine.StringSlice(ids)
			}
			got, err := c.list(ctx, region, &req)
			if err != nil {
				return nil, err
			}
			found = append(found, got...)
		}
	}
	return found, nil
}
