package volcengine

import (
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// describePage is one page of DescribeReservedInstances.
type describePage struct {
	items []core.ReservedInstance
	next  string
}

// supportModifyValue is the only SupportModify value the docs attest.
const supportModifyValue = "SizeSupport"

func (op *describe) apply(w *world) (any, *core.APIError) {
	reg, aerr := resolveRegion(op.region)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := op.check(); aerr != nil {
		return nil, aerr
	}
	after, ok := core.DecodePageToken(op.nextToken)
	if !ok {
		return nil, errInvalidParameter("The specified NextToken is not valid.")
	}
	var matched []*core.ReservedInstance
	for _, ri := range w.Sorted() {
		if ri.RegionID == reg.ID && ri.Seq > after && op.matches(ri) {
			matched = append(matched, ri)
		}
	}
	items, next := core.PageOf(matched, op.pageSize())
	return describePage{items: items, next: next}, nil
}

func (op *describe) pageSize() int {
	n, _ := op.maxResults.Or(10)
	return n
}

func (op *describe) check() *core.APIError {
	for _, list := range []struct {
		name   string
		values []string
	}{{"ReservedInstanceIds", op.ids}, {"InstanceTypeIds", op.instanceTypeIDs}, {"InstanceTypeFamilies", op.families}} {
		if len(list.values) > 100 {
			return errTooMany(list.name, 100)
		}
	}
	if n, ok := op.maxResults.Or(10); !ok || n < 1 || n > 100 {
		return errInvalidParameter("The specified MaxResults is not valid: it must be between 1 and 100.")
	}
	if op.scope != "" && op.scope != zonal && op.scope != regional {
		return errScopeMalformed()
	}
	return nil
}

// matches applies the filters. Status compares without case, since the
// real casing is unverified; the name matches fuzzily (a substring, in any
// case), as documented.
func (op *describe) matches(ri *core.ReservedInstance) bool {
	switch {
	case len(op.ids) > 0 && !core.Contains(op.ids, ri.ID),
		len(op.instanceTypeIDs) > 0 && !core.Contains(op.instanceTypeIDs, ri.InstanceType),
		len(op.families) > 0 && !core.Contains(op.families, familyOf(ri.InstanceType)),
		op.scope != "" && ri.Scope != op.scope,
		op.status != "" && !strings.EqualFold(ri.Status, op.status),
		op.zoneID != "" && ri.ZoneID != op.zoneID,
		op.projectName != "" && ri.ProjectName != op.projectName,
		op.name != "" && !strings.Contains(strings.ToLower(ri.Name), strings.ToLower(op.name)),
		op.hpcClusterID != "" && ri.HpcClusterID != op.hpcClusterID,
		op.supportModify != "" && op.supportModify != supportModifyValue,
		!matchesTags(ri, op.tagFilters):
		return false
	}
	return true
}

// matchesTags: every filter key present, with one of the listed
// values when values are given.
func matchesTags(ri *core.ReservedInstance, filters []tagFilter) bool {
	for _, f := range filters {
		v, ok := ri.Tags[f.key]
		if !ok || (len(f.values) > 0 && !core.Contains(f.values, v)) {
			return false
		}
	}
	return true
}
