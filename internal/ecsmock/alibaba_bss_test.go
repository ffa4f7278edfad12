package ecsmock_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	bssapi "github.com/alibabacloud-go/bssopenapi-20171214/v6/client"
	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// The utilisation and coverage of Alibaba RIs, through BSS OpenAPI and its
// official SDK, signed as for ECS.

// beijing is the calendar of Alibaba's bills.
var beijing = time.FixedZone("UTC+8", 8*3600)

// onTheHour returns the start of the emulator's current hour, moving the
// clock on first if the hour is about to end, so that a test's whole hours
// do not change under it.
func onTheHour(mock *ecsmock.Server) time.Time {
	now := mock.Now()
	if into := now.Sub(now.Truncate(time.Hour)); into > 55*time.Minute {
		mock.AdvanceClock(65*time.Minute - into)
	}
	return mock.Now().Truncate(time.Hour)
}

// bssPeriod renders a time as StartPeriod and EndPeriod want it.
func bssPeriod(t time.Time) *string { return tea.String(t.In(beijing).Format("2006-01-02 15:04:05")) }

func (e *env) bss(t *testing.T, secret string) *bssapi.Client {
	t.Helper()
	c, err := bssapi.NewClient(&openapiutil.Config{
		AccessKeyId: tea.String(ecsmock.DefaultAccessKeyID), AccessKeySecret: tea.String(secret),
		Endpoint: tea.String(e.host), Protocol: tea.String("http"), RegionId: tea.String(region), HttpClient: sdkHTTP,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// usageTotal asks for the total utilisation of every RI over [from, to).
func usageTotal(t *testing.T, c *bssapi.Client, from, to time.Time, period string) *bssapi.DescribeResourceUsageTotalResponseBodyData {
	t.Helper()
	resp, err := c.DescribeResourceUsageTotal(&bssapi.DescribeResourceUsageTotalRequest{
		StartPeriod: bssPeriod(from), EndPeriod: bssPeriod(to), PeriodType: tea.String(period), ResourceType: tea.String("RI"),
	})
	if err != nil {
		t.Fatalf("DescribeResourceUsageTotal: %v", err)
	}
	if !tea.BoolValue(resp.Body.Success) || tea.StringValue(resp.Body.Code) != "Success" {
		t.Fatalf("DescribeResourceUsageTotal answered %s", resp.Body)
	}
	return resp.Body.Data
}

// usageItems lists every item of DescribeResourceUsageDetail, page after page.
func usageItems(t *testing.T, c *bssapi.Client, from, to time.Time, period string, pageSize int32) []*bssapi.DescribeResourceUsageDetailResponseBodyDataItems {
	t.Helper()
	var items []*bssapi.DescribeResourceUsageDetailResponseBodyDataItems
	req := &bssapi.DescribeResourceUsageDetailRequest{
		StartPeriod: bssPeriod(from), EndPeriod: bssPeriod(to), PeriodType: tea.String(period), ResourceType: tea.String("RI"),
		MaxResults: tea.Int32(pageSize),
	}
	for {
		resp, err := c.DescribeResourceUsageDetail(req)
		if err != nil {
			t.Fatalf("DescribeResourceUsageDetail: %v", err)
		}
		items = append(items, resp.Body.Data.Items...)
		if tea.StringValue(resp.Body.Data.NextToken) == "" {
			if int(tea.Int32Value(resp.Body.Data.TotalCount)) != len(items) {
				t.Fatalf("TotalCount %d, but %d items", tea.Int32Value(resp.Body.Data.TotalCount), len(items))
			}
			return items
		}
		req.NextToken = resp.Body.Data.NextToken
	}
}

func coverageItems(t *testing.T, c *bssapi.Client, from, to time.Time, period string, pageSize int32) []*bssapi.DescribeResourceCoverageDetailResponseBodyDataItems {
	t.Helper()
	var items []*bssapi.DescribeResourceCoverageDetailResponseBodyDataItems
	req := &bssapi.DescribeResourceCoverageDetailRequest{
		StartPeriod: bssPeriod(from), EndPeriod: bssPeriod(to), PeriodType: tea.String(period), ResourceType: tea.String("RI"),
		MaxResults: tea.Int32(pageSize),
	}
	for {
		resp, err := c.DescribeResourceCoverageDetail(req)
		if err != nil {
			t.Fatalf("DescribeResourceCoverageDetail: %v", err)
		}
		items = append(items, resp.Body.Data.Items...)
		if tea.StringValue(resp.Body.Data.NextToken) == "" {
			if int(tea.Int32Value(resp.Body.Data.TotalCount)) != len(items) {
				t.Fatalf("TotalCount %d, but %d items", tea.Int32Value(resp.Body.Data.TotalCount), len(items))
			}
			return items
		}
		req.NextToken = resp.Body.Data.NextToken
	}
}

// perRI sums the detail items of each RI: reserved and used factor-hours.
func perRI(items []*bssapi.DescribeResourceUsageDetailResponseBodyDataItems) map[string][2]float64 {
	out := map[string][2]float64{}
	for _, it := range items {
		s := out[tea.StringValue(it.ResourceInstanceId)]
		s[0] += float64(tea.Float32Value(it.TotalQuantity))
		s[1] += float64(tea.Float32Value(it.DeductQuantity))
		out[tea.StringValue(it.ResourceInstanceId)] = s
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3*math.Max(1, math.Abs(b)) }

func (e *env) declare(t *testing.T, zone, typ string, count int, from time.Time) string {
	t.Helper()
	id, err := e.mock.DeclareInstances(ecsmock.CloudAlibaba, ecsmock.Instances{ZoneID: zone, InstanceType: typ, Count: count, StartTime: from})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (e *env) seed(t *testing.T, ri ecsmock.ReservedInstance) string {
	t.Helper()
	stored, err := e.mock.Seed(ecsmock.CloudAlibaba, ri)
	if err != nil {
		t.Fatal(err)
	}
	return stored.ID
}

// The bar: a zonal RI of two ecs.g6.large, one instance running
// for the last 10 days of its 20: half used over 10 days, a quarter over 20.
func TestBSSUtilisationOfAZonalRI(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	ri := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", InstanceAmount: 2, ZoneID: "cn-hangzhou-h", StartTime: T.Add(-20 * day)})
	e.declare(t, "cn-hangzhou-h", "ecs.g6.large", 1, T.Add(-10*day))
	c := e.bss(t, ecsmock.DefaultAccessKeySecret)

	for _, tc := range []struct {
		days   int
		period string
		want   float64
	}{{10, "DAY", 0.5}, {20, "DAY", 0.25}, {10, "HOUR", 0.5}, {20, "MONTH", 0.25}} {
		data := usageTotal(t, c, T.Add(-time.Duration(tc.days)*day), T, tc.period)
		if got := float64(tea.Float32Value(data.TotalUsage.UsagePercentage)); got != tc.want {
			t.Errorf("last %d days by %s: utilisation %v, want %v", tc.days, tc.period, got, tc.want)
		}
	}
	// Ten days at the default prices: ecs.g6.large costs 0.5 an hour, 0.3
	// reserved.
	data := usageTotal(t, c, T.Add(-10*day), T, "DAY")
	tu := data.TotalUsage
	for name, got := range map[string]float32{"ReservationCost": 144, "PostpaidCost": 120, "SavedCost": -24, "PotentialSavedCost": 96} {
		var have float32
		switch name {
		case "ReservationCost":
			have = tea.Float32Value(tu.ReservationCost)
		case "PostpaidCost":
			have = tea.Float32Value(tu.PostpaidCost)
		case "SavedCost":
			have = tea.Float32Value(tu.SavedCost)
		case "PotentialSavedCost":
			have = tea.Float32Value(tu.PotentialSavedCost)
		}
		if !near(float64(have), float64(got)) {
			t.Errorf("%s %v, want %v", name, have, got)
		}
	}
	for _, p := range data.PeriodCoverage {
		if len(tea.StringValue(p.Period)) != 10 || tea.Float32Value(p.UsagePercentage) != 0.5 {
			t.Errorf("period %s: %v, want yyyyMMddHH and 0.5", tea.StringValue(p.Period), tea.Float32Value(p.UsagePercentage))
		}
	}
	items := usageItems(t, c, T.Add(-10*day), T, "DAY", 20)
	if sums := perRI(items)[ri]; sums != [2]float64{960, 480} {
		t.Fatalf("detail of %s: %v factor-hours reserved and used, want 960 and 480", ri, sums)
	}
	it := items[0]
	if tea.StringValue(it.CapacityUnit) != "算力*小时" || tea.StringValue(it.Zone) != "cn-hangzhou-h" || tea.StringValue(it.RegionNo) != "cn-hangzhou" ||
		tea.StringValue(it.InstanceSpec) != "ecs.g6.large" || tea.Int64Value(it.Quantity) != 2 || tea.StringValue(it.ImageType) != "linux" ||
		tea.StringValue(it.Status) != "Valid" || tea.StringValue(it.Currency) != "CNY" || tea.StringValue(it.StartTime) != *bssPeriod(T.Add(-10 * day)) {
		t.Errorf("first item: %s", it)
	}
}

// The bar: a regional RI of one ecs.c6.2xlarge (factor 8) pays for
// four ecs.c6.large (factor 2) in two zones in full, and is half used by two.
func TestBSSUtilisationOfARegionalRI(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.c6.2xlarge", StartTime: T.Add(-30 * day)})
	h := e.declare(t, "cn-hangzhou-h", "ecs.c6.large", 2, T.Add(-30*day))
	i := e.declare(t, "cn-hangzhou-i", "ecs.c6.large", 2, T.Add(-30*day))
	c := e.bss(t, ecsmock.DefaultAccessKeySecret)
	if got := tea.Float32Value(usageTotal(t, c, T.Add(-10*day), T, "DAY").TotalUsage.UsagePercentage); got != 1 {
		t.Errorf("four instances: utilisation %v, want 1", got)
	}
	e.mock.RemoveInstances(h)
	e.mock.RemoveInstances(i)
	e.declare(t, "cn-hangzhou-h", "ecs.c6.large", 1, T.Add(-30*day))
	e.declare(t, "cn-hangzhou-i", "ecs.c6.large", 1, T.Add(-30*day))
	if got := tea.Float32Value(usageTotal(t, c, T.Add(-10*day), T, "DAY").TotalUsage.UsagePercentage); got != 0.5 {
		t.Errorf("two instances: utilisation %v, want 0.5", got)
	}
}

// Coverage per instance type and zone: an RI pays in its own zone only, so
// instances of its type in another zone run unreserved; an RI idle in zone
// H while instances of its family run in zone I covers nothing there and
// is not used at all.
func TestBSSCoverageByTypeAndZone(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	from := T.Add(-2 * day)
	idle := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.xlarge", ZoneID: "cn-hangzhou-h", StartTime: from})
	busy := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", InstanceAmount: 2, ZoneID: "cn-hangzhou-h", StartTime: from})
	e.declare(t, "cn-hangzhou-h", "ecs.g6.large", 1, from)
	e.declare(t, "cn-hangzhou-i", "ecs.g6.large", 2, from)
	e.declare(t, "cn-hangzhou-i", "ecs.g6.xlarge", 1, from)
	c := e.bss(t, ecsmock.DefaultAccessKeySecret)

	items := coverageItems(t, c, from, T, "DAY", 300)
	type group struct{ usage, covered float64 }
	groups := map[string]*group{}
	instances := map[string]bool{}
	for _, it := range items {
		key := tea.StringValue(it.InstanceSpec) + " in " + tea.StringValue(it.Zone)
		if groups[key] == nil {
			groups[key] = &group{}
		}
		groups[key].usage += float64(tea.Float32Value(it.TotalQuantity))
		groups[key].covered += float64(tea.Float32Value(it.DeductQuantity))
		instances[tea.StringValue(it.InstanceId)] = true
		if tea.StringValue(it.CommodityCode) != "ecs" || tea.StringValue(it.CapacityUnit) != "算力*小时" || !strings.HasPrefix(tea.StringValue(it.InstanceId), "i-") {
			t.Errorf("item: %s", it)
		}
	}
	if len(instances) != 4 {
		t.Errorf("%d instances in the coverage detail, want 4", len(instances))
	}
	for key, want := range map[string]float64{
		"ecs.g6.large in cn-hangzhou-h": 1, "ecs.g6.large in cn-hangzhou-i": 0, "ecs.g6.xlarge in cn-hangzhou-i": 0,
	} {
		g := groups[key]
		if g == nil || g.usage == 0 || g.covered/g.usage != want {
			t.Errorf("%s: %+v, want coverage %v", key, g, want)
		}
	}
	resp, err := c.DescribeResourceCoverageTotal(&bssapi.DescribeResourceCoverageTotalRequest{
		StartPeriod: bssPeriod(from), EndPeriod: bssPeriod(T), PeriodType: tea.String("HOUR"), ResourceType: tea.String("RI"),
	})
	if err != nil {
		t.Fatal(err)
	}
	// 2 of (2 + 2×2 + 4) factor units an hour are covered.
	total := resp.Body.Data.TotalCoverage
	if got := tea.Float32Value(total.CoveragePercentage); got != 0.2 || tea.Float32Value(total.TotalQuantity) != 10*48 ||
		tea.Float32Value(total.DeductQuantity) != 2*48 || len(resp.Body.Data.PeriodCoverage) != 48 {
		t.Errorf("coverage total: %s", resp.Body.Data)
	}
	used := perRI(usageItems(t, c, from, T, "DAY", 20))
	if used[idle][1] != 0 || used[idle][0] != 4*48 || used[busy][1] != 2*48 {
		t.Errorf("utilisation: idle %v, busy %v", used[idle], used[busy])
	}
}

// Modifications and expiries on the emulated clock end an RI's effect where
// the store's history says.
func TestBSSFollowsModificationAndExpiry(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	src := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.2xlarge", StartTime: T.Add(-2 * day)})
	lapsing := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.c6.large", ZoneID: "cn-hangzhou-i", StartTime: T.Add(-day), ExpiredTime: T.Add(day)})
	e.declare(t, "cn-hangzhou-h", "ecs.g6.xlarge", 2, T.Add(-3*day))
	e.declare(t, "cn-hangzhou-i", "ecs.c6.large", 1, T.Add(-3*day))
	targets, err := e.modify([]string{src}, zonal("ecs.g6.xlarge", 2, "cn-hangzhou-h"))
	if err != nil {
		t.Fatal(err)
	}
	ended, _ := e.mock.ReservedInstance(src)
	target, _ := e.mock.ReservedInstance(targets[0])
	if !ended.InactiveAt.Equal(target.StartTime) || !target.StartTime.Equal(T) {
		t.Fatalf("source ends at %v, target starts at %v; want both on the hour %v", ended.InactiveAt, target.StartTime, T)
	}
	e.mock.AdvanceClock(3 * day)
	c := e.bss(t, ecsmock.DefaultAccessKeySecret)
	sums := perRI(usageItems(t, c, T.Add(-2*day), T.Add(3*day), "HOUR", 300))
	// The regional source: factor 8 for 48 hours, all used by the two
	// ecs.g6.xlarge; its zonal target from then on;
	// the lapsing RI: factor 2 for the 48 hours to its expiry, 24 of them
	// in the window.
	for id, want := range map[string][2]float64{
		src: {8 * 48, 8 * 48}, targets[0]: {8 * 72, 8 * 72}, lapsing: {2 * 48, 2 * 48},
	} {
		if sums[id] != want {
			t.Errorf("%s: %v factor-hours, want %v", id, sums[id], want)
		}
	}
	for _, it := range usageItems(t, c, T, T.Add(2*day), "DAY", 20) {
		want := map[string]string{src: "Invalid", targets[0]: "Valid", lapsing: "Expired"}[tea.StringValue(it.ResourceInstanceId)]
		if tea.StringValue(it.Status) != want {
			t.Errorf("%s is %s, want %s", tea.StringValue(it.ResourceInstanceId), tea.StringValue(it.Status), want)
		}
	}
}

// Pages of MaxResults items, chained by NextToken until it is empty.
func TestBSSPaging(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	T := onTheHour(e.mock)
	e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", ZoneID: "cn-hangzhou-h", StartTime: T.Add(-day)})
	e.declare(t, "cn-hangzhou-h", "ecs.g6.large", 3, T.Add(-day))
	c := e.bss(t, ecsmock.DefaultAccessKeySecret)
	// Three instances for 24 hours: 72 items, in pages of 7.
	items := coverageItems(t, c, T.Add(-day), T, "HOUR", 7)
	seen := map[string]bool{}
	for _, it := range items {
		key := tea.StringValue(it.InstanceId) + "@" + tea.StringValue(it.StartTime)
		if seen[key] {
			t.Fatalf("item %s twice", key)
		}
		seen[key] = true
	}
	if len(items) != 72 {
		t.Fatalf("%d items, want 72", len(items))
	}
	if got := usageItems(t, c, T.Add(-day), T, "HOUR", 5); len(got) != 24 {
		t.Fatalf("%d usage items, want 24", len(got))
	}
	req := &bssapi.DescribeResourceUsageDetailRequest{
		StartPeriod: bssPeriod(T.Add(-day)), PeriodType: tea.String("HOUR"), ResourceType: tea.String("RI"), MaxResults: tea.Int32(5),
	}
	resp, err := c.DescribeResourceUsageDetail(req)
	if err != nil || tea.Int32Value(resp.Body.Data.MaxResults) != 5 || len(resp.Body.Data.Items) != 5 {
		t.Fatalf("first page: %v %v", resp, err)
	}
	req.NextToken, req.MaxResults = resp.Body.Data.NextToken, tea.Int32(6)
	_, err = c.DescribeResourceUsageDetail(req)
	wantCode(t, err, "InvalidParameter", 400)
	req.NextToken, req.MaxResults = tea.String("bm90IGEgdG9rZW4"), tea.Int32(5)
	_, err = c.DescribeResourceUsageDetail(req)
	wantCode(t, err, "InvalidParameter", 400)
}

func TestBSSErrors(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	c := e.bss(t, ecsmock.DefaultAccessKeySecret)
	now := e.mock.Now()
	valid := func() *bssapi.DescribeResourceUsageDetailRequest {
		return &bssapi.DescribeResourceUsageDetailRequest{
			StartPeriod: bssPeriod(now.Add(-day)), PeriodType: tea.String("DAY"), ResourceType: tea.String("RI"),
		}
	}
	for _, tc := range []struct {
		name   string
		edit   func(*bssapi.DescribeResourceUsageDetailRequest)
		code   string
		status int
	}{
		{"no StartPeriod", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.StartPeriod = nil }, "MissingParameter", 400},
		{"no PeriodType", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.PeriodType = nil }, "MissingParameter", 400},
		{"no ResourceType", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.ResourceType = nil }, "MissingParameter", 400},
		{"a date only", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.StartPeriod = tea.String("2026-03-01") }, "InvalidParameter", 400},
		{"RFC 3339", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.EndPeriod = tea.String(now.Format(time.RFC3339)) }, "InvalidParameter", 400},
		{"end before start", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.EndPeriod = bssPeriod(now.Add(-2 * day)) }, "InvalidParameter", 400},
		{"a week", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.PeriodType = tea.String("WEEK") }, "InvalidParameter", 400},
		{"lower case", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.PeriodType = tea.String("day") }, "InvalidParameter", 400},
		{"SCU", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.ResourceType = tea.String("SCU") }, "InvalidParameter", 400},
		{"savings plans", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.ResourceType = tea.String("SP") }, "InvalidParameter", 400},
		{"301 results", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.MaxResults = tea.Int32(301) }, "InvalidParameter", 400},
		{"no results", func(r *bssapi.DescribeResourceUsageDetailRequest) { r.MaxResults = tea.Int32(0) }, "InvalidParameter", 400},
	} {
		req := valid()
		tc.edit(req)
		_, err := c.DescribeResourceUsageDetail(req)
		t.Run(tc.name, func(t *testing.T) { wantCode(t, err, tc.code, tc.status) })
	}
	// Another account's bills hold nothing; the emulated account's hold
	// its RIs.
	e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", StartTime: now.Add(-2 * day)})
	for owner, want := range map[int64]int{1500000000000001: 1, 42: 0} {
		req := valid()
		req.BillOwnerId = tea.Int64(owner)
		resp, err := c.DescribeResourceUsageDetail(req)
		if err != nil || len(resp.Body.Data.Items) < want || (want == 0 && len(resp.Body.Data.Items) != 0) {
			t.Errorf("BillOwnerId %d: %v %v", owner, resp, err)
		}
	}
	// BSS is told from ECS by its version; an action of neither is not found.
	_, err := e.callAPI(t, "DescribeResourceUsageTotal", "2014-05-26")
	wantCode(t, err, "InvalidAction.NotFound", 404)
	_, err = e.callAPI(t, "DescribeReservedInstances", "2017-12-14")
	wantCode(t, err, "InvalidAction.NotFound", 404)
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) || !strings.Contains(tea.StringValue(sdkErr.Data), "product=BssOpenApi") {
		t.Errorf("a BSS error should recommend the BssOpenApi troubleshooter: %v", err)
	}
	if calls := e.mock.Calls(ecsmock.CloudAlibaba, "DescribeResourceUsageDetail"); len(calls) == 0 || calls[0].Service != "bssopenapi" {
		t.Errorf("call log: %+v", calls)
	}
}

// callAPI sends an action of a version through the generic client.
func (e *env) callAPI(t *testing.T, action, version string) (map[string]any, error) {
	t.Helper()
	c, err := openapi.NewClient(&openapiutil.Config{
		AccessKeyId: tea.String(ecsmock.DefaultAccessKeyID), AccessKeySecret: tea.String(ecsmock.DefaultAccessKeySecret),
		Endpoint: tea.String(e.host), Protocol: tea.String("http"), RegionId: tea.String(region), HttpClient: sdkHTTP,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c.CallApi(&openapiutil.Params{
		Action: tea.String(action), Version: tea.String(version), Protocol: tea.String("HTTP"), Pathname: tea.String("/"),
		Method: tea.String("POST"), AuthType: tea.String("AK"), Style: tea.String("RPC"), ReqBodyType: tea.String("formData"),
		BodyType: tea.String("json"),
	}, &openapiutil.OpenApiRequest{Query: map[string]*string{
		"StartPeriod": tea.String("2026-01-01 00:00:00"), "PeriodType": tea.String("DAY"), "ResourceType": tea.String("RI"),
	}}, &dara.RuntimeOptions{})
}

// BSS checks the same signatures as ECS.
func TestBSSSignature(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	req := &bssapi.DescribeResourceCoverageTotalRequest{
		StartPeriod: bssPeriod(e.mock.Now().Add(-day)), PeriodType: tea.String("DAY"), ResourceType: tea.String("RI"),
	}
	_, err := e.bss(t, "not-the-secret").DescribeResourceCoverageTotal(req)
	wantCode(t, err, "SignatureDoesNotMatch", 400)
	resp, err := e.bss(t, ecsmock.DefaultAccessKeySecret).DescribeResourceCoverageTotal(req)
	if err != nil {
		t.Fatal(err)
	}
	if p := resp.Body.Data.PeriodCoverage; len(p) < 1 || len(p) > 2 {
		t.Fatalf("a day's window by DAY: %d periods", len(p))
	}
}
