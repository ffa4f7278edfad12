package alibaba

import (
	"fmt"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// maxRemainingMonths is how far ahead a renewal may push an expiry: five
// years, the longest term on sale.
const maxRemainingMonths = 60

// renewed is the result of RenewReservedInstances.
type renewed struct {
	orderID string
	ids     []string
}

func (op *renew) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	months, aerr := op.termMonths()
	if aerr != nil {
		return nil, aerr
	}
	autoRenew, arDuration, arUnit, aerr := autoRenewAtPurchase(op.autoRenew, op.autoRenewPeriod)
	if aerr != nil {
		return nil, aerr
	}
	limit := core.TermEnd(w.Now, maxRemainingMonths)
	ris := make([]*core.ReservedInstance, 0, len(op.ids))
	for _, id := range op.ids {
		ri, aerr := findRI(w, reg, id)
		if aerr != nil {
			return nil, aerr
		}
		if !w.IsActive(ri) {
			return nil, errRINotActive(id)
		}
		if core.ExtendTerm(ri.ExpiredTime, months).After(limit) {
			return nil, errMaxExpiration()
		}
		ris = append(ris, ri)
	}
	for _, ri := range ris {
		ri.ExpiredTime = core.ExtendTerm(ri.ExpiredTime, months)
		// RenewReservedInstances can switch auto-renewal on but never off.
		if autoRenew {
			ri.AutoRenew, ri.AutoRenewDuration, ri.AutoRenewUnit = true, arDuration, arUnit
		}
	}
	return renewed{orderID: fmt.Sprintf("%d", 200000000000+w.NextSeq()), ids: op.ids}, nil
}

// termMonths checks the ID count and the term; the unit defaults to Month
// (Chinese renewal doc).
func (op *renew) termMonths() (int, *core.APIError) {
	if len(op.ids) == 0 {
		return 0, core.NewError(400, "MissingParameter.ReservedInstanceIds", "The specified ReservedInstanceIds does not exist.")
	}
	if len(op.ids) > 10 {
		return 0, core.NewError(400, "InvalidParameter.ReservedInstanceIds", "The specified ReservedInstanceIds is invalid: at most 10 can be renewed at once.")
	}
	unit := op.periodUnit
	if unit == "" {
		unit = "Month"
	}
	if unit != "Year" && unit != "Month" {
		return 0, core.NewError(400, "InvalidParameter.PeriodUnit", "The specified PeriodUnit is invalid.")
	}
	period, ok := op.period.Or(1)
	if !ok {
		return 0, errPeriod()
	}
	return checkTerm(period, unit)
}
