package volcengine

import (
	"context"
	"maps"
	"slices"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Purchase calls PurchaseReservedInstances; every retry reuses the
// request's ClientToken, so the service buys at most once.
func (c *Client) Purchase(ctx context.Context, in cloud.PurchaseRequest) (string, error) {
	rc, err := c.clients(in.Region)
	if err != nil {
		return "", err
	}
	req := &vecs.PurchaseReservedInstancesInput{
		InstanceTypeId: volcengine.String(in.Shape.Type), InstanceCount: volcengine.Int32(int32(in.Shape.Amount)),
		Scope: volcengine.String(apiScope(in.Shape.Scope)), ZoneId: optional(in.Shape.Zone), HpcClusterId: optional(in.Shape.Cluster),
		RegionId: volcengine.String(in.Region), Period: volcengine.Int32(int32(in.Term.Months())), PeriodUnit: volcengine.String(reservation.Month),
		ReservedInstanceName: volcengine.String(in.Name), Description: optional(in.Description),
		ProjectName: optional(in.Attrs[AttrProjectName]), ClientToken: volcengine.String(in.ClientToken),
	}
	if in.Renewal.Auto {
		req.AutoRenew, req.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(int32(in.Renewal.Term.Months()))
	}
	for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
		req.Tags = append(req.Tags, &vecs.TagForPurchaseReservedInstancesInput{Key: volcengine.String(k), Value: volcengine.String(in.Tags[k])})
	}
	const action = "PurchaseReservedInstances"
	var id string
	err = c.call(ctx, action, func() error {
		resp, err := rc.ecs.PurchaseReservedInstancesWithContext(ctx, req)
		if err != nil {
			return err
		}
		if id = volcengine.StringValue(resp.ReservedInstanceId); id == "" {
			return cloud.NoRIInAnswer(action)
		}
		return nil
	})
	return id, err
}

func optional(v string) *string {
	if v == "" {
		return nil
	}
	return volcengine.String(v)
}
