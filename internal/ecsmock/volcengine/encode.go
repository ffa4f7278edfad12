package volcengine

import (
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Encode renders a result as the Result object of the Volcengine envelope,
// with the field names of the Go SDK's output types.
func (d *Dialect) Encode(result any) map[string]any {
	switch r := result.(type) {
	case purchased:
		return map[string]any{"ReservedInstanceId": r.id}
	case describePage:
		return encodeDescribePage(r)
	case modified:
		return map[string]any{"ReservedInstanceIds": r.ids}
	case tagOutcome:
		return encodeTagOutcome(r)
	}
	if body, ok := d.billing.Encode(result); ok {
		return body
	}
	return map[string]any{}
}

// formatTime is the emulator's choice for times: RFC 3339 in UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// encodeDescribePage: every field of the SDK's output item. There
// is no auto-renew field: the real output has none (Billing reports it).
func encodeDescribePage(page describePage) map[string]any {
	items := make([]map[string]any, 0, len(page.items))
	for _, ri := range page.items {
		tags := make([]map[string]any, 0, len(ri.Tags))
		for _, k := range core.SortedKeys(ri.Tags) {
			tags = append(tags, map[string]any{"Key": k, "Value": ri.Tags[k]})
		}
		items = append(items, map[string]any{
			"ReservedInstanceId": ri.ID, "ReservedInstanceName": ri.Name, "Description": ri.Description,
			"RegionId": ri.RegionID, "ZoneId": ri.ZoneID, "InstanceTypeId": ri.InstanceType, "InstanceCount": ri.InstanceAmount,
			"Scope": ri.Scope, "Status": ri.Status, "OfferingType": ri.OfferingType, "ProjectName": ri.ProjectName,
			"HpcClusterId": ri.HpcClusterID, "SupportModify": supportModifyValue,
			"CreatedAt": formatTime(ri.CreationTime), "StartAt": formatTime(ri.StartTime),
			"ExpiredAt": formatTime(ri.ExpiredTime), "Tags": tags,
		})
	}
	return map[string]any{"NextToken": page.next, "ReservedInstances": items}
}

func encodeTagOutcome(r tagOutcome) map[string]any {
	details := make([]map[string]any, 0, len(r.failures))
	for _, f := range r.failures {
		details = append(details, map[string]any{
			"ResourceId": f.resourceID,
			"Error":      map[string]any{"Code": f.err.Code, "Message": f.err.Message},
		})
	}
	return map[string]any{"OperationDetails": details}
}
