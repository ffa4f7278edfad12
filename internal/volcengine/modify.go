package volcengine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// Modify makes one ModifyReservedInstances call. Volcengine's takes a
// ClientToken; it is derived from the request, so a retry after a lost
// answer is answered with the first call's result instead of modifying
// again. The call carries the reservation's name, description, project,
// tags and renewal to every target.
func (c *Client) Modify(ctx context.Context, in cloud.ModifyRequest) ([]string, error) {
	rc, err := c.clients(in.Region)
	if err != nil {
		return nil, err
	}
	req := &vecs.ModifyReservedInstancesInput{
		ReservedInstanceIds: volcengine.StringSlice(in.Sources), RegionId: volcengine.String(in.Region),
		Description: optional(in.Description), ProjectName: optional(in.Attrs[AttrProjectName]),
		ClientToken: volcengine.String(modifyToken(in)),
	}
	for _, t := range in.Targets {
		req.Configurations = append(req.Configurations, &vecs.ConfigurationForModifyReservedInstancesInput{
			ReservedInstanceName: volcengine.String(in.Name), InstanceCount: volcengine.Int32(int32(t.Amount)),
			InstanceTypeId: volcengine.String(t.Type), Scope: volcengine.String(apiScope(t.Scope)), ZoneId: optional(t.Zone),
			HpcClusterId: optional(t.Cluster),
		})
	}
	if in.Renewal.Auto {
		req.AutoRenew, req.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(int32(in.Renewal.Term.Months()))
	} else if in.Renewal.Known {
		req.AutoRenew = volcengine.Bool(false)
	}
	for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
		req.Tags = append(req.Tags, &vecs.TagForModifyReservedInstancesInput{Key: volcengine.String(k), Value: volcengine.String(in.Tags[k])})
	}
	var ids []string
	err = c.call(ctx, "ModifyReservedInstances", func() error {
		resp, err := rc.ecs.ModifyReservedInstancesWithContext(ctx, req)
		if err == nil {
			ids = volcengine.StringValueSlice(resp.ReservedInstanceIds)
		}
		return err
	})
	return ids, err
}

// modifyToken derives a ClientToken from everything a modification asks.
func modifyToken(in cloud.ModifyRequest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|", in.Region, strings.Join(in.Sources, ","))
	for _, t := range in.Targets {
		fmt.Fprintf(&b, "%s;", t)
	}
	fmt.Fprintf(&b, "|%s|%s|%s|%t/%d|", in.Name, in.Description, in.Attrs[AttrProjectName], in.Renewal.Auto, in.Renewal.Term.Months())
	for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
		fmt.Fprintf(&b, "%q=%q;", k, in.Tags[k])
	}
	sum := sha256.Sum256([]byte(b.String()))
	return "ecsri-modify-" + hex.EncodeToString(sum[:20])
}
