package ecsmock

import (
	"sort"
	"strings"
)

func (s *Server) describe(c *call) (map[string]any, *apiError) {
	p := c.params
	ids := p.indexed("ReservedInstanceId")
	if len(ids) > 100 {
		return nil, errTooMany("ReservedInstanceId", 100)
	}
	pageSize, ok := p.integer("PageSize", 10)
	if !ok || pageSize < 1 || pageSize > 100 {
		return nil, errInvalidParameter("The specified PageSize is invalid: it must be between 1 and 100.")
	}
	pageNumber, ok := p.integer("PageNumber", 1)
	if !ok || pageNumber < 1 {
		return nil, errInvalidParameter("The specified PageNumber is invalid: it must be at least 1.")
	}
	scope := p.get("Scope")
	if scope != "" && !strings.EqualFold(scope, "Region") && !strings.EqualFold(scope, "Zone") {
		return nil, errScope()
	}
	allocation := p.get("AllocationType")
	if allocation != "" && allocation != "Normal" && allocation != "Shared" {
		return nil, errInvalidParameter("The specified AllocationType is invalid: use Normal or Shared.")
	}
	statuses := p.indexed("Status")
	tagFilter := p.records("Tag")
	if len(tagFilter) > 20 {
		return nil, errTagCount()
	}
	wanted := map[string]bool{}
	for _, id := range ids {
		wanted[id] = true
	}

	var matched []*ReservedInstance
	for _, ri := range s.st.sorted() {
		switch {
		case ri.RegionID != c.region.ID,
			len(ids) > 0 && !wanted[ri.ID],
			p.get("ZoneId") != "" && ri.ZoneID != p.get("ZoneId"),
			p.get("ReservedInstanceName") != "" && ri.Name != p.get("ReservedInstanceName"),
			p.get("InstanceType") != "" && ri.InstanceType != p.get("InstanceType"),
			p.get("InstanceTypeFamily") != "" && s.familyOf(ri.InstanceType) != p.get("InstanceTypeFamily"),
			scope != "" && !strings.EqualFold(ri.Scope, scope),
			p.get("OfferingType") != "" && ri.OfferingType != p.get("OfferingType"),
			p.get("LockReason") != "" && !contains(ri.OperationLocks, p.get("LockReason")),
			len(statuses) > 0 && !contains(statuses, ri.Status),
			!hasTags(ri, tagFilter):
			continue
		}
		matched = append(matched, ri)
	}
	from := min((pageNumber-1)*pageSize, len(matched))
	to := min(from+pageSize, len(matched))
	items := make([]map[string]any, 0, to-from)
	for _, ri := range matched[from:to] {
		items = append(items, s.describeItem(ri, allocation == "Shared"))
	}
	return map[string]any{
		"TotalCount": len(matched), "PageNumber": pageNumber, "PageSize": pageSize,
		"ReservedInstances": map[string]any{"ReservedInstance": items},
	}, nil
}

// describeItem renders an RI the way the service does, including its habit
// of reporting Scope and Platform in lower case.
func (s *Server) describeItem(ri *ReservedInstance, shared bool) map[string]any {
	tags := make([]map[string]any, 0, len(ri.Tags))
	for _, k := range sortedKeys(ri.Tags) {
		tags = append(tags, map[string]any{"TagKey": k, "TagValue": ri.Tags[k]})
	}
	locks := make([]map[string]any, 0, len(ri.OperationLocks))
	for _, l := range ri.OperationLocks {
		locks = append(locks, map[string]any{"LockReason": l})
	}
	item := map[string]any{
		"ReservedInstanceId": ri.ID, "ReservedInstanceName": ri.Name, "Description": ri.Description,
		"RegionId": ri.RegionID, "ZoneId": ri.ZoneID, "InstanceType": ri.InstanceType,
		"InstanceAmount": ri.InstanceAmount, "Scope": strings.ToLower(ri.Scope),
		"Platform": strings.ToLower(ri.Platform), "OfferingType": ri.OfferingType, "Status": ri.Status,
		"StartTime": ri.StartTime.Format(apiTime), "ExpiredTime": ri.ExpiredTime.Format(apiTime),
		"CreationTime": ri.CreationTime.Format(apiTime), "ResourceGroupId": ri.ResourceGroupID,
		"Tags": map[string]any{"Tag": tags}, "OperationLocks": map[string]any{"OperationLock": locks},
	}
	if shared {
		item["AllocationStatus"] = "allocated"
	}
	return item
}

func hasTags(ri *ReservedInstance, filter []map[string]string) bool {
	for _, f := range filter {
		v, ok := ri.Tags[f["Key"]]
		if !ok || (f["Value"] != "" && v != f["Value"]) {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *Server) describeAutoRenew(c *call) (map[string]any, *apiError) {
	ids := c.params.indexed("ReservedInstanceId")
	if len(ids) > 100 {
		return nil, errTooMany("ReservedInstanceId", 100)
	}
	attrs := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		ri, ok := s.st.RIs[id]
		if !ok || ri.RegionID != c.region.ID {
			continue
		}
		status := "Normal"
		if ri.AutoRenew {
			status = "AutoRenewal"
		}
		unit := ri.AutoRenewUnit
		if unit == "" {
			unit = "Month"
		}
		attrs = append(attrs, map[string]any{
			"ReservedInstanceId": ri.ID, "Duration": ri.AutoRenewDuration, "PeriodUnit": unit, "RenewalStatus": status,
		})
	}
	return map[string]any{"ReservedInstanceRenewAttributes": map[string]any{"ReservedInstanceRenewAttribute": attrs}}, nil
}
