package alibaba

import (
	"strings"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Encode renders a result in the shapes of the Alibaba Cloud ECS API.
func (d *Dialect) Encode(result any) map[string]any {
	switch r := result.(type) {
	case purchased:
		return map[string]any{"ReservedInstanceIdSets": idSet(r.ids)}
	case describePage:
		return d.encodeDescribePage(r)
	case renewed:
		return map[string]any{"OrderId": r.orderID, "ReservedInstanceIdSets": idSet(r.ids)}
	case attributeChanged:
		return map[string]any{"Code": "200", "Message": "Success", "HttpStatusCode": 200}
	case renewAttributes:
		return encodeRenewAttributes(r)
	case tagPage:
		return encodeTagPage(r)
	}
	if body, ok := d.bss.Encode(result); ok {
		return body
	}
	return map[string]any{}
}

func (d *Dialect) encodeDescribePage(page describePage) map[string]any {
	items := make([]map[string]any, 0, len(page.items))
	for _, ri := range page.items {
		items = append(items, d.encodeDescribeItem(ri, page.shared))
	}
	return map[string]any{
		"TotalCount": page.total, "PageNumber": page.pageNumber, "PageSize": page.pageSize,
		"ReservedInstances": map[string]any{"ReservedInstance": items},
	}
}

// encodeDescribeItem renders an RI the way the service does, including its
// habit of reporting Scope and Platform in lower case (Scope title-cased
// when the emulator is told to).
func (d *Dialect) encodeDescribeItem(ri core.ReservedInstance, shared bool) map[string]any {
	tags := make([]map[string]any, 0, len(ri.Tags))
	for _, k := range core.SortedKeys(ri.Tags) {
		tags = append(tags, map[string]any{"TagKey": k, "TagValue": ri.Tags[k]})
	}
	locks := make([]map[string]any, 0, len(ri.OperationLocks))
	for _, l := range ri.OperationLocks {
		locks = append(locks, map[string]any{"LockReason": l})
	}
	scope := strings.ToLower(ri.Scope)
	if d.opts.TitleCaseScope {
		scope = ri.Scope
	}
	item := map[string]any{
		"ReservedInstanceId": ri.ID, "ReservedInstanceName": ri.Name, "Description": ri.Description,
		"RegionId": ri.RegionID, "ZoneId": ri.ZoneID, "InstanceType": ri.InstanceType,
		"InstanceAmount": ri.InstanceAmount, "Scope": scope,
		"Platform": strings.ToLower(ri.Platform), "OfferingType": ri.OfferingType, "Status": ri.Status,
		"StartTime": ri.StartTime.Format(timeLayout), "ExpiredTime": ri.ExpiredTime.Format(timeLayout),
		"CreationTime": ri.CreationTime.Format(timeLayout), "ResourceGroupId": ri.ResourceGroupID,
		"Tags": map[string]any{"Tag": tags}, "OperationLocks": map[string]any{"OperationLock": locks},
	}
	if shared {
		item["AllocationStatus"] = "allocated"
	}
	return item
}

// timeLayout is the minute-precision UTC format DescribeReservedInstances
// uses.
const timeLayout = "2006-01-02T15:04Z"

func encodeRenewAttributes(r renewAttributes) map[string]any {
	attrs := make([]map[string]any, 0, len(r.items))
	for _, ri := range r.items {
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
	return map[string]any{"ReservedInstanceRenewAttributes": map[string]any{"ReservedInstanceRenewAttribute": attrs}}
}

func encodeTagPage(page tagPage) map[string]any {
	rows := make([]map[string]any, 0, len(page.rows))
	for _, r := range page.rows {
		rows = append(rows, map[string]any{"ResourceId": r.id, "ResourceType": "reservedinstance", "TagKey": r.key, "TagValue": r.value})
	}
	return map[string]any{"NextToken": page.next, "TagResources": map[string]any{"TagResource": rows}}
}
