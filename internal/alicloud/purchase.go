package alicloud

import (
	"context"
	"maps"
	"slices"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
)

// Purchase calls PurchaseReservedInstancesOffering; every retry reuses the
// request's ClientToken, so the service buys at most once.
func (c *Client) Purchase(ctx context.Context, in cloud.PurchaseRequest) (string, error) {
	req := &ecs.PurchaseReservedInstancesOfferingRequest{
		RegionId: tea.String(in.Region), InstanceType: tea.String(in.Shape.Type), InstanceAmount: tea.Int32(int32(in.Shape.Amount)),
		Scope: tea.String(in.Shape.Scope), ZoneId: optional(in.Shape.Zone),
		Platform: optional(in.Attrs[AttrPlatform]), OfferingType: optional(in.Attrs[AttrOfferingType]),
		ResourceGroupId: optional(in.Attrs[AttrResourceGroupID]), StartTime: optional(in.Attrs[AttrStartTime]),
		Period: tea.Int32(int32(in.Term.Period)), PeriodUnit: tea.String(in.Term.Unit), ClientToken: tea.String(in.ClientToken),
		ReservedInstanceName: optional(in.Name), Description: optional(in.Description),
	}
	if in.Renewal.Auto {
		req.AutoRenew, req.AutoRenewPeriod = tea.Bool(true), tea.Int32(int32(in.Renewal.Term.Months()))
	}
	for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
		req.Tag = append(req.Tag, &ecs.PurchaseReservedInstancesOfferingRequestTag{Key: tea.String(k), Value: tea.String(in.Tags[k])})
	}
	const action = "PurchaseReservedInstancesOffering"
	var id string
	err := c.call(ctx, in.Region, action, cloud.Idempotent, func(cl *ecs.Client) error {
		resp, err := cl.PurchaseReservedInstancesOffering(req)
		if err != nil {
			return err
		}
		if resp.Body == nil || resp.Body.ReservedInstanceIdSets == nil || len(resp.Body.ReservedInstanceIdSets.ReservedInstanceId) == 0 {
			return cloud.NoRIInAnswer(action)
		}
		id = tea.StringValue(resp.Body.ReservedInstanceIdSets.ReservedInstanceId[0])
		return nil
	})
	return id, err
}

func optional(v string) *string {
	if v == "" {
		return nil
	}
	return tea.String(v)
}
