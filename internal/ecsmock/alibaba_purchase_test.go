package ecsmock_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
)

func TestAlibabaPurchaseDefaultsAndFields(t *testing.T) {
	e := start(t, ecsmock.Options{ActivationDelay: time.Minute})
	id := e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.ReservedInstanceName = tea.String("web-ri")
		r.Description = tea.String("for the web tier")
		r.Tag = []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("env"), Value: tea.String("prod")}}
	})
	if !strings.HasPrefix(id, "ecsri-") {
		t.Fatalf("ID %q lacks the ecsri- prefix", id)
	}
	ri := e.describe(t, id)[id]
	if got := tea.StringValue(ri.Status); got != "Creating" {
		t.Fatalf("a fresh purchase should be Creating, got %s", got)
	}
	// The service reports Scope and Platform in lower case; clients must cope.
	if tea.StringValue(ri.Scope) != "region" || tea.StringValue(ri.Platform) != "linux" {
		t.Fatalf("scope/platform = %s/%s", tea.StringValue(ri.Scope), tea.StringValue(ri.Platform))
	}
	if tea.StringValue(ri.OfferingType) != "All Upfront" || tea.Int32Value(ri.InstanceAmount) != 2 {
		t.Fatalf("defaults not applied: %+v", ri)
	}
	if tea.StringValue(ri.ReservedInstanceName) != "web-ri" || tea.StringValue(ri.Description) != "for the web tier" {
		t.Fatalf("name/description lost: %+v", ri)
	}
	if len(ri.Tags.Tag) != 1 || tea.StringValue(ri.Tags.Tag[0].TagKey) != "env" {
		t.Fatalf("tags lost: %+v", ri.Tags)
	}
	start, _ := time.Parse("2006-01-02T15:04Z", tea.StringValue(ri.StartTime))
	expired, _ := time.Parse("2006-01-02T15:04Z", tea.StringValue(ri.ExpiredTime))
	// One year from the start day, ending at 24:00 of the last day.
	if want := time.Date(start.Year()+1, start.Month(), start.Day()+1, 0, 0, 0, 0, time.UTC); !expired.Equal(want) {
		t.Fatalf("expired %s, want %s for start %s", expired, want, start)
	}
	e.mock.AdvanceClock(time.Minute)
	if got := tea.StringValue(e.describe(t, id)[id].Status); got != "Active" {
		t.Fatalf("after the activation delay the RI should be Active, got %s", got)
	}
}

func TestAlibabaPurchaseRejectsEveryDocumentedMistake(t *testing.T) {
	e := start(t, ecsmock.Options{})
	long := strings.Repeat("a", 129)
	cases := []struct {
		name   string
		edit   func(*ecs.PurchaseReservedInstancesOfferingRequest)
		code   string
		status int
	}{
		{"no region", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.RegionId = nil }, "MissingParameter", 400},
		{"unknown region", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.RegionId = tea.String("mars-1") }, "InvalidRegionId.NotFound", 404},
		{"no type", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.InstanceType = nil }, "MissingParameter.InstanceType", 403},
		{"unknown type", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.InstanceType = tea.String("ecs.g5.5xlarge") }, "InvalidInstanceType.ValueNotSupported", 400},
		{"amount 0", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.InstanceAmount = tea.Int32(0) }, "InvalidInstanceAmount.ValueNotSupported", 403},
		{"amount 51", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.InstanceAmount = tea.Int32(51) }, "InvalidInstanceAmount.ValueNotSupported", 403},
		{"bad scope", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Scope = tea.String("Global") }, "InvalidScope.ValueNotSupported", 403},
		{"zone scope without zone", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Scope = tea.String("Zone") }, "MissingParameter.ZoneId", 403},
		{"zone with region scope", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ZoneId = tea.String("cn-hangzhou-h") }, "InvalidParameter.NotMatch", 403},
		{"unknown zone", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-beijing-a")
		}, "InvalidZoneId.NotFound", 404},
		{"zone not on sale", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-hangzhou-b")
		}, "Zone.NotOnSale", 403},
		{"zonal-only family bought regionally", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.InstanceType = tea.String("ecs.gn6i-c4g1.xlarge")
		}, "InvalidParameter.Scope", 403},
		{"platform", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Platform = tea.String("BSD") }, "InvalidReservedInstancePlatform.ValueNotSupported", 403},
		{"offering type", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.OfferingType = tea.String("AllUpfront") }, "InvalidReservedInstanceOfferingType.ValueNotSupported", 403},
		{"period unit", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.PeriodUnit = tea.String("Week") }, "InvalidPeriodUnit.ValueNotSupported", 400},
		{"period", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Period = tea.Int32(2) }, "InvalidParameter.Period", 400},
		{"month period", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Period, r.PeriodUnit = tea.Int32(6), tea.String("Month")
		}, "InvalidParameter.Period", 400},
		{"name too short", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ReservedInstanceName = tea.String("a") }, "InvalidReservedInstanceName.Malformed", 403},
		{"name too long", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ReservedInstanceName = tea.String(long) }, "InvalidReservedInstanceName.Malformed", 403},
		{"name starts with digit", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ReservedInstanceName = tea.String("1ri") }, "InvalidReservedInstanceName.Malformed", 403},
		{"name with dot", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ReservedInstanceName = tea.String("ri.one") }, "InvalidReservedInstanceName.Malformed", 403},
		{"name is a URL", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ReservedInstanceName = tea.String("http://x") }, "InvalidReservedInstanceName.Malformed", 403},
		{"description too short", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Description = tea.String("x") }, "InvalidDescription.Malformed", 400},
		{"description is a URL", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Description = tea.String("https://example.com")
		}, "InvalidDescription.Malformed", 400},
		{"tag key acs:", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Tag = []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("acs:x"), Value: tea.String("v")}}
		}, "InvalidTagKey.Malformed", 400},
		{"tag key aliyun", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Tag = []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("aliyunx"), Value: tea.String("v")}}
		}, "InvalidTagKey.Malformed", 400},
		{"tag value too long", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Tag = []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("k"), Value: tea.String(long)}}
		}, "InvalidTagValue.Malformed", 400},
		{"21 tags", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			for i := range 21 {
				r.Tag = append(r.Tag, &ecs.PurchaseReservedInstancesOfferingRequestTag{Key: tea.String("k" + string(rune('a'+i))), Value: tea.String("v")})
			}
		}, "InvalidTagCount", 400},
		{"client token too long", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.ClientToken = tea.String(strings.Repeat("t", 65))
		}, "InvalidClientToken.Malformed", 400},
		{"client token not ASCII", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ClientToken = tea.String("令牌") }, "InvalidClientToken.Malformed", 400},
		{"start time format", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.StartTime = tea.String("2030-01-01") }, "InvalidStartTime.Malformed", 400},
		{"start time in the past", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.StartTime = tea.String("2001-01-01T00Z") }, "InvalidStartTime.Malformed", 400},
		{"start time on a zonal RI", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Scope, r.ZoneId, r.StartTime = tea.String("Zone"), tea.String("cn-hangzhou-h"), tea.String("2099-01-01T00Z")
		}, "InvalidStartTime.ScopeNotMatch", 400},
		{"auto-renew period", func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.AutoRenew, r.AutoRenewPeriod = tea.Bool(true), tea.Int32(24)
		}, "InvalidAutoRenewPeriod.ValueNotSupported", 400},
		{"resource group", func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ResourceGroupId = tea.String("group1") }, "InvalidResourceGroupId.NotFound", 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := &ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large")}
			tc.edit(req)
			_, err := e.ecs.PurchaseReservedInstancesOffering(req)
			wantCode(t, err, tc.code, tc.status)
		})
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)); n != 0 {
		t.Fatalf("rejected purchases bought %d RIs", n)
	}
}

func TestAlibabaPurchaseAcceptsDocumentedExtremes(t *testing.T) {
	e := start(t, ecsmock.Options{})
	e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.InstanceAmount = tea.Int32(50)
		r.ReservedInstanceName = tea.String("预留:实例_券-1")
		r.Description = tea.String(strings.Repeat("d", 256))
		r.Period, r.PeriodUnit = tea.Int32(3), tea.String("Year")
		r.OfferingType, r.Platform = tea.String("No Upfront"), tea.String("Windows")
		r.ClientToken = tea.String(strings.Repeat("t", 64))
		r.StartTime = tea.String(time.Now().UTC().Add(48 * time.Hour).Format("2006-01-02T15Z"))
		r.AutoRenew, r.AutoRenewPeriod = tea.Bool(true), tea.Int32(36)
	})
	e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-hangzhou-i")
		r.InstanceType = tea.String("ecs.gn6i-c4g1.xlarge")
		r.Period, r.PeriodUnit = tea.Int32(1), tea.String("Month")
	})
}

func TestAlibabaPurchaseClientTokenIsIdempotent(t *testing.T) {
	e := start(t, ecsmock.Options{})
	withToken := func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.ClientToken = tea.String("tok-1") }
	first := e.purchase(t, withToken)
	second := e.purchase(t, withToken)
	if first != second {
		t.Fatalf("same token bought twice: %s and %s", first, second)
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)); n != 1 {
		t.Fatalf("want 1 RI, got %d", n)
	}
	_, err := e.ecs.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{
		RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.xlarge"), ClientToken: tea.String("tok-1"),
	})
	wantCode(t, err, "IdempotentParameterMismatch", 400)
	calls := e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
	if len(calls) != 3 || !calls[1].Replayed || calls[0].Replayed {
		t.Fatalf("call log should show one purchase, one replay, one mismatch: %+v", calls)
	}
}

func TestAlibabaPurchaseQuotasAndStock(t *testing.T) {
	e := start(t, ecsmock.Options{Alibaba: alibaba.Options{RegionalQuota: 2, ZonalQuota: 1}})
	e.purchase(t, nil)
	e.purchase(t, nil)
	_, err := e.ecs.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large")})
	wantCode(t, err, "QuotaExceed.ReservedInstance", 403)

	zonal := func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-hangzhou-h")
	}
	e.purchase(t, zonal)
	req := &ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large")}
	zonal(req)
	_, err = e.ecs.PurchaseReservedInstancesOffering(req)
	wantCode(t, err, "QuotaExceed.ReservedInstance", 403)
	req.ZoneId = tea.String("cn-hangzhou-i")
	e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.g5.large", false)
	_, err = e.ecs.PurchaseReservedInstancesOffering(req)
	wantCode(t, err, "OperationDenied.NoStock", 403)
	e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.g5.large", true)
	if _, err = e.ecs.PurchaseReservedInstancesOffering(req); err != nil {
		t.Fatalf("stock restored, purchase should pass: %v", err)
	}
}

func TestAlibabaParallelClients(t *testing.T) {
	e := start(t, ecsmock.Options{Alibaba: alibaba.Options{RegionalQuota: 1000}})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := e.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil)
			for i := range 8 {
				_, err := c.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"),
					ClientToken: tea.String(string(rune('a'+w)) + "-" + string(rune('a'+i)))})
				if err != nil {
					errs <- err
				}
				if err := describeAll(c); err != nil {
					errs <- err
				}
				e.mock.AdvanceClock(time.Second)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)); n != 64 {
		t.Fatalf("64 distinct purchases made %d RIs", n)
	}
}
