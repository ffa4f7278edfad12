package alibaba

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// purchased is the result of a purchase or a modification: the IDs
// of the RIs it created.
type purchased struct{ ids []string }

func (op *purchase) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	ri, aerr := op.build(w, reg)
	if aerr != nil {
		return nil, aerr
	}
	if ri.Scope == "Zone" {
		aerr = checkZone(w, reg, ri.ZoneID, ri.InstanceType)
	} else {
		aerr = checkRegionalStock(w, reg, ri.InstanceType)
	}
	if aerr == nil {
		aerr = checkQuota(w, ri.Scope, ri.ZoneID)
	}
	if aerr != nil {
		return nil, aerr
	}
	w.StartCreating(ri)
	w.Add(ri)
	return purchased{ids: []string{ri.ID}}, nil
}

// build checks every parameter and returns the RI the purchase would create.
func (op *purchase) build(w *world, reg core.Region) (*core.ReservedInstance, *core.APIError) {
	it, scope, aerr := op.typeAndScope()
	if aerr != nil {
		return nil, aerr
	}
	amount, ok := op.amount.Or(1)
	if !ok || amount < 1 || amount > 50 {
		return nil, errAmount()
	}
	platform, offering, aerr := op.platformAndOffering()
	if aerr != nil {
		return nil, aerr
	}
	months, aerr := op.termMonths()
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.checkNameAndDescription(); aerr != nil {
		return nil, aerr
	}
	tags, aerr := checkTags(op.tags)
	if aerr != nil {
		return nil, aerr
	}
	autoRenew, arDuration, arUnit, aerr := autoRenewAtPurchase(op.autoRenew, op.autoRenewPeriod)
	if aerr != nil {
		return nil, aerr
	}
	rg, aerr := op.resourceGroup(w)
	if aerr != nil {
		return nil, aerr
	}
	start, aerr := op.start(w, scope)
	if aerr != nil {
		return nil, aerr
	}
	return &core.ReservedInstance{
		ID: core.NewReservedInstanceID(), Cloud: Cloud, RegionID: reg.ID, ZoneID: op.zoneID,
		Name: op.name.Value, Description: op.description.Value, InstanceType: it.Name, InstanceAmount: amount,
		Scope: scope, Platform: platform, OfferingType: offering, ResourceGroupID: rg,
		StartTime: start, ExpiredTime: core.TermEnd(start, months), CreationTime: w.Now, Tags: tags,
		AutoRenew: autoRenew, AutoRenewDuration: arDuration, AutoRenewUnit: arUnit,
	}, nil
}

// typeAndScope checks the instance type against the scope and zone.
func (op *purchase) typeAndScope() (core.InstanceType, string, *core.APIError) {
	if op.instanceType == "" {
		return core.InstanceType{}, "", core.NewError(403, "MissingParameter.InstanceType", "The instanceType should be not empty.")
	}
	it, ok := catalog[op.instanceType]
	if !ok {
		return it, "", errInstanceType()
	}
	scope := op.scope
	if scope == "" {
		scope = "Region"
	}
	switch {
	case scope != "Region" && scope != "Zone":
		return it, "", errScope()
	case scope == "Zone" && op.zoneID == "":
		return it, "", errZoneRequired()
	case scope == "Region" && op.zoneID != "":
		return it, "", errZoneWithRegionScope()
	case scope == "Region" && it.ZonalOnly:
		return it, "", errScopeFamily()
	}
	return it, scope, nil
}

func (op *purchase) platformAndOffering() (string, string, *core.APIError) {
	platform := op.platform
	if platform == "" {
		platform = "Linux"
	}
	if platform != "Linux" && platform != "Windows" {
		return "", "", errPlatform()
	}
	offering := op.offeringType
	if offering == "" {
		offering = "All Upfront"
	}
	if offering != "All Upfront" && offering != "Partial Upfront" && offering != "No Upfront" {
		return "", "", errOfferingType()
	}
	return platform, offering, nil
}

func (op *purchase) termMonths() (int, *core.APIError) {
	unit := op.periodUnit
	if unit == "" {
		unit = "Year"
	}
	period, ok := op.period.Or(1)
	if !ok {
		return 0, errPeriod()
	}
	return checkTerm(period, unit)
}

// checkNameAndDescription: an empty Description is allowed (no text).
func (op *purchase) checkNameAndDescription() *core.APIError {
	if op.name.Present && !validName(op.name.Value) {
		return errName()
	}
	if op.description.Value != "" && !validDescription(op.description.Value) {
		return errDescription()
	}
	return nil
}

func (op *purchase) resourceGroup(w *world) (string, *core.APIError) {
	rg := op.resourceGroupID
	if rg == "" {
		return w.opts.DefaultResourceGroupID, nil
	}
	if len(rg) < 4 || rg[:3] != "rg-" {
		return "", errResourceGroup()
	}
	return rg, nil
}

// start is the current hour, or StartTime for a regional RI bought ahead.
func (op *purchase) start(w *world, scope string) (time.Time, *core.APIError) {
	start := w.Now.Truncate(time.Hour)
	if op.startTime == "" {
		return start, nil
	}
	if scope == "Zone" {
		return start, errStartTimeScope()
	}
	t, err := time.Parse("2006-01-02T15Z", op.startTime)
	if err != nil || t.Before(start) {
		return start, errStartTime()
	}
	return t, nil
}
