package billing

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/usage"
)

// What the RIs paid for, as Billing reports it for resource instances
// (ResourceType RI): ListPackageUsageDetails, one record per RI, hour and
// instance paid for, newest first, and ListResourcePackages, the RIs and
// what is left of their quota in the current hour. An RI's quota is its
// computing power × 3600 seconds each hour (PackageType Periodic, reset
// hourly), and every amount is in computing power × seconds.
//
// Sources: "ListPackageUsageDetails - 查询资源包抵扣明细列表",
// https://volcengine.com/docs/6269/1337080, and "ListResourcePackages -
// 查询资源包列表", https://volcengine.com/docs/6269/1337079 (parameters,
// formats, limits, order, paging); the field names are those of
// volcengine-go-sdk v1.2.49 service/billing, their meaning from BytePlus
// "Concept description: managing packages",
// https://docs.byteplus.com/en/docs/byteplus-platform/docs-concept-description-1.
// Every figure comes from a simulation of the declared fleet against the
// store's RIs (the usage package, through core.World.Ledger).

// Limits of the two actions: at most 50 and 20 records a page; deductions
// and expiries older than 18 months are out of reach.
const (
	maxDeductionResults = 50
	maxPackageResults   = 20
	reachMonths         = 18
)

// timeLayout is the format of every time the two actions read and write:
// ISO 8601 in UTC, yyyy-MM-ddTHH:mm:ssZ.
const timeLayout = "2006-01-02T15:04:05Z"

// amountUnit is the unit the emulator gives the amounts: computing power ×
// seconds (the documents name the quantity, not the spelling of its unit).
const amountUnit = "计算力*秒"

// Resource types: the emulated account holds RIs only, so Package and RSC
// list nothing.
const resourceTypeRI = "RI"

var resourceTypes = []string{"Package", resourceTypeRI, "RSC"}

// flexString is a string field the SDK sends as a string ("50") and other
// clients may send as a number.
type flexString struct {
	value string
	set   bool
}

func (f *flexString) UnmarshalJSON(b []byte) error {
	f.set = true
	if bytes.Equal(b, []byte("null")) {
		f.set = false
		return nil
	}
	if err := json.Unmarshal(b, &f.value); err == nil {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	f.value = n.String()
	return nil
}

type listPackageUsageDetails struct {
	bound
	ResourceType    *string
	DeductBeginTime *string
	DeductEndTime   *string
	MaxResults      flexString
	NextToken       *string
	InstanceNo      *string
}

type listResourcePackages struct {
	bound
	ResourceType       *string
	MaxResults         flexString
	NextToken          *string
	Product            *string
	EffectiveTimeBegin *string
	EffectiveTimeEnd   *string
	Status             *string
}

// recordPage is one page of records, rendered.
type recordPage struct {
	records []map[string]any
	next    string
}

// checkList reads what both actions share: ResourceType, MaxResults and
// NextToken, an offset into the list ("the ID the next page starts at").
func checkList(resourceType *string, maxResults flexString, nextToken *string, limit int) (ri bool, size, offset int, aerr *core.APIError) {
	switch rt := deref(resourceType); {
	case rt == "":
		return false, 0, 0, errMissingParameter("ResourceType")
	case !slices.Contains(resourceTypes, rt):
		return false, 0, 0, errInvalidParameter("The specified ResourceType %s is not valid: use Package, RI or RSC.", rt)
	default:
		ri = rt == resourceTypeRI
	}
	if !maxResults.set || maxResults.value == "" {
		return false, 0, 0, errMissingParameter("MaxResults")
	}
	size, err := strconv.Atoi(maxResults.value)
	if err != nil || size < 1 || size > limit {
		return false, 0, 0, errInvalidParameter("The specified MaxResults is not valid: it must be between 1 and %d.", limit)
	}
	if t := deref(nextToken); t != "" {
		if offset, err = strconv.Atoi(t); err != nil || offset < 0 {
			return false, 0, 0, errInvalidParameter("The specified NextToken is not valid.")
		}
	}
	return ri, size, offset, nil
}

func nextOffset(offset, size, total int) string {
	if offset+size >= total {
		return ""
	}
	return strconv.Itoa(offset + size)
}

// parseTime reads a time in the documented format; an absent one is zero.
func parseTime(name string, value *string) (time.Time, *core.APIError) {
	if deref(value) == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, *value)
	if err != nil {
		return time.Time{}, errInvalidParameter("The specified %s is not valid: use yyyy-MM-ddTHH:mm:ssZ in UTC.", name)
	}
	return t, nil
}

func (op *listPackageUsageDetails) Apply(w *core.World) (any, *core.APIError) {
	ri, size, offset, aerr := checkList(op.ResourceType, op.MaxResults, op.NextToken, maxDeductionResults)
	if aerr != nil {
		return nil, aerr
	}
	var from, to time.Time
	for _, t := range []struct {
		name  string
		value *string
		out   *time.Time
	}{{"DeductBeginTime", op.DeductBeginTime, &from}, {"DeductEndTime", op.DeductEndTime, &to}} {
		if deref(t.value) == "" {
			return nil, errMissingParameter(t.name)
		}
		if *t.out, aerr = parseTime(t.name, t.value); aerr != nil {
			return nil, aerr
		}
	}
	switch {
	case !from.Before(to):
		return nil, errInvalidParameter("The specified DeductEndTime must be later than DeductBeginTime.")
	case from.Before(w.Now.AddDate(0, -reachMonths, 0)):
		return nil, errInvalidParameter("The specified DeductBeginTime is not valid: deductions can be queried for the last %d months only.", reachMonths)
	}
	if !ri {
		return recordPage{}, nil
	}
	l, err := w.Ledger(op.svc.cfg.Rules, op.svc.cfg.Prices, from, minTime(to, w.Now))
	if err != nil {
		return nil, errInternal(err)
	}
	keep := func(d usage.Deduction) bool { return deref(op.InstanceNo) == "" || d.Reservation == *op.InstanceNo }
	total := 0
	for d := range l.Deductions() {
		if keep(d) {
			total++
		}
	}
	// Newest first: record i of the list is the (total-1-i)th deduction.
	lo, hi := total-offset-size, total-offset
	page := recordPage{next: nextOffset(offset, size, total)}
	n := 0
	for d := range l.Deductions() {
		if !keep(d) {
			continue
		}
		if n >= lo && n < hi {
			page.records = append(page.records, op.svc.deductionRecord(w, d))
		}
		n++
	}
	slices.Reverse(page.records)
	return page, nil
}

func (s *Service) deductionRecord(w *core.World, d usage.Deduction) map[string]any {
	rec := map[string]any{
		"InstanceNo": d.Reservation, "PackageType": "Periodic", "Product": Product, "ProductName": "ECS",
		"BeginTime": d.Hour.Format(timeLayout), "EndTime": d.Hour.Add(time.Hour).Format(timeLayout),
		"DeductionTime": d.Hour.Add(time.Hour).Format(timeLayout), "Unit": amountUnit,
		"BeforeAmount": amount(d.Before), "DeductionAmount": amount(d.Quantity), "AfterAmount": amount(d.After()),
		"DeductionUseAmount": amount(d.InstanceUsage), "DeductionRatio": number(d.Ratio()),
		"DeductionProduct": Product, "DeductionElementCode": "", "DeductBillingFactor": "",
		"DeductionInstanceUnit": "", "DeductionSpecificationUnit": "", "SpecificationUnit": "",
		"OwnerID": accountID, "UserName": accountName, "SubjectNo": "",
		"DeductionAccountID": accountID, "DeductionUserName": accountName,
	}
	if ri, ok := w.Find(d.Reservation); ok {
		f, _ := s.cfg.Rules.Factor(ri.InstanceType)
		rec["InstanceName"], rec["RegionCode"], rec["ZoneCode"] = ri.Name, ri.RegionID, ri.ZoneID
		rec["Specification"], rec["ConfigurationCode"], rec["ConfigurationName"] = ri.InstanceType, ri.InstanceType, ri.InstanceType
		rec["SpecCalculateFactor"] = number(f)
	}
	if decl, ok := w.Declaration(d.Declaration); ok {
		f, _ := s.cfg.Rules.Factor(decl.InstanceType)
		rec["DeductionInstanceNo"] = core.InstanceID(decl.ID, d.Instance)
		rec["DeductionRegionCode"], rec["DeductionSpecification"] = decl.RegionID, decl.InstanceType
		rec["DeductionCalculateFactor"] = number(f)
	}
	return rec
}

func (op *listResourcePackages) Apply(w *core.World) (any, *core.APIError) {
	ri, size, offset, aerr := checkList(op.ResourceType, op.MaxResults, op.NextToken, maxPackageResults)
	if aerr != nil {
		return nil, aerr
	}
	begin, aerr := parseTime("EffectiveTimeBegin", op.EffectiveTimeBegin)
	if aerr != nil {
		return nil, aerr
	}
	end, aerr := parseTime("EffectiveTimeEnd", op.EffectiveTimeEnd)
	if aerr != nil {
		return nil, aerr
	}
	status := deref(op.Status)
	switch status {
	case "", "NotEffective", "Effective", "FailedToCreate", "UsedUp", "Expired", "Refunded":
	default:
		return nil, errInvalidParameter("The specified Status %s is not valid.", status)
	}
	if !ri || (deref(op.Product) != "" && *op.Product != Product) {
		return recordPage{}, nil
	}
	var matched []*core.ReservedInstance
	for _, r := range slices.Backward(w.Sorted()) {
		if r.InactiveAt.IsZero() && r.Status != w.Lifecycle().Inactive &&
			!r.ExpiredTime.Before(w.Now.AddDate(0, -reachMonths, 0)) &&
			within(r.StartTime, begin, end) && (status == "" || packageStatus(w, r) == status) {
			matched = append(matched, r)
		}
	}
	page := recordPage{next: nextOffset(offset, size, len(matched))}
	if offset >= len(matched) {
		return page, nil
	}
	hour := w.Now.Truncate(time.Hour)
	l, err := w.Ledger(op.svc.cfg.Rules, op.svc.cfg.Prices, hour, hour.Add(time.Hour))
	if err != nil {
		return nil, errInternal(err)
	}
	rep, _ := l.Usage(usage.Hour, time.UTC)
	left := map[string]usage.Quantity{}
	for _, ru := range rep.Reservations {
		left[ru.Reservation.ID] = ru.Total.Unused()
	}
	for _, r := range matched[offset:min(offset+size, len(matched))] {
		page.records = append(page.records, op.svc.packageRecord(w, r, left[r.ID]))
	}
	return page, nil
}

// packageStatus: an RI is effective from its start to its expiry, and
// not yet while it is being created or before a deferred start.
func packageStatus(w *core.World, ri *core.ReservedInstance) string {
	switch {
	case ri.Status == w.Lifecycle().Expired:
		return "Expired"
	case ri.Status == w.Lifecycle().Creating || w.Now.Before(ri.StartTime):
		return "NotEffective"
	}
	return "Effective"
}

func (s *Service) packageRecord(w *core.World, ri *core.ReservedInstance, left usage.Quantity) map[string]any {
	f, _ := s.cfg.Rules.Factor(ri.InstanceType)
	quota := usage.Quantity(math.Round(f*1000)) * usage.Quantity(ri.InstanceAmount) * 3600
	return map[string]any{
		"InstanceNo": ri.ID, "InstanceName": ri.Name, "Product": Product, "ProductName": "ECS",
		"PackageType": "Periodic", "ResetPeriod": "Hour", "ResetByNaturalMonth": "false",
		"Status": packageStatus(w, ri), "RegionCode": ri.RegionID, "ZoneCode": ri.ZoneID,
		"ConfigurationCode": ri.InstanceType, "ConfigurationName": ri.InstanceType,
		"Specification": ri.InstanceType, "SpecificationUnit": "", "SpecCalculateFactor": number(f),
		"TotalAmount": amount(quota), "AvailableAmount": amount(left), "Unit": amountUnit,
		"EffectiveTime": ri.StartTime.UTC().Format(timeLayout), "ExpiryTime": ri.ExpiredTime.UTC().Format(timeLayout),
		"BillTime": ri.CreationTime.UTC().Format(timeLayout),
		"OwnerID":  accountID, "UserName": accountName, "SubjectNo": "",
	}
}

// The emulated account, as the records name it.
var (
	accountID   = strconv.Itoa(AccountID)
	accountName = "ecsmock"
)

// amount is a quantity in computing power × seconds.
func amount(q usage.Quantity) string { return number(q.FactorSeconds()) }

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
