package billing

import (
	"strconv"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// Encode renders a result of the service as the Result object of the
// Volcengine envelope, with the field names of the Go SDK's output types;
// ok is false for a result that is not the service's.
func (s *Service) Encode(result any) (body map[string]any, ok bool) {
	switch r := result.(type) {
	case renewalSet:
		return map[string]any{"SuccessInstanceList": []map[string]any{{"InstanceID": r.id, "Product": Product}}}, true
	case renewed:
		return map[string]any{
			"OrderIDList":         []string{r.orderID},
			"SuccessInstanceList": []map[string]any{{"InstanceID": r.id, "Product": Product}},
		}, true
	case availablePage:
		return encodeAvailablePage(r), true
	case recordPage:
		records := r.records
		if records == nil {
			records = []map[string]any{}
		}
		return map[string]any{"List": records, "NextToken": r.next}, true
	}
	return nil, false
}

// formatTime is the emulator's choice for times: RFC 3339 in UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// AccountID is the emulated account.
const AccountID = 2100000001

// encodeAvailablePage: the SDK's fields, plus RenewalDuration, which the
// SDK's typed output lacks (read it through ListAvailableInstancesCommon);
// whether the real service sends it is unverified.
func encodeAvailablePage(page availablePage) map[string]any {
	items := make([]map[string]any, 0, len(page.items))
	for _, ri := range page.items {
		items = append(items, encodeAvailableItem(ri, ri.Status == page.expired))
	}
	return map[string]any{"InstanceList": items, "NextToken": page.next, "MaxResults": page.maxResults}
}

func encodeAvailableItem(ri core.ReservedInstance, expired bool) map[string]any {
	status := "Normal"
	if expired {
		status = "Expired"
	}
	item := map[string]any{
		"AccountID": AccountID, "InstanceID": ri.ID, "InstanceName": ri.Name,
		"Product": Product, "ProductName": "ECS", "ConfigurationCode": ri.InstanceType,
		"PaymentMethod": "PrePaid", "BeginTime": formatTime(ri.StartTime), "ExpiredTime": formatTime(ri.ExpiredTime),
		"Status": status, "SubStatus": "", "RenewType": ReportedRenewType(ri),
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
