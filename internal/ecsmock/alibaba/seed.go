package alibaba

import (
	"fmt"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// PrepareSeed fills in the purchase defaults of a seeded Alibaba RI: region
// cn-hangzhou, Zone scope when a zone is given (Region otherwise), Linux,
// All Upfront, one instance, the default resource group, Active.
func (d *Dialect) PrepareSeed(ri *core.ReservedInstance, _ *core.World) error {
	if ri.RegionID == "" {
		ri.RegionID = "cn-hangzhou"
	}
	if _, ok := regions[ri.RegionID]; !ok {
		return fmt.Errorf("unknown region %q", ri.RegionID)
	}
	if _, ok := catalog[ri.InstanceType]; !ok {
		return fmt.Errorf("unknown instance type %q", ri.InstanceType)
	}
	if ri.Scope == "" {
		ri.Scope = "Region"
		if ri.ZoneID != "" {
			ri.Scope = "Zone"
		}
	}
	core.SetDefault(&ri.Platform, "Linux")
	core.SetDefault(&ri.OfferingType, "All Upfront")
	core.SetDefault(&ri.ResourceGroupID, d.opts.DefaultResourceGroupID)
	core.SetDefault(&ri.Status, StatusActive)
	if ri.InstanceAmount == 0 {
		ri.InstanceAmount = 1
	}
	return nil
}
