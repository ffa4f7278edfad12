package volcengine

import (
	"strconv"
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
	case renewalSet:
		return map[string]any{"SuccessInstanceList": []map[string]any{{"InstanceID": r.id, "Product": billingProduct}}}
	case renewed:
		return map[string]any{
			"OrderIDList":         []string{r.orderID},
			"SuccessInstanceList": []map[string]any{{"InstanceID": r.id, "Product": billingProduct}},
		}
	case billingPage:
		return encodeBillingPage(r)
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

// encodeBillingPage: the SDK's fields, plus RenewalDuration, which
// the SDK's typed output lacks (read it through ListAvailableInstancesCommon);
// whether the real service sends it is unverified.
func encodeBillingPage(page billingPage) map[string]any {
	items := make([]map[string]any, 0, len(page.items))
	for _, ri := range page.items {
		items = append(items, encodeBillingItem(ri))
	}
	return map[string]any{"InstanceList": items, "NextToken": page.next, "MaxResults": page.maxResults}
}

// accountID is the emulated account.
const accountID = 2100000001

func encodeBillingItem(ri core.ReservedInstance) map[string]any {
	status := "Normal"
	if ri.Status == StatusExpired {
		status = "Expired"
	}
	item := map[string]any{
		"AccountID": accountID, "InstanceID": ri.ID, "InstanceName": ri.Name,
		"Product": billingProduct, "ProductName": "ECS", "ConfigurationCode": ri.InstanceType,
		"PaymentMethod": "PrePaid", "BeginTime": formatTime(ri.StartTime), "ExpiredTime": formatTime(ri.ExpiredTime),
		"Status": status, "SubStatus": "", "RenewType": reportedRenewType(ri),
		"RenewalDurationUnit": "", "RenewalDuration": 0, "RenewalTimes": "", "RemainRenewTimes": "",
	}
	if ri.AutoRenew {
		unit := ri.AutoRenewUnit
		if unit == "" {
			unit = "Month"
		}
		item["RenewalDurationUnit"], item["RenewalDuration"] = unit, ri.AutoRenewDuration
	}
	if ri.RenewalTimes > 0 {
		item["RenewalTimes"] = strconv.Itoa(ri.RenewalTimes)
		item["RemainRenewTimes"] = strconv.Itoa(ri.RenewalTimes)
	}
	return item
}
