package alibaba

import (
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// describePage is one page of DescribeReservedInstances.
type describePage struct {
	items                       []core.ReservedInstance
	total, pageNumber, pageSize int
	shared                      bool
}

func (op *describe) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.regionID)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.check(); aerr != nil {
		return nil, aerr
	}
	pageSize, _ := op.pageSize.Or(10)
	pageNumber, _ := op.pageNumber.Or(1)
	var matched []*core.ReservedInstance
	for _, ri := range w.Sorted() {
		if ri.RegionID == reg.ID && op.matches(ri) {
			matched = append(matched, ri)
		}
	}
	from := min((pageNumber-1)*pageSize, len(matched))
	to := min(from+pageSize, len(matched))
	page := describePage{total: len(matched), pageNumber: pageNumber, pageSize: pageSize, shared: op.allocationType == "Shared"}
	for _, ri := range matched[from:to] {
		page.items = append(page.items, ri.Clone())
	}
	return page, nil
}

func (op *describe) check() *core.APIError {
	if len(op.ids) > 100 {
		return errTooMany("ReservedInstanceId", 100)
	}
	if n, ok := op.pageSize.Or(10); !ok || n < 1 || n > 100 {
		return errInvalidParameter("The specified PageSize is invalid: it must be between 1 and 100.")
	}
	if n, ok := op.pageNumber.Or(1); !ok || n < 1 {
		return errInvalidParameter("The specified PageNumber is invalid: it must be at least 1.")
	}
	if op.scope != "" && !strings.EqualFold(op.scope, "Region") && !strings.EqualFold(op.scope, "Zone") {
		return errScope()
	}
	if op.allocationType != "" && op.allocationType != "Normal" && op.allocationType != "Shared" {
		return errInvalidParameter("The specified AllocationType is invalid: use Normal or Shared.")
	}
	if len(op.tagFilter) > 20 {
		return errTagCount()
	}
	return nil
}

func (op *describe) matches(ri *core.ReservedInstance) bool {
	switch {
	case len(op.ids) > 0 && !core.Contains(op.ids, ri.ID),
		op.zoneID != "" && ri.ZoneID != op.zoneID,
		op.name != "" && ri.Name != op.name,
		op.instanceType != "" && ri.InstanceType != op.instanceType,
		op.family != "" && familyOf(ri.InstanceType) != op.family,
		op.scope != "" && !strings.EqualFold(ri.Scope, op.scope),
		op.offeringType != "" && ri.OfferingType != op.offeringType,
		op.lockReason != "" && !core.Contains(ri.OperationLocks, op.lockReason),
		len(op.statuses) > 0 && !core.Contains(op.statuses, ri.Status),
		!hasTags(ri, op.tagFilter):
		return false
	}
	return true
}

// hasTags: every filter key must be present, with the value when one
// is given.
func hasTags(ri *core.ReservedInstance, filter []core.TagPair) bool {
	for _, f := range filter {
		v, ok := ri.Tags[f.Key]
		if !ok || (f.Value != "" && v != f.Value) {
			return false
		}
	}
	return true
}
