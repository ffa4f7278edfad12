package ecsmock

import "fmt"

// prepareVolcengineSeed fills in the defaults of a seeded Volcengine RI
// (see SeedVolcengine) and checks it against the catalogue. Projects and
// HPC clusters it names are created when missing, to keep seeding short.
func prepareVolcengineSeed(ri *ReservedInstance, w *world) error {
	setDefault(&ri.RegionID, "cn-beijing")
	reg, ok := volcengineRegions[ri.RegionID]
	if !ok {
		return fmt.Errorf("unknown Volcengine region %q", ri.RegionID)
	}
	if _, ok := volcengineCatalog[ri.InstanceType]; !ok {
		return fmt.Errorf("unknown Volcengine instance type %q", ri.InstanceType)
	}
	if ri.Scope == "" {
		ri.Scope = volcengineRegional
		if ri.ZoneID != "" {
			ri.Scope = volcengineZonal
		}
	}
	placement, aerr := checkVolcenginePlacement(reg, ri.Scope, ri.ZoneID)
	if aerr != nil {
		return fmt.Errorf("scope %q and zone %q: %s", ri.Scope, ri.ZoneID, aerr.Message)
	}
	if err := seedVolcengineGroups(ri, w, placement); err != nil {
		return err
	}
	setDefault(&ri.Status, VolcengineStatusActive)
	setDefault(&ri.OfferingType, volcengineOfferingType)
	if ri.InstanceAmount == 0 {
		ri.InstanceAmount = 1
	}
	return seedVolcengineRenewal(ri)
}

// seedVolcengineGroups defaults the project and creates what is named.
func seedVolcengineGroups(ri *ReservedInstance, w *world, p volcenginePlacement) error {
	setDefault(&ri.ProjectName, volcengineDefaultProject)
	if !validVolcengineProjectName(ri.ProjectName) {
		return fmt.Errorf("project name %q is not valid", ri.ProjectName)
	}
	if ri.ProjectName != volcengineDefaultProject {
		w.st.Projects[ri.ProjectName] = true
	}
	if ri.HpcClusterID == "" {
		return nil
	}
	if _, known := w.st.HpcClusters[ri.HpcClusterID]; known {
		return nil
	}
	if p.scope != volcengineZonal {
		return fmt.Errorf("HPC cluster %q is unknown; create it with AddHpcCluster or seed a zonal RI", ri.HpcClusterID)
	}
	w.st.HpcClusters[ri.HpcClusterID] = p.zoneID
	return nil
}

// seedVolcengineRenewal makes RenewType and AutoRenew agree: AutoRenew
// wins, a missing auto-renew length is one month.
func seedVolcengineRenewal(ri *ReservedInstance) error {
	switch ri.RenewType {
	case "", volcengineAutoRenewal, volcengineManualRenewal, volcengineNonRenewal:
	default:
		return fmt.Errorf("renew type %q is not AutoRenewal, ManualRenewal or NonRenewal", ri.RenewType)
	}
	if ri.RenewType == volcengineAutoRenewal {
		ri.AutoRenew = true
	}
	if !ri.AutoRenew {
		if ri.RenewType == "" {
			ri.RenewType = volcengineManualRenewal
		}
		return nil
	}
	if ri.AutoRenewDuration == 0 {
		ri.AutoRenewDuration = 1
	}
	setDefault(&ri.AutoRenewUnit, "Month")
	ri.RenewType = volcengineAutoRenewal
	return nil
}
