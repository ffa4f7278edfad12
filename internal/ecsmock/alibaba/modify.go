package alibaba

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// alibabaTarget is one checked configuration of ModifyReservedInstances.
type alibabaTarget struct {
	name, instanceType, scope, zoneID string
	amount                            int
}

func (op *alibabaModify) apply(w *world) (any, *core.APIError) {
	reg, aerr := alibabaRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.checkCounts(); aerr != nil {
		return nil, aerr
	}
	sources, sourceCompute, aerr := op.sources(w, reg)
	if aerr != nil {
		return nil, aerr
	}
	targets, aerr := op.targetsFor(w, reg, sources, sourceCompute)
	if aerr != nil {
		return nil, aerr
	}
	first := sources[0]
	ids := make([]string, 0, len(targets))
	for _, t := range targets {
		ri := &core.ReservedInstance{
			ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: t.zoneID, Name: t.name,
			InstanceType: t.instanceType, InstanceAmount: t.amount, Scope: t.scope, Platform: first.Platform,
			OfferingType: first.OfferingType, ResourceGroupID: first.ResourceGroupID,
			StartTime: w.Now.Truncate(time.Hour), ExpiredTime: first.ExpiredTime, CreationTime: w.Now,
			Tags: map[string]string{},
		}
		w.StartCreating(ri)
		w.Add(ri)
		ids = append(ids, ri.ID)
	}
	for _, src := range sources {
		w.StartUpdating(src)
	}
	return alibabaPurchased{ids: ids}, nil
}

func (op *alibabaModify) checkCounts() *core.APIError {
	switch {
	case len(op.ids) == 0:
		return aliErrRIIDsMissing()
	case len(op.ids) > 20:
		return aliErrTooMany("ReservedInstanceId", 20)
	case len(op.targets) == 0:
		return aliErrConfigurationEmpty()
	case len(op.targets) > 100:
		return aliErrTooMany("Configuration", 100)
	case len(op.ids) > 1 && len(op.targets) > 1:
		return aliErrManyToMany()
	}
	return nil
}

// sources resolves the RIs to modify; they must be active and alike.
func (op *alibabaModify) sources(w *world, reg core.Region) ([]*core.ReservedInstance, int, *core.APIError) {
	sources := make([]*core.ReservedInstance, 0, len(op.ids))
	seen := map[string]bool{}
	compute := 0
	for _, id := range op.ids {
		if seen[id] {
			return nil, 0, aliErrInvalidParameter("The ReservedInstanceId %s is listed twice.", id)
		}
		seen[id] = true
		ri, aerr := findAlibabaRI(w, reg, id)
		if aerr != nil {
			return nil, 0, aerr
		}
		if !w.IsActive(ri) {
			return nil, 0, aliErrRINotActive(id)
		}
		sources = append(sources, ri)
		compute += alibabaFactor(ri.InstanceType) * ri.InstanceAmount
	}
	first := sources[0]
	for _, src := range sources[1:] {
		switch {
		case alibabaFamilyOf(src.InstanceType) != alibabaFamilyOf(first.InstanceType):
			return nil, 0, aliErrFamilyMismatch()
		case !src.ExpiredTime.Equal(first.ExpiredTime):
			return nil, 0, aliErrExpiryMismatch()
		case src.OfferingType != first.OfferingType:
			return nil, 0, aliErrOfferingMismatch()
		case src.Scope != first.Scope || src.ZoneID != first.ZoneID:
			return nil, 0, aliErrZoneMismatch()
		case src.Platform != first.Platform:
			return nil, 0, aliErrPlatformMismatch()
		}
	}
	return sources, compute, nil
}

// targetsFor checks the configurations against the sources: same family,
// the same computing power, and a split or merge keeps scope and zone.
func (op *alibabaModify) targetsFor(w *world, reg core.Region, sources []*core.ReservedInstance, sourceCompute int) ([]alibabaTarget, *core.APIError) {
	first := sources[0]
	family := alibabaFamilyOf(first.InstanceType)
	reshape := len(sources) > 1 || len(op.targets) > 1
	targets := make([]alibabaTarget, 0, len(op.targets))
	compute := 0
	for _, spec := range op.targets {
		t, aerr := checkAlibabaTarget(w, reg, spec, first, sourceCompute, len(op.targets) == 1)
		if aerr != nil {
			return nil, aerr
		}
		it := alibabaCatalog[t.instanceType]
		switch {
		case it.Family != family:
			return nil, aliErrFamilyMismatch()
		case reshape && it.ZonalOnly:
			return nil, aliErrFamilyNotReshapable()
		case t.scope == "Region" && it.ZonalOnly:
			return nil, aliErrScopeFamily()
		case reshape && (t.scope != first.Scope || t.zoneID != first.ZoneID):
			return nil, aliErrReshapeScope()
		}
		compute += it.VCPUs * t.amount
		targets = append(targets, t)
	}
	if compute != sourceCompute {
		return nil, aliErrFactorMismatch()
	}
	if t := targets[0]; !reshape && t.instanceType == first.InstanceType && t.amount == first.InstanceAmount &&
		t.scope == first.Scope && t.zoneID == first.ZoneID {
		return nil, aliErrOnlyName()
	}
	return targets, nil
}

// checkAlibabaTarget reads one Configuration.N. When the type or the amount
// is left out of a one-target request, it is taken from the sources.
func checkAlibabaTarget(w *world, reg core.Region, spec alibabaTargetSpec, first *core.ReservedInstance, sourceCompute int, single bool) (alibabaTarget, *core.APIError) {
	t := alibabaTarget{name: spec.name, instanceType: spec.instanceType, scope: spec.scope, zoneID: spec.zoneID}
	if t.instanceType == "" && !spec.amount.Present {
		return t, core.NewError(403, "MissingParameter.InstanceTypeAndAmountBothEmpty", "The instanceType and amount can not be both empty.")
	}
	if t.instanceType == "" {
		t.instanceType = first.InstanceType
	}
	it, ok := alibabaCatalog[t.instanceType]
	if !ok {
		return t, aliErrInstanceType()
	}
	switch n, valid := spec.amount.Or(0); {
	case spec.amount.Present && (!valid || n < 1):
		return t, aliErrAmount()
	case spec.amount.Present:
		t.amount = n
	case single && sourceCompute%it.VCPUs == 0:
		t.amount = sourceCompute / it.VCPUs
	default:
		t.amount = 1
	}
	if t.name != "" && !validAlibabaName(t.name) {
		return t, aliErrName()
	}
	if t.scope == "" {
		t.scope = "Region"
	}
	switch {
	case t.scope != "Region" && t.scope != "Zone":
		return t, aliErrScope()
	case t.scope == "Zone" && t.zoneID == "":
		return t, aliErrZoneRequired()
	case t.scope == "Region" && t.zoneID != "":
		return t, aliErrZoneWithRegionScope()
	case t.scope == "Zone":
		return t, checkAlibabaZone(w, reg, t.zoneID, t.instanceType)
	}
	return t, checkAlibabaRegionalStock(w, reg, t.instanceType)
}
