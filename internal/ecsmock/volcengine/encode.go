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
	case volcenginePurchased:
		return map[string]any{"ReservedInstanceId": r.id}
	case volcengineDescribePage:
		return encodeVolcengineDescribePage(r)
	case volcengineModified:
		return map[string]any{"ReservedInstanceIds": r.ids}
	case volcengineTagOutcome:
		return encodeVolcengineTagOutcome(r)
	case volcengineRenewalSet:
		return map[string]any{"SuccessInstanceList": []map[string]any{{"InstanceID": r.id, "Product": volcengineBillingProduct}}}
	case volcengineRenewed:
		return map[string]any{
			"OrderIDList":         []string{r.orderID},
			"SuccessInstanceList": []map[string]any{{"InstanceID": r.id, "Product": volcengineBillingProduct}},
		}
	case volcengineBillingPage:
		return encodeVolcengineBillingPage(r)
	}
	return map[string]any{}
}

// volcengineTime is the emulator's choice for times: RFC 3339 in UTC.
func volcengineTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// encodeVolcengineDescribePage: every field of the SDK's output item. There
// is no auto-renew field: the real output has none (Billing reports it).
func encodeVolcengineDescribePage(page volcengineDescribePage) map[string]any {
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
			"HpcClusterId": ri.HpcClusterID, "SupportModify": volcengineSupportModify,
			"CreatedAt": volcengineTime(ri.CreationTime), "StartAt": volcengineTime(ri.StartTime),
			"ExpiredAt": volcengineTime(ri.ExpiredTime), "Tags": tags,
		})
	}
	return map[string]any{"NextToken": page.next, "ReservedInstances": items}
}

func encodeVolcengineTagOutcome(r volcengineTagOutcome) map[string]any {
	details := make([]map[string]any, 0, len(r.failures))
	for _, f := range r.failures {
		details = append(details, map[string]any{
			"ResourceId": f.resourceID,
			"Error":      map[string]any{"Code": f.err.Code, "Message": f.err.Message},
		})
	}
	return map[string]any{"OperationDetails": details}
}

// encodeVolcengineBillingPage: the SDK's fields, plus RenewalDuration, which
// the SDK's typed output lacks (read it through ListAvailableInstancesCommon);
// whether the real service sends it is unverified.
func encodeVolcengineBillingPage(page volcengineBillingPage) map[string]any {
	items := make([]map[string]any, 0, len(page.items))
	for _, ri := range page.items {
		items = append(items, encodeVolcengineBillingItem(ri))
	}
	return map[string]any{"InstanceList": items, "NextToken": page.next, "MaxResults": page.maxResults}
}

// volcengineAccountID is the emulated account.
const volcengineAccountID = 2100000001

func encodeVolcengineBillingItem(ri core.ReservedInstance) map[string]any {
	status := "Normal"
	if ri.Status == StatusExpired {
		status = "Expired"
	}
	item := map[string]any{
		"AccountID": volcengineAccountID, "InstanceID": ri.ID, "InstanceName": ri.Name,
		"Product": volcengineBillingProduct, "ProductName": "ECS", "ConfigurationCode": ri.InstanceType,
		"PaymentMethod": "PrePaid", "BeginTime": volcengineTime(ri.StartTime), "ExpiredTime": volcengineTime(ri.ExpiredTime),
		"Status": status, "SubStatus": "", "RenewType": volcengineRenewType(ri),
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
