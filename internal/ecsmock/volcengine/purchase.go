package volcengine

import (
	"slices"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine/billing"
)

// purchased is the result of PurchaseReservedInstances.
type purchased struct{ id string }

func (op *purchase) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.region)
	if aerr != nil {
		return nil, aerr
	}
	ri, aerr := op.build(w, reg)
	if aerr != nil {
		return nil, aerr
	}
	placement := placementSpec{scope: ri.Scope, zoneID: ri.ZoneID}
	if aerr := checkStock(w, reg, placement, ri.InstanceType); aerr != nil {
		return nil, aerr
	}
	demand := quotaDemand{regionID: reg.ID, placement: placement, instanceType: ri.InstanceType, count: ri.InstanceAmount}
	if aerr := checkQuotas(w, []quotaDemand{demand}, nil); aerr != nil {
		return nil, aerr
	}
	w.StartCreating(ri)
	w.Add(ri)
	return purchased{id: ri.ID}, nil
}

// build checks every parameter, in the order of the seed's table, and
// returns the RI the purchase would create.
func (op *purchase) build(w *world, reg core.Region) (*core.ReservedInstance, *core.APIError) {
	if aerr := checkRegionParam(reg, op.regionParam); aerr != nil {
		return nil, aerr
	}
	it, aerr := reservableType(op.instanceTypeID)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkRIName(op.name); aerr != nil {
		return nil, aerr
	}
	placement, aerr := op.placement(reg)
	if aerr != nil {
		return nil, aerr
	}
	count, aerr := readCount(op.count)
	if aerr != nil {
		return nil, aerr
	}
	months, aerr := op.termMonths()
	if aerr != nil {
		return nil, aerr
	}
	autoRenew, renewMonths, aerr := readAutoRenew(op.autoRenew, op.autoRenewPeriod)
	if aerr != nil {
		return nil, aerr
	}
	project, aerr := checkProject(w, op.projectName)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkHpcCluster(w, reg, placement, op.hpcClusterID); aerr != nil {
		return nil, aerr
	}
	tags, aerr := checkTags(op.tags, 20)
	if aerr != nil {
		return nil, aerr
	}
	if !validDescription(op.description.Value) {
		return nil, errDescriptionMalformed()
	}
	start, aerr := op.start(w)
	if aerr != nil {
		return nil, aerr
	}
	// The emulator keeps no storage pool: a bundled Reserved Storage
	// Capacity can never be served.
	if n, _ := op.reservedCapacity.Or(0); n > 0 {
		return nil, errVolumePoolCapacity()
	}
	ri := &core.ReservedInstance{
		ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: placement.zoneID,
		Name: op.name.Value, Description: op.description.Value, InstanceType: it.Name, InstanceAmount: count,
		Scope: placement.scope, OfferingType: offeringType, ProjectName: project, HpcClusterID: op.hpcClusterID,
		StartTime: start, ExpiredTime: core.TermEnd(start, months), CreationTime: w.Now, Tags: tags,
	}
	if autoRenew {
		billing.SetRenewal(ri, billing.AutoRenewal, renewMonths, "Month")
	} else {
		billing.SetRenewal(ri, billing.ManualRenewal, 0, "")
	}
	return ri, nil
}

// offeringType is reported by Describe; no input sets it and the
// docs give no value, so the emulator's is a guess.
const offeringType = "AllUpfront"

// checkRIName: ReservedInstanceName is required.
func checkRIName(name core.Text) *core.APIError {
	if !name.Present || name.Value == "" {
		return errMissingName()
	}
	if !validName(name.Value) {
		return errNameMalformed()
	}
	return nil
}

// placement: ZonalRI by default; a regional RI also needs RegionId.
func (op *purchase) placement(reg core.Region) (placementSpec, *core.APIError) {
	scope := op.scope
	if scope == "" {
		scope = zonal
	}
	p, aerr := checkPlacement(reg, scope, op.zoneID)
	if aerr == nil && p.scope == regional && !op.regionParam.Present {
		return p, errMissing("RegionId")
	}
	return p, aerr
}

// termMonths: Period in months (default 1), PeriodUnit Month only.
func (op *purchase) termMonths() (int, *core.APIError) {
	if op.periodUnit != "" && op.periodUnit != "Month" {
		return 0, errPeriodUnit()
	}
	period, ok := op.period.Or(1)
	if !ok || !slices.Contains(periods, period) {
		return 0, errPeriod()
	}
	return period, nil
}

// start is now, or EffectiveAt for an RI bought ahead (an SDK-only
// parameter the emulator reads as a deferred start).
func (op *purchase) start(w *world) (time.Time, *core.APIError) {
	now := w.Now.Truncate(time.Second)
	if op.effectiveAt == "" {
		return now, nil
	}
	t, err := time.Parse(time.RFC3339, op.effectiveAt)
	if err != nil || t.Before(w.Now.Truncate(time.Hour)) {
		return now, errEffectiveAtMalformed()
	}
	return t.UTC(), nil
}
