package alibaba

import "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"

// alibabaAttributeChanged is the result of ModifyReservedInstanceAttribute,
// whose success body unusually carries a code and a message.
type alibabaAttributeChanged struct{}

func (op *alibabaModifyAttribute) apply(w *world) (any, *core.APIError) {
	reg, aerr := alibabaRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if op.id == "" {
		return nil, aliErrRIIDsMissing()
	}
	ri, aerr := findAlibabaRI(w, reg, op.id)
	if aerr != nil {
		return nil, aerr
	}
	if op.name.Present && !validAlibabaName(op.name.Value) {
		return nil, aliErrName()
	}
	// An empty Description clears it; anything else must follow the rule.
	if op.description.Value != "" && !validAlibabaDescription(op.description.Value) {
		return nil, aliErrDescription()
	}
	if op.name.Present {
		ri.Name = op.name.Value
	}
	if op.description.Present {
		ri.Description = op.description.Value
	}
	return alibabaAttributeChanged{}, nil
}

func (op *alibabaModifyAutoRenew) apply(w *world) (any, *core.APIError) {
	reg, aerr := alibabaRegion(op.regionID)
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
		ri, aerr := findAlibabaRI(w, reg, id)
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
func (op *alibabaModifyAutoRenew) unit() string {
	if op.periodUnit == "" {
		return "Month"
	}
	return op.periodUnit
}

// check follows the current doc: PeriodUnit Year with Period 1, 3 or 5, or
// Month with Period 1.
func (op *alibabaModifyAutoRenew) check() *core.APIError {
	if len(op.ids) == 0 {
		return aliErrRIIDsMissing()
	}
	if len(op.ids) > 100 {
		return aliErrTooMany("ReservedInstanceId", 100)
	}
	if op.renewalStatus != "AutoRenewal" && op.renewalStatus != "Normal" {
		return aliErrRenewalStatus()
	}
	period, ok := op.period.Or(1)
	switch unit := op.unit(); {
	case unit != "Year" && unit != "Month":
		return aliErrPeriodUnit()
	case !ok, unit == "Year" && period != 1 && period != 3 && period != 5, unit == "Month" && period != 1:
		return aliErrPeriod()
	}
	return nil
}

// alibabaRenewAttributes is the result of
// DescribeReservedInstanceAutoRenewAttribute.
type alibabaRenewAttributes struct{ items []core.ReservedInstance }

func (op *alibabaDescribeAutoRenew) apply(w *world) (any, *core.APIError) {
	reg, aerr := alibabaRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if len(op.ids) > 100 {
		return nil, aliErrTooMany("ReservedInstanceId", 100)
	}
	var out alibabaRenewAttributes
	for _, id := range op.ids {
		// Unknown IDs are left out of the answer, not refused.
		if ri, err := findAlibabaRI(w, reg, id); err == nil {
			out.items = append(out.items, ri.Clone())
		}
	}
	return out, nil
}
