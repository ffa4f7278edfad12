package volcengine

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// ModifyReservedInstances replaces up to 10 active RIs of one family and one
// expiry with up to 50 new ones of the same total computing power: split,
// merge, change of type, zone or scope, and rename alike. Every modification
// yields new IDs. The sources are UPDATING and then INACTIVE; the targets
// CREATING and then ACTIVE, ending when the sources do.

// volcengineModified is the result: the IDs of the target RIs.
type volcengineModified struct{ ids []string }

// volcengineTarget is one checked configuration.
type volcengineTarget struct {
	name, instanceType, hpcClusterID string
	count                            int
	placement                        volcenginePlacement
}

// volcengineSharedAttributes apply to every target: those the call passes,
// or else the first source's (the docs: "if you do not pass an optional
// argument, the original configuration is maintained").
type volcengineSharedAttributes struct {
	description, project string
	tags                 map[string]string
	renewType            string
	renewDuration        int
	renewUnit            string
}

func (op *volcengineModify) apply(w *world) (any, *core.APIError) {
	reg, aerr := volcengineRegion(op.region)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkRegionParam(reg, op.regionParam); aerr != nil {
		return nil, aerr
	}
	sources, aerr := op.sources(w, reg)
	if aerr != nil {
		return nil, aerr
	}
	shared, aerr := op.sharedAttributes(w, sources[0])
	if aerr != nil {
		return nil, aerr
	}
	targets, aerr := op.checkTargets(w, reg, sources)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkModifyCapacity(w, reg, sources, targets); aerr != nil {
		return nil, aerr
	}
	return volcengineModified{ids: commitModify(w, reg, sources, targets, shared)}, nil
}

// sources resolves ReservedInstanceIds.N: at most 10, each once, active,
// of one family and one expiry.
func (op *volcengineModify) sources(w *world, reg core.Region) ([]*core.ReservedInstance, *core.APIError) {
	switch {
	case len(op.ids) == 0:
		return nil, volcErrMissing("ReservedInstanceIds")
	case len(op.ids) > 10:
		return nil, volcErrTooMany("ReservedInstanceIds", 10)
	case len(op.targets) > 50:
		return nil, volcErrTooMany("Configurations", 50)
	}
	sources := make([]*core.ReservedInstance, 0, len(op.ids))
	seen := map[string]bool{}
	for _, id := range op.ids {
		if seen[id] {
			return nil, volcErrInvalidParameter("The ReservedInstanceId %s is listed twice.", id)
		}
		seen[id] = true
		ri, aerr := findVolcengineRI(w, reg, id)
		if aerr != nil {
			return nil, aerr
		}
		if !w.IsActive(ri) {
			return nil, volcErrRIStatus(id)
		}
		sources = append(sources, ri)
	}
	first := sources[0]
	for _, src := range sources[1:] {
		if volcengineFamilyOf(src.InstanceType) != volcengineFamilyOf(first.InstanceType) {
			return nil, volcErrFamilyInconsistent()
		}
		if !src.ExpiredTime.Equal(first.ExpiredTime) {
			return nil, volcErrExpiryInconsistent()
		}
	}
	return sources, nil
}

func (op *volcengineModify) sharedAttributes(w *world, first *core.ReservedInstance) (volcengineSharedAttributes, *core.APIError) {
	s := volcengineSharedAttributes{
		description: first.Description, project: first.ProjectName, tags: first.Clone().Tags,
		renewType: volcengineRenewType(*first), renewDuration: first.AutoRenewDuration, renewUnit: first.AutoRenewUnit,
	}
	if op.description.Present {
		if !validVolcengineDescription(op.description.Value) {
			return s, volcErrDescriptionMalformed()
		}
		s.description = op.description.Value
	}
	if op.projectName.Present {
		project, aerr := checkVolcengineProject(w, op.projectName)
		if aerr != nil {
			return s, aerr
		}
		s.project = project
	}
	if op.tagsSent {
		tags, aerr := checkVolcengineTags(op.tags, 20)
		if aerr != nil {
			return s, aerr
		}
		s.tags = tags
	}
	if op.autoRenew.Present {
		on, months, aerr := volcengineAutoRenew(op.autoRenew, op.autoRenewPeriod)
		if aerr != nil {
			return s, aerr
		}
		s.renewType, s.renewDuration, s.renewUnit = volcengineManualRenewal, 0, ""
		if on {
			s.renewType, s.renewDuration, s.renewUnit = volcengineAutoRenewal, months, "Month"
		}
	}
	return s, nil
}

// checkTargets checks Configurations.N against the sources. With no
// configuration, a single source becomes one target just like it (a
// modification of shared attributes only).
func (op *volcengineModify) checkTargets(w *world, reg core.Region, sources []*core.ReservedInstance) ([]volcengineTarget, *core.APIError) {
	first := sources[0]
	specs := op.targets
	if len(specs) == 0 {
		if len(sources) > 1 {
			return nil, volcErrMissing("Configurations")
		}
		specs = []volcengineTargetSpec{{
			name: core.Text{Value: first.Name, Present: true}, count: core.Number{Value: first.InstanceAmount, Present: true},
		}}
	}
	targets := make([]volcengineTarget, 0, len(specs))
	for _, spec := range specs {
		t, aerr := checkVolcengineTarget(w, reg, spec, first)
		if aerr != nil {
			return nil, aerr
		}
		targets = append(targets, t)
	}
	return targets, nil
}

// checkVolcengineTarget reads one configuration; what it leaves out comes
// from the first source, except InstanceCount, which the docs default to 1.
func checkVolcengineTarget(w *world, reg core.Region, spec volcengineTargetSpec, first *core.ReservedInstance) (volcengineTarget, *core.APIError) {
	var t volcengineTarget
	if aerr := checkVolcengineRIName(spec.name); aerr != nil {
		return t, aerr
	}
	t.name = spec.name.Value
	t.instanceType = orText(spec.instanceTypeID, first.InstanceType)
	it, aerr := reservableVolcengineType(t.instanceType)
	if aerr != nil {
		return t, aerr
	}
	if it.Family != volcengineFamilyOf(first.InstanceType) {
		return t, volcErrFamilyInconsistent()
	}
	if t.count, aerr = volcengineCount(spec.count); aerr != nil {
		return t, aerr
	}
	scope := orText(spec.scope, first.Scope)
	zoneID := spec.zoneID.Value
	if !spec.zoneID.Present && scope == volcengineZonal {
		zoneID = first.ZoneID
	}
	if t.placement, aerr = checkVolcenginePlacement(reg, scope, zoneID); aerr != nil {
		return t, aerr
	}
	t.hpcClusterID = orText(spec.hpcClusterID, first.HpcClusterID)
	return t, checkVolcengineHpcCluster(w, reg, t.placement, t.hpcClusterID)
}

// orText is the value sent, or def when the parameter was left out.
func orText(t core.Text, def string) string {
	if t.Present {
		return t.Value
	}
	return def
}

// checkModifyCapacity: computing power conserved, stock for every target,
// and quotas with the targets in place of the sources.
func checkModifyCapacity(w *world, reg core.Region, sources []*core.ReservedInstance, targets []volcengineTarget) *core.APIError {
	have, want := 0, 0
	except := map[string]bool{}
	for _, src := range sources {
		have += volcengineVCPUs(src.InstanceType) * src.InstanceAmount
		except[src.ID] = true
	}
	demands := make([]volcengineDemand, 0, len(targets))
	for _, t := range targets {
		want += volcengineVCPUs(t.instanceType) * t.count
		demands = append(demands, volcengineDemand{regionID: reg.ID, placement: t.placement, instanceType: t.instanceType, count: t.count})
	}
	if have != want {
		return volcErrComputeInconsistent()
	}
	for _, t := range targets {
		if aerr := checkVolcengineStock(w, reg, t.placement, t.instanceType); aerr != nil {
			return aerr
		}
	}
	return checkVolcengineQuotas(w, demands, except)
}

// commitModify creates the targets and starts retiring the sources.
func commitModify(w *world, reg core.Region, sources []*core.ReservedInstance, targets []volcengineTarget, shared volcengineSharedAttributes) []string {
	ids := make([]string, 0, len(targets))
	for _, t := range targets {
		ri := &core.ReservedInstance{
			ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: t.placement.zoneID,
			Name: t.name, Description: shared.description, InstanceType: t.instanceType, InstanceAmount: t.count,
			Scope: t.placement.scope, OfferingType: sources[0].OfferingType, ProjectName: shared.project,
			HpcClusterID: t.hpcClusterID, StartTime: w.Now.Truncate(time.Second), ExpiredTime: sources[0].ExpiredTime,
			CreationTime: w.Now, Tags: core.MergedTags(nil, shared.tags),
		}
		setVolcengineRenewal(ri, shared.renewType, shared.renewDuration, shared.renewUnit)
		w.StartCreating(ri)
		w.Add(ri)
		ids = append(ids, ri.ID)
	}
	for _, src := range sources {
		w.StartUpdating(src)
	}
	return ids
}
