package alibaba

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// checkedTarget is one checked configuration of ModifyReservedInstances.
type checkedTarget struct {
	name, instanceType, scope, zoneID string
	amount                            int
}

func (op *modify) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
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
	start := w.Now.Truncate(time.Hour)
	ids := make([]string, 0, len(targets))
	for _, t := range targets {
		ri := &core.ReservedInstance{
			ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: t.zoneID, Name: t.name,
			InstanceType: t.instanceType, InstanceAmount: t.amount, Scope: t.scope, Platform: first.Platform,
			OfferingType: first.OfferingType, ResourceGroupID: first.ResourceGroupID,
			StartTime: start, ExpiredTime: first.ExpiredTime, CreationTime: w.Now,
			Tags: map[string]string{},
		}
		w.StartCreating(ri)
		w.Add(ri)
		ids = append(ids, ri.ID)
	}
	// The sources' effect ends on the hour the targets' begins.
	for _, src := range sources {
		w.StartUpdating(src, start)
	}
	return purchased{ids: ids}, nil
}

func (op *modify) checkCounts() *core.APIError {
	switch {
	case len(op.ids) == 0:
		return errRIIDsMissing()
	case len(op.ids) > 20:
		return errTooMany("ReservedInstanceId", 20)
	case len(op.targets) == 0:
		return errConfigurationEmpty()
	case len(op.targets) > 100:
		return errTooMany("Configuration", 100)
	case len(op.ids) > 1 && len(op.targets) > 1:
		return errManyToMany()
	}
	return nil
}

// sources resolves the RIs to modify; they must be active and alike.
func (op *modify) sources(w *world, reg core.Region) ([]*core.ReservedInstance, int, *core.APIError) {
	sources := make([]*core.ReservedInstance, 0, len(op.ids))
	seen := map[string]bool{}
	compute := 0
	for _, id := range op.ids {
		if seen[id] {
			return nil, 0, errInvalidParameter("The ReservedInstanceId %s is listed twice.", id)
		}
		seen[id] = true
		ri, aerr := findRI(w, reg, id)
		if aerr != nil {
			return nil, 0, aerr
		}
		if !w.IsActive(ri) {
			return nil, 0, errRINotActive(id)
		}
		sources = append(sources, ri)
		compute += factor(ri.InstanceType) * ri.InstanceAmount
	}
	first := sources[0]
	for _, src := range sources[1:] {
		switch {
		case familyOf(src.InstanceType) != familyOf(first.InstanceType):
			return nil, 0, errFamilyMismatch()
		case !src.ExpiredTime.Equal(first.ExpiredTime):
			return nil, 0, errExpiryMismatch()
		case src.OfferingType != first.OfferingType:
			return nil, 0, errOfferingMismatch()
		case src.Scope != first.Scope || src.ZoneID != first.ZoneID:
			return nil, 0, errZoneMismatch()
		case src.Platform != first.Platform:
			return nil, 0, errPlatformMismatch()
		}
	}
	return sources, compute, nil
}

// targetsFor checks the configurations against the sources: same family,
// the same computing power, and a split or merge keeps scope and zone.
func (op *modify) targetsFor(w *world, reg core.Region, sources []*core.ReservedInstance, sourceCompute int) ([]checkedTarget, *core.APIError) {
	first := sources[0]
	family := familyOf(first.InstanceType)
	reshape := len(sources) > 1 || len(op.targets) > 1
	targets := make([]checkedTarget, 0, len(op.targets))
	compute := 0
	for _, spec := range op.targets {
		t, aerr := checkTarget(w, reg, spec, first, sourceCompute, len(op.targets) == 1)
		if aerr != nil {
			return nil, aerr
		}
		it := catalog[t.instanceType]
		switch {
		case it.Family != family:
			return nil, errFamilyMismatch()
		case reshape && it.ZonalOnly:
			return nil, errFamilyNotReshapable()
		case t.scope == "Region" && it.ZonalOnly:
			return nil, errScopeFamily()
		case reshape && (t.scope != first.Scope || t.zoneID != first.ZoneID):
			return nil, errReshapeScope()
		}
		compute += it.VCPUs * t.amount
		targets = append(targets, t)
	}
	if compute != sourceCompute {
		return nil, errFactorMismatch()
	}
	if t := targets[0]; !reshape && t.instanceType == first.InstanceType && t.amount == first.InstanceAmount &&
		t.scope == first.Scope && t.zoneID == first.ZoneID {
		return nil, errOnlyName()
	}
	return targets, nil
}

// checkTarget reads one Configuration.N. When the type or the amount
// is left out of a one-target request, it is taken from the sources.
func checkTarget(w *world, reg core.Region, spec targetSpec, first *core.ReservedInstance, sourceCompute int, single bool) (checkedTarget, *core.APIError) {
	t := checkedTarget{name: spec.name, instanceType: spec.instanceType, scope: spec.scope, zoneID: spec.zoneID}
	if t.instanceType == "" && !spec.amount.Present {
		return t, core.NewError(403, "MissingParameter.InstanceTypeAndAmountBothEmpty", "The instanceType and amount can not be both empty.")
	}
	if t.instanceType == "" {
		t.instanceType = first.InstanceType
	}
	it, ok := catalog[t.instanceType]
	if !ok {
		return t, errInstanceType()
	}
	switch n, valid := spec.amount.Or(0); {
	case spec.amount.Present && (!valid || n < 1):
		return t, errAmount()
	case spec.amount.Present:
		t.amount = n
	case single && sourceCompute%it.VCPUs == 0:
		t.amount = sourceCompute / it.VCPUs
	default:
		t.amount = 1
	}
	if t.name != "" && !validName(t.name) {
		return t, errName()
	}
	if t.scope == "" {
		t.scope = "Region"
	}
	switch {
	case t.scope != "Region" && t.scope != "Zone":
		return t, errScope()
	case t.scope == "Zone" && t.zoneID == "":
		return t, errZoneRequired()
	case t.scope == "Region" && t.zoneID != "":
		return t, errZoneWithRegionScope()
	case t.scope == "Zone":
		return t, checkZone(w, reg, t.zoneID, t.instanceType)
	}
	return t, checkRegionalStock(w, reg, t.instanceType)
}
