package volcengine

import (
	"slices"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// volcenginePurchased is the result of PurchaseReservedInstances.
type volcenginePurchased struct{ id string }

func (op *volcenginePurchase) apply(w *world) (any, *core.APIError) {
	reg, aerr := volcengineRegion(op.region)
	if aerr != nil {
		return nil, aerr
	}
	ri, aerr := op.build(w, reg)
	if aerr != nil {
		return nil, aerr
	}
	placement := volcenginePlacement{scope: ri.Scope, zoneID: ri.ZoneID}
	if aerr := checkVolcengineStock(w, reg, placement, ri.InstanceType); aerr != nil {
		return nil, aerr
	}
	demand := volcengineDemand{regionID: reg.ID, placement: placement, instanceType: ri.InstanceType, count: ri.InstanceAmount}
	if aerr := checkVolcengineQuotas(w, []volcengineDemand{demand}, nil); aerr != nil {
		return nil, aerr
	}
	w.StartCreating(ri)
	w.Add(ri)
	return volcenginePurchased{id: ri.ID}, nil
}

// build checks every parameter, in the order of the seed's table, and
// returns the RI the purchase would create.
func (op *volcenginePurchase) build(w *world, reg core.Region) (*core.ReservedInstance, *core.APIError) {
	if aerr := checkRegionParam(reg, op.regionParam); aerr != nil {
		return nil, aerr
	}
	it, aerr := reservableVolcengineType(op.instanceTypeID)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkVolcengineRIName(op.name); aerr != nil {
		return nil, aerr
	}
	placement, aerr := op.placement(reg)
	if aerr != nil {
		return nil, aerr
	}
	count, aerr := volcengineCount(op.count)
	if aerr != nil {
		return nil, aerr
	}
	months, aerr := op.termMonths()
	if aerr != nil {
		return nil, aerr
	}
	autoRenew, renewMonths, aerr := volcengineAutoRenew(op.autoRenew, op.autoRenewPeriod)
	if aerr != nil {
		return nil, aerr
	}
	project, aerr := checkVolcengineProject(w, op.projectName)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkVolcengineHpcCluster(w, reg, placement, op.hpcClusterID); aerr != nil {
		return nil, aerr
	}
	tags, aerr := checkVolcengineTags(op.tags, 20)
	if aerr != nil {
		return nil, aerr
	}
	if !validVolcengineDescription(op.description.Value) {
		return nil, volcErrDescriptionMalformed()
	}
	start, aerr := op.start(w)
	if aerr != nil {
		return nil, aerr
	}
	// The emulator keeps no storage pool: a bundled Reserved Storage
	// Capacity can never be served.
	if n, _ := op.reservedCapacity.Or(0); n > 0 {
		return nil, volcErrVolumePoolCapacity()
	}
	ri := &core.ReservedInstance{
		ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: placement.zoneID,
		Name: op.name.Value, Description: op.description.Value, InstanceType: it.Name, InstanceAmount: count,
		Scope: placement.scope, OfferingType: volcengineOfferingType, ProjectName: project, HpcClusterID: op.hpcClusterID,
		StartTime: start, ExpiredTime: core.TermEnd(start, months), CreationTime: w.Now, Tags: tags,
	}
	if autoRenew {
		setVolcengineRenewal(ri, volcengineAutoRenewal, renewMonths, "Month")
	} else {
		setVolcengineRenewal(ri, volcengineManualRenewal, 0, "")
	}
	return ri, nil
}

// volcengineOfferingType is reported by Describe; no input sets it and the
// docs give no value, so the emulator's is a guess.
const volcengineOfferingType = "AllUpfront"

// checkVolcengineRIName: ReservedInstanceName is required.
func checkVolcengineRIName(name core.Text) *core.APIError {
	if !name.Present || name.Value == "" {
		return volcErrMissingName()
	}
	if !validVolcengineName(name.Value) {
		return volcErrNameMalformed()
	}
	return nil
}

// placement: ZonalRI by default; a regional RI also needs RegionId.
func (op *volcenginePurchase) placement(reg core.Region) (volcenginePlacement, *core.APIError) {
	scope := op.scope
	if scope == "" {
		scope = volcengineZonal
	}
	p, aerr := checkVolcenginePlacement(reg, scope, op.zoneID)
	if aerr == nil && p.scope == volcengineRegional && !op.regionParam.Present {
		return p, volcErrMissing("RegionId")
	}
	return p, aerr
}

// termMonths: Period in months (default 1), PeriodUnit Month only.
func (op *volcenginePurchase) termMonths() (int, *core.APIError) {
	if op.periodUnit != "" && op.periodUnit != "Month" {
		return 0, volcErrPeriodUnit()
	}
	period, ok := op.period.Or(1)
	if !ok || !slices.Contains(volcenginePeriods, period) {
		return 0, volcErrPeriod()
	}
	return period, nil
}

// start is now, or EffectiveAt for an RI bought ahead (an SDK-only
// parameter the emulator reads as a deferred start).
func (op *volcenginePurchase) start(w *world) (time.Time, *core.APIError) {
	now := w.Now.Truncate(time.Second)
	if op.effectiveAt == "" {
		return now, nil
	}
	t, err := time.Parse(time.RFC3339, op.effectiveAt)
	if err != nil || t.Before(w.Now.Truncate(time.Hour)) {
		return now, volcErrEffectiveAtMalformed()
	}
	return t.UTC(), nil
}
