package billing

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Renewal types, as Billing names them.
const (
	AutoRenewal   = "AutoRenewal"
	ManualRenewal = "ManualRenewal"
	NonRenewal    = "NonRenewal"
)

// SetRenewal records a renewal type and, for AutoRenewal, the length of
// each automatic renewal, keeping AutoRenew (which the lifecycle reads) in
// step with RenewType (which Billing reports).
func SetRenewal(ri *core.ReservedInstance, renewType string, duration int, unit string) {
	ri.RenewType = renewType
	ri.AutoRenew = renewType == AutoRenewal
	if ri.AutoRenew {
		ri.AutoRenewDuration, ri.AutoRenewUnit = duration, unit
	}
}

// ReportedRenewType is what Billing reports: AutoRenewal whenever
// auto-renewal is on, otherwise the manual or non-renewal type last set.
func ReportedRenewType(ri core.ReservedInstance) string {
	if ri.AutoRenew {
		return AutoRenewal
	}
	if ri.RenewType == NonRenewal {
		return NonRenewal
	}
	return ManualRenewal
}

type setRenewalType struct {
	bound
	InstanceID          *string
	Product             *string
	RenewType           *string
	RenewalDuration     *int64
	RenewalDurationUnit *string
	RenewalTimes        *int64
}

type renewInstance struct {
	bound
	InstanceID          *string
	Product             *string
	RenewalDuration     *int64
	RenewalDurationUnit *string
}

type listAvailableInstances struct {
	bound
	InstanceIDs      []string
	Product          *string
	RenewType        *string
	MaxResults       *int64
	NextToken        *string
	BeginTimeStart   *string
	BeginTimeEnd     *string
	ExpiredTimeStart *string
	ExpiredTimeEnd   *string
}

// renewalSet is the result of SetRenewalType.
type renewalSet struct{ id string }

// renewed is the result of RenewInstance.
type renewed struct{ orderID, id string }

// availablePage is one page of ListAvailableInstances.
type availablePage struct {
	items      []core.ReservedInstance
	next       string
	maxResults int
	expired    string
}

// lengths are the renewal lengths by unit: an automatic renewal takes what
// SetRenewalType documents (AutoRenewMonths: 1-12, 24 or 36 months, or 1-3
// years); a manual renewal takes the purchase terms (or 1-3 years). Day, which Billing knows for other
// products, is refused: the docs speak of monthly RIs only.
func (s *Service) lengths(auto bool) map[string][]int {
	if auto {
		return map[string][]int{"Month": s.cfg.AutoRenewMonths, "Year": {1, 2, 3}}
	}
	return map[string][]int{"Month": s.cfg.PurchaseMonths, "Year": {1, 2, 3}}
}

func (op *setRenewalType) Apply(w *core.World) (any, *core.APIError) {
	ri, aerr := billingInstance(w, op.InstanceID, op.Product)
	if aerr != nil {
		return nil, aerr
	}
	renewType := deref(op.RenewType)
	switch renewType {
	case "":
		return nil, errMissingParameter("RenewType")
	case AutoRenewal, ManualRenewal, NonRenewal:
	default:
		return nil, errInvalidParameter("The specified RenewType %s is not valid: use AutoRenewal, ManualRenewal or NonRenewal.", renewType)
	}
	if aerr := checkStatus(w, ri); aerr != nil {
		return nil, aerr
	}
	if op.RenewalTimes != nil && *op.RenewalTimes < 0 {
		return nil, errInvalidParameter("The specified RenewalTimes must not be negative.")
	}
	duration, unit := 0, ""
	if renewType == AutoRenewal {
		if duration, unit, aerr = renewalLength(op.RenewalDuration, op.RenewalDurationUnit, op.svc.lengths(true)); aerr != nil {
			return nil, aerr
		}
	}
	SetRenewal(ri, renewType, duration, unit)
	if op.RenewalTimes != nil {
		ri.RenewalTimes = int(*op.RenewalTimes)
	}
	return renewalSet{id: ri.ID}, nil
}

func (op *renewInstance) Apply(w *core.World) (any, *core.APIError) {
	ri, aerr := billingInstance(w, op.InstanceID, op.Product)
	if aerr != nil {
		return nil, aerr
	}
	if op.RenewalDurationUnit == nil {
		return nil, errMissingParameter("RenewalDurationUnit")
	}
	duration, unit, aerr := renewalLength(op.RenewalDuration, op.RenewalDurationUnit, op.svc.lengths(false))
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkStatus(w, ri); aerr != nil {
		return nil, aerr
	}
	ri.ExpiredTime = core.ExtendTerm(ri.ExpiredTime, core.MonthsIn(duration, unit))
	return renewed{orderID: fmt.Sprintf("%d", 300000000000+w.NextSeq()), id: ri.ID}, nil
}

// billingInstance resolves InstanceID and Product.
func billingInstance(w *core.World, id, product *string) (*core.ReservedInstance, *core.APIError) {
	switch {
	case deref(id) == "":
		return nil, errMissingParameter("InstanceID")
	case deref(product) == "":
		return nil, errMissingParameter("Product")
	case *product != Product:
		return nil, errInvalidParameter("The specified Product %s is not supported: reserved instances are product %s.", *product, Product)
	}
	ri, ok := w.Find(*id)
	if !ok || ri.Status == w.Lifecycle().Inactive {
		return nil, errInstanceNotFound(*id)
	}
	return ri, nil
}

// checkStatus: nothing can be set on an expired RI, nor on one being
// modified away.
func checkStatus(w *core.World, ri *core.ReservedInstance) *core.APIError {
	switch ri.Status {
	case w.Lifecycle().Expired:
		return errInstanceExpired()
	case w.Lifecycle().Updating:
		return errInstanceStatus()
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

func (op *listAvailableInstances) Apply(w *core.World) (any, *core.APIError) {
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
	after, ok := core.DecodePageToken(deref(op.NextToken))
	if !ok {
		return nil, errInvalidParameter("The specified NextToken is not valid.")
	}
	var matched []*core.ReservedInstance
	if p := deref(op.Product); p == "" || p == Product {
		for _, ri := range w.Sorted() {
			if ri.Seq > after && ri.Status != w.Lifecycle().Inactive && op.matches(ri, window) {
				matched = append(matched, ri)
			}
		}
	}
	items, next := core.PageOf(matched, int(*op.MaxResults))
	return availablePage{items: items, next: next, maxResults: int(*op.MaxResults), expired: w.Lifecycle().Expired}, nil
}

// window bounds begin and expiry times; zero times are open ends.
type window struct{ beginFrom, beginTo, expiredFrom, expiredTo time.Time }

func (op *listAvailableInstances) timeWindow() (window, *core.APIError) {
	var win window
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

func (op *listAvailableInstances) matches(ri *core.ReservedInstance, win window) bool {
	switch {
	case len(op.InstanceIDs) > 0 && !core.Contains(op.InstanceIDs, ri.ID),
		deref(op.RenewType) != "" && ReportedRenewType(*ri) != *op.RenewType,
		!within(ri.StartTime, win.beginFrom, win.beginTo),
		!within(ri.ExpiredTime, win.expiredFrom, win.expiredTo):
		return false
	}
	return true
}

func within(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || !t.After(to))
}
