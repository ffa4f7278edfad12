package ecsmock

// alibabaAttributeChanged is the result of ModifyReservedInstanceAttribute,
// whose success body unusually carries a code and a message.
type alibabaAttributeChanged struct{}

func (op *alibabaModifyAttribute) apply(w *world) (any, *apiError) {
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
	if op.name.present && !validAlibabaName(op.name.value) {
		return nil, aliErrName()
	}
	// An empty Description clears it; anything else must follow the rule.
	if op.description.value != "" && !validAlibabaDescription(op.description.value) {
		return nil, aliErrDescription()
	}
	if op.name.present {
		ri.Name = op.name.value
	}
	if op.description.present {
		ri.Description = op.description.value
	}
	return alibabaAttributeChanged{}, nil
}

func (op *alibabaModifyAutoRenew) apply(w *world) (any, *apiError) {
	reg, aerr := alibabaRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.check(); aerr != nil {
		return nil, aerr
	}
	period, _ := op.period.or(1)
	unit := op.unit()
	ris := make([]*ReservedInstance, 0, len(op.ids))
	for _, id := range op.ids {
		ri, aerr := findAlibabaRI(w, reg, id)
		if aerr != nil {
			return nil, aerr
		}
		if ri.Status == StatusInactive || ri.Status == StatusExpired {
			return nil, newError(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.")
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
func (op *alibabaModifyAutoRenew) check() *apiError {
	if len(op.ids) == 0 {
		return aliErrRIIDsMissing()
	}
	if len(op.ids) > 100 {
		return aliErrTooMany("ReservedInstanceId", 100)
	}
	if op.renewalStatus != "AutoRenewal" && op.renewalStatus != "Normal" {
		return aliErrRenewalStatus()
	}
	period, ok := op.period.or(1)
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
type alibabaRenewAttributes struct{ items []ReservedInstance }

func (op *alibabaDescribeAutoRenew) apply(w *world) (any, *apiError) {
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
			out.items = append(out.items, ri.clone())
		}
	}
	return out, nil
}
