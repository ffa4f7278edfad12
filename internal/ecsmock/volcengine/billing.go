package volcengine

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// The Billing service renews RIs and sets their renewal type; ECS has no
// API for either. The product code of an RI is not documented: the
// emulator's is "ECS", as in the SetRenewalType example. Billing is a
// global service: it finds an RI in any region, and no longer sees the
// INACTIVE sources of a modification.

const billingProduct = "ECS"

// renewalSet is the result of SetRenewalType.
type renewalSet struct{ id string }

// renewed is the result of RenewInstance.
type renewed struct{ orderID, id string }

// billingPage is one page of ListAvailableInstances.
type billingPage struct {
	items      []core.ReservedInstance
	next       string
	maxResults int
}

// Renewal lengths by unit: an automatic renewal takes what SetRenewalType
// documents (1-12, 24 or 36 months, or 1-3 years); a manual renewal takes
// the purchase terms (or 1-3 years). Day, which Billing knows for other products, is refused: the docs
// speak of monthly RIs only.
var (
	// SetRenewalType documents RenewalDuration 1–12, 24 or 36 months, or
	// 1–3 years; a purchase's AutoRenewPeriod takes fewer (renewPeriods).
	autoRenewLengths   = map[string][]int{"Month": {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36}, "Year": {1, 2, 3}}
	manualRenewLengths = map[string][]int{"Month": periods, "Year": {1, 2, 3}}
)

func (op *setRenewalType) apply(w *world) (any, *core.APIError) {
	ri, aerr := billingInstance(w, op.InstanceID, op.Product)
	if aerr != nil {
		return nil, aerr
	}
	renewType := deref(op.RenewType)
	switch renewType {
	case "":
		return nil, errMissingParameter("RenewType")
	case autoRenewal, manualRenewal, nonRenewal:
	default:
		return nil, errInvalidParameter("The specified RenewType %s is not valid: use AutoRenewal, ManualRenewal or NonRenewal.", renewType)
	}
	if aerr := checkBillingStatus(ri); aerr != nil {
		return nil, aerr
	}
	if op.RenewalTimes != nil && *op.RenewalTimes < 0 {
		return nil, errInvalidParameter("The specified RenewalTimes must not be negative.")
	}
	duration, unit := 0, ""
	if renewType == autoRenewal {
		if duration, unit, aerr = renewalLength(op.RenewalDuration, op.RenewalDurationUnit, autoRenewLengths); aerr != nil {
			return nil, aerr
		}
	}
	setRenewal(ri, renewType, duration, unit)
	if op.RenewalTimes != nil {
		ri.RenewalTimes = int(*op.RenewalTimes)
	}
	return renewalSet{id: ri.ID}, nil
}

func (op *renewInstance) apply(w *world) (any, *core.APIError) {
	ri, aerr := billingInstance(w, op.InstanceID, op.Product)
	if aerr != nil {
		return nil, aerr
	}
	if op.RenewalDurationUnit == nil {
		return nil, errMissingParameter("RenewalDurationUnit")
	}
	duration, unit, aerr := renewalLength(op.RenewalDuration, op.RenewalDurationUnit, manualRenewLengths)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkBillingStatus(ri); aerr != nil {
		return nil, aerr
	}
	ri.ExpiredTime = core.ExtendTerm(ri.ExpiredTime, core.MonthsIn(duration, unit))
	return renewed{orderID: fmt.Sprintf("%d", 300000000000+w.NextSeq()), id: ri.ID}, nil
}

// billingInstance resolves InstanceID and Product.
func billingInstance(w *world, id, product *string) (*core.ReservedInstance, *core.APIError) {
	switch {
	case deref(id) == "":
		return nil, errMissingParameter("InstanceID")
	case deref(product) == "":
		return nil, errMissingParameter("Product")
	case *product != billingProduct:
		return nil, errInvalidParameter("The specified Product %s is not supported: reserved instances are product %s.", *product, billingProduct)
	}
	ri, ok := w.Find(*id)
	if !ok || ri.Status == StatusInactive {
		return nil, errBillingInstanceNotFound(*id)
	}
	return ri, nil
}

// checkBillingStatus: nothing can be set on an expired RI, nor on one being
// modified away.
func checkBillingStatus(ri *core.ReservedInstance) *core.APIError {
	switch ri.Status {
	case StatusExpired:
		return errBillingExpired()
	case StatusUpdating:
		return errBillingStatus()
	}
	return nil
}

// renewalLength reads RenewalDuration (default 1) and RenewalDurationUnit
// (default Month) against the lengths allowed per unit.
func renewalLength(duration *int64, unit *string, allowed map[string][]int) (int, string, *core.APIError) {
	u := deref(unit)
	if u == "" {
		u = "Month"
	}
	lengths, ok := allowed[u]
	if !ok {
		return 0, "", errInvalidParameter("The specified RenewalDurationUnit %s is not valid for reserved instances: use Month or Year.", u)
	}
	d := int64(1)
	if duration != nil {
		d = *duration
	}
	if !slices.Contains(lengths, int(d)) {
		return 0, "", errInvalidParameter("The specified RenewalDuration %d is not valid for the unit %s.", d, u)
	}
	return int(d), u, nil
}

func (op *listAvailableInstances) apply(w *world) (any, *core.APIError) {
	if op.MaxResults == nil {
		return nil, errMissingParameter("MaxResults")
	}
	if *op.MaxResults < 1 || *op.MaxResults > 100 {
		return nil, errInvalidParameter("The specified MaxResults is not valid: it must be between 1 and 100.")
	}
	window, aerr := op.timeWindow()
	if aerr != nil {
		return nil, aerr
	}
	after, ok := decodePageToken(deref(op.NextToken))
	if !ok {
		return nil, errInvalidParameter("The specified NextToken is not valid.")
	}
	var matched []*core.ReservedInstance
	if p := deref(op.Product); p == "" || p == billingProduct {
		for _, ri := range w.Sorted() {
			if ri.Seq > after && ri.Status != StatusInactive && op.matches(ri, window) {
				matched = append(matched, ri)
			}
		}
	}
	items, next := pageOf(matched, int(*op.MaxResults))
	return billingPage{items: items, next: next, maxResults: int(*op.MaxResults)}, nil
}

// billingWindow bounds begin and expiry times; zero times are open ends.
type billingWindow struct{ beginFrom, beginTo, expiredFrom, expiredTo time.Time }

func (op *listAvailableInstances) timeWindow() (billingWindow, *core.APIError) {
	var win billingWindow
	for _, f := range []struct {
		name string
		in   *string
		out  *time.Time
	}{
		{"BeginTimeStart", op.BeginTimeStart, &win.beginFrom}, {"BeginTimeEnd", op.BeginTimeEnd, &win.beginTo},
		{"ExpiredTimeStart", op.ExpiredTimeStart, &win.expiredFrom}, {"ExpiredTimeEnd", op.ExpiredTimeEnd, &win.expiredTo},
	} {
		if deref(f.in) == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, *f.in)
		if err != nil {
			return win, errInvalidParameter("The specified %s is not an RFC 3339 time.", f.name)
		}
		*f.out = t
	}
	return win, nil
}

func (op *listAvailableInstances) matches(ri *core.ReservedInstance, win billingWindow) bool {
	switch {
	case len(op.InstanceIDs) > 0 && !core.Contains(op.InstanceIDs, ri.ID),
		deref(op.RenewType) != "" && reportedRenewType(*ri) != *op.RenewType,
		!within(ri.StartTime, win.beginFrom, win.beginTo),
		!within(ri.ExpiredTime, win.expiredFrom, win.expiredTo):
		return false
	}
	return true
}

func within(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || !t.After(to))
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
