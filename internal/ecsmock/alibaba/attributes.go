package alibaba

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// attributeChanged is the result of ModifyReservedInstanceAttribute,
// whose success body unusually carries a code and a message.
type attributeChanged struct{}

func (op *modifyAttribute) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if op.id == "" {
		return nil, errRIIDsMissing()
	}
	ri, aerr := findRI(w, reg, op.id)
	if aerr != nil {
		return nil, aerr
	}
	if op.name.Present && !validName(op.name.Value) {
		return nil, errName()
	}
	// An empty Description clears it; anything else must follow the rule.
	if op.description.Value != "" && !validDescription(op.description.Value) {
		return nil, errDescription()
	}
	if op.name.Present {
		ri.Name = op.name.Value
	}
	if op.description.Present {
		ri.Description = op.description.Value
	}
	return attributeChanged{}, nil
}

func (op *modifyAutoRenew) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.check(); aerr != nil {
		return nil, aerr
	}
	period, _ := op.period.Or(1)
	unit := op.unit()
	ris := make([]*core.ReservedInstance, 0, len(op.ids))
	for _, id := range op.ids {
		ri, aerr := findRI(w, reg, id)
		if aerr != nil {
			return nil, aerr
		}
		if ri.Status == StatusInactive || ri.Status == StatusExpired {
			return nil, core.NewError(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.")
		}
		ris = append(ris, ri)
	}
	for _, ri := range ris {
		ri.AutoRenew = op.renewalStatus == "AutoRenewal"
		if ri.AutoRenew {
			ri.AutoRenewDuration, ri.AutoRenewUnit = period, unit
		}
	}
	return nil, nil
}

// unit defaults to Month, as the current API doc says.
func (op *modifyAutoRenew) unit() string {
	if op.periodUnit == "" {
		return "Month"
	}
	return op.periodUnit
}

// check follows the current doc: PeriodUnit Year with Period 1, 3 or 5, or
// Month with Period 1.
func (op *modifyAutoRenew) check() *core.APIError {
	if len(op.ids) == 0 {
		return errRIIDsMissing()
	}
	if len(op.ids) > 100 {
		return errTooMany("ReservedInstanceId", 100)
	}
	if op.renewalStatus != "AutoRenewal" && op.renewalStatus != "Normal" {
		return errRenewalStatus()
	}
	period, ok := op.period.Or(1)
	switch unit := op.unit(); {
	case unit != "Year" && unit != "Month":
		return errPeriodUnit()
	case !ok, unit == "Year" && period != 1 && period != 3 && period != 5, unit == "Month" && period != 1:
		return errPeriod()
	}
	return nil
}

// renewAttributes is the result of
// DescribeReservedInstanceAutoRenewAttribute.
type renewAttributes struct{ items []core.ReservedInstance }

func (op *describeAutoRenew) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if len(op.ids) > 100 {
		return nil, errTooMany("ReservedInstanceId", 100)
	}
	var out renewAttributes
	for _, id := range op.ids {
		// Unknown IDs are left out of the answer, not refused.
		if ri, err := findRI(w, reg, id); err == nil {
			out.items = append(out.items, ri.Clone())
		}
	}
	return out, nil
}
