package volcengine

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine/billing"
)

// ModifyReservedInstances replaces up to 10 active RIs of one family and one
// expiry with up to 50 new ones of the same total computing power: split,
// merge, change of type, zone or scope, and rename alike. Every modification
// yields new IDs. The sources are UPDATING and then INACTIVE; the targets
// CREATING and then ACTIVE, ending when the sources do.

// modified is the result: the IDs of the target RIs.
type modified struct{ ids []string }

// checkedTarget is one checked configuration.
type checkedTarget struct {
	name, instanceType, hpcClusterID string
	count                            int
	placement                        placementSpec
}

// commonAttributes apply to every target: those the call passes,
// or else the first source's (the docs: "if you do not pass an optional
// argument, the original configuration is maintained").
type commonAttributes struct {
	description, project string
	tags                 map[string]string
	renewType            string
	renewDuration        int
	renewUnit            string
}

func (op *modify) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.region)
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
	return modified{ids: commitModify(w, reg, sources, targets, shared)}, nil
}

// sources resolves ReservedInstanceIds.N: at most 10, each once, active,
// of one family and one expiry.
func (op *modify) sources(w *world, reg core.Region) ([]*core.ReservedInstance, *core.APIError) {
	switch {
	case len(op.ids) == 0:
		return nil, errMissing("ReservedInstanceIds")
	case len(op.ids) > 10:
		return nil, errTooMany("ReservedInstanceIds", 10)
	case len(op.targets) > 50:
		return nil, errTooMany("Configurations", 50)
	}
	sources := make([]*core.ReservedInstance, 0, len(op.ids))
	seen := map[string]bool{}
	for _, id := range op.ids {
		if seen[id] {
			return nil, errInvalidParameter("The ReservedInstanceId %s is listed twice.", id)
		}
		seen[id] = true
		ri, aerr := findRI(w, reg, id)
		if aerr != nil {
			return nil, aerr
		}
		if !w.IsActive(ri) {
			return nil, errRIStatus(id)
		}
		sources = append(sources, ri)
	}
	first := sources[0]
	for _, src := range sources[1:] {
		if familyOf(src.InstanceType) != familyOf(first.InstanceType) {
			return nil, errFamilyInconsistent()
		}
		if !src.ExpiredTime.Equal(first.ExpiredTime) {
			return nil, errExpiryInconsistent()
		}
	}
	return sources, nil
}

func (op *modify) sharedAttributes(w *world, first *core.ReservedInstance) (commonAttributes, *core.APIError) {
	s := commonAttributes{
		description: first.Description, project: first.ProjectName, tags: first.Clone().Tags,
		renewType: billing.ReportedRenewType(*first), renewDuration: first.AutoRenewDuration, renewUnit: first.AutoRenewUnit,
	}
	if op.description.Present {
		if !validDescription(op.description.Value) {
			return s, errDescriptionMalformed()
		}
		s.description = op.description.Value
	}
	if op.projectName.Present {
		project, aerr := checkProject(w, op.projectName)
		if aerr != nil {
			return s, aerr
		}
		s.project = project
	}
	if op.tagsSent {
		tags, aerr := checkTags(op.tags, 20)
		if aerr != nil {
			return s, aerr
		}
		s.tags = tags
	}
	if op.autoRenew.Present {
		on, months, aerr := readAutoRenew(op.autoRenew, op.autoRenewPeriod)
		if aerr != nil {
			return s, aerr
		}
		s.renewType, s.renewDuration, s.renewUnit = billing.ManualRenewal, 0, ""
		if on {
			s.renewType, s.renewDuration, s.renewUnit = billing.AutoRenewal, months, "Month"
		}
	}
	return s, nil
}

// checkTargets checks Configurations.N against the sources. With no
// configuration, a single source becomes one target just like it (a
// modification of shared attributes only).
func (op *modify) checkTargets(w *world, reg core.Region, sources []*core.ReservedInstance) ([]checkedTarget, *core.APIError) {
	first := sources[0]
	specs := op.targets
	if len(specs) == 0 {
		if len(sources) > 1 {
			return nil, errMissing("Configurations")
		}
		specs = []targetSpec{{
			name: core.Text{Value: first.Name, Present: true}, count: core.Number{Value: first.InstanceAmount, Present: true},
		}}
	}
	targets := make([]checkedTarget, 0, len(specs))
	for _, spec := range specs {
		t, aerr := checkTarget(w, reg, spec, first)
		if aerr != nil {
			return nil, aerr
		}
		targets = append(targets, t)
	}
	return targets, nil
}

// checkTarget reads one configuration; what it leaves out comes
// from the first source, except InstanceCount, which the docs default to 1.
func checkTarget(w *world, reg core.Region, spec targetSpec, first *core.ReservedInstance) (checkedTarget, *core.APIError) {
	var t checkedTarget
	if aerr := checkRIName(spec.name); aerr != nil {
		return t, aerr
	}
	t.name = spec.name.Value
	t.instanceType = orText(spec.instanceTypeID, first.InstanceType)
	it, aerr := reservableType(t.instanceType)
	if aerr != nil {
		return t, aerr
	}
	if it.Family != familyOf(first.InstanceType) {
		return t, errFamilyInconsistent()
	}
	if t.count, aerr = readCount(spec.count); aerr != nil {
		return t, aerr
	}
	scope := orText(spec.scope, first.Scope)
	zoneID := spec.zoneID.Value
	if !spec.zoneID.Present && scope == zonal {
		zoneID = first.ZoneID
	}
	if t.placement, aerr = checkPlacement(reg, scope, zoneID); aerr != nil {
		return t, aerr
	}
	t.hpcClusterID = orText(spec.hpcClusterID, first.HpcClusterID)
	return t, checkHpcCluster(w, reg, t.placement, t.hpcClusterID)
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
func checkModifyCapacity(w *world, reg core.Region, sources []*core.ReservedInstance, targets []checkedTarget) *core.APIError {
	have, want := 0, 0
	except := map[string]bool{}
	for _, src := range sources {
		have += vcpusOf(src.InstanceType) * src.InstanceAmount
		except[src.ID] = true
	}
	demands := make([]quotaDemand, 0, len(targets))
	for _, t := range targets {
		want += vcpusOf(t.instanceType) * t.count
		demands = append(demands, quotaDemand{regionID: reg.ID, placement: t.placement, instanceType: t.instanceType, count: t.count})
	}
	if have != want {
		return errComputeInconsistent()
	}
	for _, t := range targets {
		if aerr := checkStock(w, reg, t.placement, t.instanceType); aerr != nil {
			return aerr
		}
	}
	return checkQuotas(w, demands, except)
}

// commitModify creates the targets and starts retiring the sources.
func commitModify(w *world, reg core.Region, sources []*core.ReservedInstance, targets []checkedTarget, shared commonAttributes) []string {
	start := w.Now.Truncate(time.Second)
	ids := make([]string, 0, len(targets))
	for _, t := range targets {
		ri := &core.ReservedInstance{
			ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: t.placement.zoneID,
			Name: t.name, Description: shared.description, InstanceType: t.instanceType, InstanceAmount: t.count,
			Scope: t.placement.scope, OfferingType: sources[0].OfferingType, ProjectName: shared.project,
			HpcClusterID: t.hpcClusterID, StartTime: start, ExpiredTime: sources[0].ExpiredTime,
			CreationTime: w.Now, Tags: core.MergedTags(nil, shared.tags),
		}
		billing.SetRenewal(ri, shared.renewType, shared.renewDuration, shared.renewUnit)
		w.StartCreating(ri)
		w.Add(ri)
		ids = append(ids, ri.ID)
	}
	// The sources' effect ends when the targets' begins.
	for _, src := range sources {
		w.StartUpdating(src, start)
	}
	return ids
}
