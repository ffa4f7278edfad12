package ecsmock_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// What Volcengine RIs paid for, through Billing and its official SDK.

const utcLayout = "2006-01-02T15:04:05Z"

func utc(t time.Time) *string { return volcengine.String(t.UTC().Format(utcLayout)) }

// deductions lists every deduction record of [from, to), page after page.
func (e *volcEnv) deductions(t *testing.T, from, to time.Time, instanceNo string, pageSize int) []*billing.ListForListPackageUsageDetailsOutput {
	t.Helper()
	in := &billing.ListPackageUsageDetailsInput{
		ResourceType: volcengine.String("RI"), DeductBeginTime: utc(from), DeductEndTime: utc(to),
		MaxResults: volcengine.String(strconv.Itoa(pageSize)),
	}
	if instanceNo != "" {
		in.InstanceNo = volcengine.String(instanceNo)
	}
	var out []*billing.ListForListPackageUsageDetailsOutput
	for {
		page, err := e.billing.ListPackageUsageDetails(in)
		if err != nil {
			t.Fatalf("ListPackageUsageDetails: %v", err)
		}
		if len(page.List) > pageSize {
			t.Fatalf("a page of %d records, MaxResults %d", len(page.List), pageSize)
		}
		out = append(out, page.List...)
		if volcengine.StringValue(page.NextToken) == "" {
			return out
		}
		in.NextToken = page.NextToken
	}
}

func (e *volcEnv) packages(t *testing.T) map[string]*billing.ListForListResourcePackagesOutput {
	t.Helper()
	out, err := e.billing.ListResourcePackages(&billing.ListResourcePackagesInput{
		ResourceType: volcengine.String("RI"), MaxResults: volcengine.String("20"),
	})
	if err != nil {
		t.Fatalf("ListResourcePackages: %v", err)
	}
	got := map[string]*billing.ListForListResourcePackagesOutput{}
	for _, p := range out.List {
		got[volcengine.StringValue(p.InstanceNo)] = p
	}
	return got
}

func amountOf(t *testing.T, s *string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(volcengine.StringValue(s), 64)
	if err != nil {
		t.Fatalf("amount %q: %v", volcengine.StringValue(s), err)
	}
	return v
}

func (e *volcEnv) seedRI(t *testing.T, ri ecsmock.ReservedInstance) string {
	t.Helper()
	stored, err := e.mock.Seed(ecsmock.CloudVolcengine, ri)
	if err != nil {
		t.Fatal(err)
	}
	return stored.ID
}

func (e *volcEnv) declare(t *testing.T, zone, typ string, count int, from time.Time) string {
	t.Helper()
	id, err := e.mock.DeclareInstances(ecsmock.CloudVolcengine, ecsmock.Instances{ZoneID: zone, InstanceType: typ, Count: count, StartTime: from})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// The bar: a zonal RI of two ecs.g3i.large, one instance running
// for the last 10 days: each hour the RI deducts half its quota.
func TestVolcengineUtilisationOfAZonalRI(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	ri := e.seedRI(t, ecsmock.ReservedInstance{InstanceType: "ecs.g3i.large", InstanceAmount: 2, ZoneID: "cn-beijing-a", StartTime: T.Add(-20 * day)})
	decl := e.declare(t, "cn-beijing-a", "ecs.g3i.large", 1, T.Add(-10*day))
	records := e.deductions(t, T.Add(-10*day), T, ri, 50)
	if len(records) != 240 {
		t.Fatalf("%d records, want one an hour for 240 hours", len(records))
	}
	var quota, deducted float64
	for i, r := range records {
		quota += amountOf(t, r.BeforeAmount)
		deducted += amountOf(t, r.DeductionAmount)
		if want := T.Add(-time.Duration(i+1) * time.Hour); volcengine.StringValue(r.BeginTime) != *utc(want) {
			t.Fatalf("record %d begins %s, want %s (newest first)", i, volcengine.StringValue(r.BeginTime), *utc(want))
		}
		if amountOf(t, r.AfterAmount) != 7200 || amountOf(t, r.DeductionUseAmount) != 7200 || volcengine.StringValue(r.DeductionRatio) != "1" ||
			volcengine.StringValue(r.SpecCalculateFactor) != "2" || volcengine.StringValue(r.DeductionCalculateFactor) != "2" ||
			volcengine.StringValue(r.PackageType) != "Periodic" || volcengine.StringValue(r.DeductionSpecification) != "ecs.g3i.large" ||
			volcengine.StringValue(r.ZoneCode) != "cn-beijing-a" || volcengine.StringValue(r.DeductionInstanceNo) == "" {
			t.Fatalf("record %d: %s", i, r)
		}
	}
	if got := deducted / quota; got != 0.5 {
		t.Errorf("last 10 days: %v of the quota deducted, want 0.5", got)
	}
	// Over the last 20 days, the first ten deducted nothing: no records.
	if n := len(e.deductions(t, T.Add(-20*day), T, "", 50)); n != 240 {
		t.Errorf("%d records over 20 days, want 240", n)
	}
	p := e.packages(t)[ri]
	if p == nil || volcengine.StringValue(p.Status) != "Effective" || amountOf(t, p.TotalAmount) != 14400 ||
		amountOf(t, p.AvailableAmount) != 7200 || volcengine.StringValue(p.PackageType) != "Periodic" ||
		volcengine.StringValue(p.EffectiveTime) != *utc(T.Add(-20 * day)) {
		t.Fatalf("resource package: %s", p)
	}
	e.mock.RemoveInstances(decl)
	if p := e.packages(t)[ri]; amountOf(t, p.AvailableAmount) != 14400 {
		t.Errorf("with no instance, %s of the hour's quota is left, want all of it", volcengine.StringValue(p.AvailableAmount))
	}
}

// A modification on the emulated clock ends the source's deductions when
// its target's begin; the source leaves the resource packages.
func TestVolcengineUsageFollowsModification(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	src := e.seedRI(t, ecsmock.ReservedInstance{Name: "web", InstanceType: "ecs.g3i.large", InstanceAmount: 2, ZoneID: "cn-beijing-a", StartTime: T.Add(-2 * day)})
	e.declare(t, "cn-beijing-a", "ecs.g3i.large", 1, T.Add(-2*day))
	targets, err := e.modifyWith(&vecs.ModifyReservedInstancesInput{ReservedInstanceIds: volcengine.StringSlice([]string{src}), Description: volcengine.String("next")})
	if err != nil {
		t.Fatal(err)
	}
	ended, _ := e.mock.ReservedInstance(src)
	target, _ := e.mock.ReservedInstance(targets[0])
	if ended.InactiveAt.IsZero() || !ended.InactiveAt.Equal(target.StartTime) {
		t.Fatalf("source ends at %v, target starts at %v", ended.InactiveAt, target.StartTime)
	}
	e.mock.AdvanceClock(day)
	shared := 0.0
	for _, r := range e.deductions(t, T.Add(-2*day), T.Add(day), "", 50) {
		begin, _ := time.Parse(utcLayout, volcengine.StringValue(r.BeginTime))
		switch id := volcengine.StringValue(r.InstanceNo); {
		case id == src && begin.After(T), id == targets[0] && begin.Before(T):
			t.Errorf("%s deducts at %v", id, begin)
		case begin.Equal(T):
			shared += amountOf(t, r.DeductionAmount)
		}
	}
	if shared != 7200 {
		t.Errorf("the hour of the modification: %v deducted, want the instance's 7200, shared by source and target", shared)
	}
	if got := e.packages(t); got[src] != nil || got[targets[0]] == nil {
		t.Errorf("resource packages: %v", got)
	}
}

func TestVolcengineBillingUsageErrors(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	now := e.mock.Now()
	valid := func() map[string]any {
		return map[string]any{
			"ResourceType": "RI", "MaxResults": "10",
			"DeductBeginTime": *utc(now.Add(-day)), "DeductEndTime": *utc(now),
		}
	}
	for _, tc := range []struct {
		name   string
		field  string
		value  any
		code   string
		status int
	}{
		{"no ResourceType", "ResourceType", nil, "MissingParameter", 400},
		{"no MaxResults", "MaxResults", nil, "MissingParameter", 400},
		{"no DeductBeginTime", "DeductBeginTime", nil, "MissingParameter", 400},
		{"no DeductEndTime", "DeductEndTime", nil, "MissingParameter", 400},
		{"a resource type of no kind", "ResourceType", "Coupon", "InvalidParameter", 400},
		{"51 results", "MaxResults", "51", "InvalidParameter", 400},
		{"results as text", "MaxResults", "many", "InvalidParameter", 400},
		{"local time", "DeductBeginTime", now.Add(-day).Format("2006-01-02 15:04:05"), "InvalidParameter", 400},
		{"an offset", "DeductEndTime", now.In(time.FixedZone("UTC+8", 8*3600)).Format(time.RFC3339), "InvalidParameter", 400},
		{"end before begin", "DeductEndTime", *utc(now.Add(-2 * day)), "InvalidParameter", 400},
		{"older than 18 months", "DeductBeginTime", *utc(now.AddDate(0, -19, 0)), "InvalidParameter", 400},
		{"a bad token", "NextToken", "page-2", "InvalidParameter", 400},
	} {
		body := valid()
		if tc.value == nil {
			delete(body, tc.field)
		} else {
			body[tc.field] = tc.value
		}
		_, err := e.billing.ListPackageUsageDetailsCommon(&body)
		t.Run(tc.name, func(t *testing.T) { wantVolcCode(t, err, tc.code, tc.status) })
	}
	e.seedRI(t, ecsmock.ReservedInstance{InstanceType: "ecs.g3i.large", ZoneID: "cn-beijing-a", StartTime: now.Add(-2 * day)})
	e.declare(t, "cn-beijing-a", "ecs.g3i.large", 1, now.Add(-2*day))
	body := valid()
	body["MaxResults"] = 10 // a number, as clients other than the SDK may send it
	if out, err := e.billing.ListPackageUsageDetailsCommon(&body); err != nil || len(listOf(out)) != 10 {
		t.Errorf("MaxResults as a number: %v %v", out, err)
	}
	// The emulated account holds RIs only: no resource packages of the other kinds.
	body["ResourceType"] = "Package"
	if out, err := e.billing.ListPackageUsageDetailsCommon(&body); err != nil || len(listOf(out)) != 0 {
		t.Errorf("resource packages: %v %v", out, err)
	}
	for _, tc := range []struct {
		name string
		body map[string]any
		code string
	}{
		{"21 results", map[string]any{"ResourceType": "RI", "MaxResults": "21"}, "InvalidParameter"},
		{"no MaxResults", map[string]any{"ResourceType": "RI"}, "MissingParameter"},
		{"a status of no kind", map[string]any{"ResourceType": "RI", "MaxResults": "20", "Status": "Sleeping"}, "InvalidParameter"},
		{"a bad time", map[string]any{"ResourceType": "RI", "MaxResults": "20", "EffectiveTimeBegin": "yesterday"}, "InvalidParameter"},
	} {
		_, err := e.billing.ListResourcePackagesCommon(&tc.body)
		t.Run(tc.name, func(t *testing.T) { wantVolcCode(t, err, tc.code, 400) })
	}
	if out, err := e.billing.ListResourcePackagesCommon(&map[string]any{"ResourceType": "RI", "MaxResults": "20", "Status": "Expired"}); err != nil || len(listOf(out)) != 0 {
		t.Errorf("expired RIs: %v %v", out, err)
	}
}

// listOf is the List of a generic call's Result.
func listOf(out *map[string]any) []any {
	result, _ := (*out)["Result"].(map[string]any)
	list, _ := result["List"].([]any)
	return list
}

// Billing's usage calls are signed as every other Volcengine call.
func TestVolcengineBillingUsageSignature(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	forged := billing.New(e.session(t, ecsmock.DefaultAccessKeyID, "not-the-secret", "", volcRegion))
	_, err := forged.ListResourcePackages(&billing.ListResourcePackagesInput{ResourceType: volcengine.String("RI"), MaxResults: volcengine.String("20")})
	wantVolcCode(t, err, "SignatureDoesNotMatch", 401)
	if calls := e.mock.Calls(ecsmock.CloudVolcengine, "ListResourcePackages"); len(calls) != 1 || calls[0].Service != "billing" || calls[0].Status != 401 {
		t.Errorf("call log: %+v", calls)
	}
}
