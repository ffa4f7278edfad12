package volcengine

import (
	"fmt"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine/billing"
)

// PrepareSeed fills in the defaults of a seeded Volcengine RI and checks it
// against the catalogue: region cn-beijing, ZonalRI with a zone (RegionalRI
// otherwise), project "default", ACTIVE, ManualRenewal (AutoRenewal when
// AutoRenew is set, one month unless said otherwise). Projects and HPC
// clusters it names are created when missing, to keep seeding short.
func (d *Dialect) PrepareSeed(ri *core.ReservedInstance, w *core.World) error {
	core.SetDefault(&ri.RegionID, "cn-beijing")
	reg, ok := regions[ri.RegionID]
	if !ok {
		return fmt.Errorf("unknown Volcengine region %q", ri.RegionID)
	}
	if _, ok := catalog[ri.InstanceType]; !ok {
		return fmt.Errorf("unknown Volcengine instance type %q", ri.InstanceType)
	}
	if ri.Scope == "" {
		ri.Scope = regional
		if ri.ZoneID != "" {
			ri.Scope = zonal
		}
	}
	placement, aerr := checkPlacement(reg, ri.Scope, ri.ZoneID)
	if aerr != nil {
		return fmt.Errorf("scope %q and zone %q: %s", ri.Scope, ri.ZoneID, aerr.Message)
	}
	if err := seedGroups(ri, w, placement); err != nil {
		return err
	}
	core.SetDefault(&ri.Status, StatusActive)
	core.SetDefault(&ri.OfferingType, offeringType)
	if ri.InstanceAmount == 0 {
		ri.InstanceAmount = 1
	}
	return seedRenewal(ri)
}

// seedGroups defaults the project and creates what is named.
func seedGroups(ri *core.ReservedInstance, w *core.World, p placementSpec) error {
	core.SetDefault(&ri.ProjectName, defaultProject)
	if !validProjectName(ri.ProjectName) {
		return fmt.Errorf("project name %q is not valid", ri.ProjectName)
	}
	if ri.ProjectName != defaultProject {
		w.AddProject(ri.ProjectName)
	}
	if ri.HpcClusterID == "" {
		return nil
	}
	if _, known := w.HpcClusterZone(ri.HpcClusterID); known {
		return nil
	}
	if p.scope != zonal {
		return fmt.Errorf("HPC cluster %q is unknown; create it with AddHpcCluster or seed a zonal RI", ri.HpcClusterID)
	}
	w.AddHpcCluster(ri.HpcClusterID, p.zoneID)
	return nil
}

// seedRenewal makes RenewType and AutoRenew agree: AutoRenew
// wins, a missing auto-renew length is one month.
func seedRenewal(ri *core.ReservedInstance) error {
	switch ri.RenewType {
	case "", billing.AutoRenewal, billing.ManualRenewal, billing.NonRenewal:
	default:
		return fmt.Errorf("renew type %q is not AutoRenewal, ManualRenewal or NonRenewal", ri.RenewType)
	}
	if ri.RenewType == billing.AutoRenewal {
		ri.AutoRenew = true
	}
	if !ri.AutoRenew {
		if ri.RenewType == "" {
			ri.RenewType = billing.ManualRenewal
		}
		return nil
	}
	if ri.AutoRenewDuration == 0 {
		ri.AutoRenewDuration = 1
	}
	core.SetDefault(&ri.AutoRenewUnit, "Month")
	ri.RenewType = billing.AutoRenewal
	return nil
}

// Initialise creates the projects the options name.
func (d *Dialect) Initialise(w *core.World) error {
	for _, p := range d.opts.Projects {
		if err := d.AddProject(w, p); err != nil {
			return err
		}
	}
	return nil
}

// AddProject creates a project; "default" always exists.
func (d *Dialect) AddProject(w *core.World, name string) error {
	if !validProjectName(name) {
		return fmt.Errorf("project name %q is not valid: 1-64 letters, digits, '_', '.' or '-'", name)
	}
	w.AddProject(name)
	return nil
}

// AddHpcCluster creates an HPC cluster in a zone.
func (d *Dialect) AddHpcCluster(w *core.World, id, zoneID string) error {
	if id == "" {
		return fmt.Errorf("an HPC cluster needs an ID")
	}
	if _, ok := findZone(zoneID); !ok {
		return fmt.Errorf("unknown Volcengine zone %q", zoneID)
	}
	w.AddHpcCluster(id, zoneID)
	return nil
}
