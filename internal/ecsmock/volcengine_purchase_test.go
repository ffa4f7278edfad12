package ecsmock_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	volcdialect "github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

func TestVolcenginePurchaseFieldsAndLifecycle(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{ActivationDelay: time.Minute, Volcengine: volcdialect.Options{Projects: []string{"web"}}})
	if err := e.mock.AddHpcCluster(ecsmock.CloudVolcengine, "hpc-1", "cn-beijing-b"); err != nil {
		t.Fatal(err)
	}
	out, err := e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.InstanceTypeId, in.InstanceCount = volcengine.String("ecs.c3i.2xlarge"), volcengine.Int32(3)
		in.ReservedInstanceName, in.Description = volcengine.String("预留-web_1"), volcengine.String("for the web tier")
		in.ZoneId, in.HpcClusterId = volcengine.String("cn-beijing-b"), volcengine.String("hpc-1")
		in.Period, in.PeriodUnit = volcengine.Int32(6), volcengine.String("Month")
		in.ProjectName, in.RegionId, in.Scope = volcengine.String("web"), volcengine.String(volcRegion), volcengine.String("ZonalRI")
		in.AutoRenew, in.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(3)
		in.Tags = []*vecs.TagForPurchaseReservedInstancesInput{{Key: volcengine.String("env"), Value: volcengine.String("prod")}, {Key: volcengine.String("empty")}}
	}))
	if err != nil {
		t.Fatal(err)
	}
	id := volcengine.StringValue(out.ReservedInstanceId)
	if !strings.HasPrefix(id, "ecsri-") || len(id) != 26 {
		t.Fatalf("ID %q is not ecsri- and 20 characters", id)
	}
	meta := out.Metadata
	if meta == nil || meta.Action != "PurchaseReservedInstances" || meta.Version != "2020-04-01" || meta.Service != "ecs" || meta.Region != volcRegion || meta.RequestId == "" {
		t.Fatalf("ResponseMetadata: %+v", meta)
	}
	ri := e.describe(t, id)[id]
	checks := map[string][2]string{
		"Status":         {volcengine.StringValue(ri.Status), "CREATING"},
		"InstanceTypeId": {volcengine.StringValue(ri.InstanceTypeId), "ecs.c3i.2xlarge"},
		"Name":           {volcengine.StringValue(ri.ReservedInstanceName), "预留-web_1"},
		"Description":    {volcengine.StringValue(ri.Description), "for the web tier"},
		"ZoneId":         {volcengine.StringValue(ri.ZoneId), "cn-beijing-b"},
		"RegionId":       {volcengine.StringValue(ri.RegionId), volcRegion},
		"Scope":          {volcengine.StringValue(ri.Scope), "ZonalRI"},
		"ProjectName":    {volcengine.StringValue(ri.ProjectName), "web"},
		"HpcClusterId":   {volcengine.StringValue(ri.HpcClusterId), "hpc-1"},
		"SupportModify":  {volcengine.StringValue(ri.SupportModify), "SizeSupport"},
		"OfferingType":   {volcengine.StringValue(ri.OfferingType), "AllUpfront"},
		"InstanceCount":  {fmt.Sprint(volcengine.Int32Value(ri.InstanceCount)), "3"},
		"Tags":           {fmt.Sprint(len(ri.Tags)), "2"},
	}
	for field, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", field, c[0], c[1])
		}
	}
	start, err1 := time.Parse(time.RFC3339, volcengine.StringValue(ri.StartAt))
	expired, err2 := time.Parse(time.RFC3339, volcengine.StringValue(ri.ExpiredAt))
	if _, err3 := time.Parse(time.RFC3339, volcengine.StringValue(ri.CreatedAt)); err1 != nil || err2 != nil || err3 != nil {
		t.Fatalf("times are not RFC 3339: %v %v %v", err1, err2, err3)
	}
	// Six months, ending at 24:00 UTC of the last day.
	if d := expired.Sub(start); d < 180*24*time.Hour || d > 185*24*time.Hour || expired.Hour() != 0 || expired.Minute() != 0 {
		t.Errorf("6 months from %s should end at a midnight about 6 months on, got %s", start, expired)
	}
	// Describe has no auto-renew field; the inventory and Billing have it.
	stored, _ := e.mock.ReservedInstance(id)
	if stored.Cloud != ecsmock.CloudVolcengine || stored.RenewType != "AutoRenewal" || !stored.AutoRenew || stored.AutoRenewDuration != 3 || stored.AutoRenewUnit != "Month" {
		t.Fatalf("inventory renewal state: %+v", stored)
	}
	e.mock.AdvanceClock(time.Minute)
	if s := e.status(t, id); s != "ACTIVE" {
		t.Fatalf("after the activation delay: %s", s)
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "PurchaseReservedInstances"); n != 1 {
		t.Fatalf("call log counts %d purchases", n)
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)); n != 0 {
		t.Fatalf("a Volcengine RI must not appear among Alibaba's: %d", n)
	}
}

func TestVolcenginePurchaseDefaults(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	// The SDK sends ClientToken on its own; everything else is defaulted.
	out, err := e.ecs.PurchaseReservedInstances(&vecs.PurchaseReservedInstancesInput{
		InstanceTypeId: volcengine.String("ecs.g3i.large"), ReservedInstanceName: volcengine.String("r"), ZoneId: volcengine.String("cn-beijing-c"),
		InstanceCount: volcengine.Int32(0),
	})
	if err != nil {
		t.Fatal(err)
	}
	id := volcengine.StringValue(out.ReservedInstanceId)
	ri, _ := e.mock.ReservedInstance(id)
	if ri.Scope != "ZonalRI" || ri.InstanceAmount != 1 || ri.ProjectName != "default" || ri.AutoRenew || ri.RenewType != "ManualRenewal" {
		t.Fatalf("defaults: %+v", ri)
	}
	if months := ri.ExpiredTime.Sub(ri.StartTime); months < 28*24*time.Hour || months > 33*24*time.Hour {
		t.Fatalf("the default term is one month, got %s", months)
	}
	calls := e.mock.Calls(ecsmock.CloudVolcengine, "PurchaseReservedInstances")
	if len(calls) != 1 || calls[0].Params["ClientToken"] == "" || calls[0].Service != "ecs" || calls[0].Cloud != ecsmock.CloudVolcengine {
		t.Fatalf("the call log should show the SDK's own ClientToken: %+v", calls)
	}
}

func TestVolcenginePurchaseRejectsEveryDocumentedMistake(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	if err := e.mock.AddHpcCluster(ecsmock.CloudVolcengine, "hpc-b", "cn-beijing-b"); err != nil {
		t.Fatal(err)
	}
	type in = vecs.PurchaseReservedInstancesInput
	tags := func(n int) []*vecs.TagForPurchaseReservedInstancesInput {
		var out []*vecs.TagForPurchaseReservedInstancesInput
		for i := range n {
			out = append(out, &vecs.TagForPurchaseReservedInstancesInput{Key: volcengine.String(fmt.Sprintf("k%d", i)), Value: volcengine.String("v")})
		}
		return out
	}
	tag := func(k, v string) []*vecs.TagForPurchaseReservedInstancesInput {
		return []*vecs.TagForPurchaseReservedInstancesInput{{Key: volcengine.String(k), Value: volcengine.String(v)}}
	}
	cases := []struct {
		name   string
		edit   func(*in)
		code   string
		status int
	}{
		{"no type", func(r *in) { r.InstanceTypeId = volcengine.String("") }, "MissingParameter.InstanceTypeId", 400},
		{"unknown type", func(r *in) { r.InstanceTypeId = volcengine.String("ecs.g3i.5xlarge") }, "InvalidInstanceType.NotFound", 404},
		{"type that cannot be reserved", func(r *in) { r.InstanceTypeId = volcengine.String("ecs.e-c1m2.large") }, "InvalidInstanceTypeForCreateReservedInstance.Unsupported", 400},
		{"no name", func(r *in) { r.ReservedInstanceName = volcengine.String("") }, "MissingParameter.ReservedInstanceName", 400},
		{"name starts with a digit", func(r *in) { r.ReservedInstanceName = volcengine.String("1ri") }, "InvalidReservedInstanceName.Malformed", 400},
		{"name starts with -", func(r *in) { r.ReservedInstanceName = volcengine.String("-ri") }, "InvalidReservedInstanceName.Malformed", 400},
		{"name starts with _", func(r *in) { r.ReservedInstanceName = volcengine.String("_ri") }, "InvalidReservedInstanceName.Malformed", 400},
		{"name with a dot", func(r *in) { r.ReservedInstanceName = volcengine.String("ri.one") }, "InvalidReservedInstanceName.Malformed", 400},
		{"name too long", func(r *in) { r.ReservedInstanceName = volcengine.String(strings.Repeat("r", 129)) }, "InvalidReservedInstanceName.Malformed", 400},
		{"scope", func(r *in) { r.Scope = volcengine.String("Zone") }, "InvalidScope.Malformed", 400},
		{"zonal without zone", func(r *in) { r.ZoneId = nil }, "MissingParameter.ZoneId", 400},
		{"zone of another region", func(r *in) { r.ZoneId = volcengine.String("cn-shanghai-a") }, "InvalidZone.NotFound", 404},
		{"regional without RegionId", func(r *in) { r.Scope, r.ZoneId = volcengine.String("RegionalRI"), nil }, "MissingParameter.RegionId", 400},
		{"regional with a zone", func(r *in) { r.Scope, r.RegionId = volcengine.String("RegionalRI"), volcengine.String(volcRegion) }, "InvalidParameter", 400},
		{"unknown RegionId", func(r *in) { r.RegionId = volcengine.String("mars-1") }, "InvalidRegion.NotFound", 404},
		{"RegionId of another endpoint", func(r *in) { r.RegionId = volcengine.String("cn-shanghai") }, "InvalidParameter", 400},
		{"count below 0", func(r *in) { r.InstanceCount = volcengine.Int32(-1) }, "LimitExceeded.MinimumInstanceCount", 400},
		{"count above 100", func(r *in) { r.InstanceCount = volcengine.Int32(101) }, "LimitExceeded.MaximumInstanceCount", 400},
		{"period 10", func(r *in) { r.Period = volcengine.Int32(10) }, "InvalidPeriod", 400},
		{"period 0", func(r *in) { r.Period = volcengine.Int32(0) }, "InvalidPeriod", 400},
		{"period unit Year", func(r *in) { r.PeriodUnit = volcengine.String("Year") }, "InvalidPeriodUnit", 400},
		{"auto-renew period 4", func(r *in) { r.AutoRenew, r.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(4) }, "InvalidAutoRenewPeriod", 400},
		{"unknown project", func(r *in) { r.ProjectName = volcengine.String("team-x") }, "InvalidProject.NotFound", 404},
		{"malformed project", func(r *in) { r.ProjectName = volcengine.String("a b") }, "InvalidProjectName.Malformed", 400},
		{"unknown HPC cluster", func(r *in) { r.HpcClusterId = volcengine.String("hpc-nope") }, "InvalidHpcCluster.NotFound", 404},
		{"HPC cluster of another zone", func(r *in) { r.HpcClusterId = volcengine.String("hpc-b") }, "InvalidHpcCluster.NotFound", 404},
		{"21 tags", func(r *in) { r.Tags = tags(21) }, "LimitExceeded.MaximumTags", 400},
		{"tag key volc:", func(r *in) { r.Tags = tag("volc:x", "v") }, "InvalidTagKey.Malformed", 400},
		{"tag key SYS:", func(r *in) { r.Tags = tag("SYS:x", "v") }, "InvalidTagKey.Malformed", 400},
		{"tag key with #", func(r *in) { r.Tags = tag("a#b", "v") }, "InvalidTagKey.Malformed", 400},
		{"tag key too long", func(r *in) { r.Tags = tag(strings.Repeat("k", 129), "v") }, "InvalidTagKey.Malformed", 400},
		{"tag value too long", func(r *in) { r.Tags = tag("k", strings.Repeat("v", 257)) }, "InvalidTagValue.Malformed", 400},
		{"tag value with #", func(r *in) { r.Tags = tag("k", "a#b") }, "InvalidTagValue.Malformed", 400},
		{"tag key twice", func(r *in) { r.Tags = append(tag("k", "1"), tag("k", "2")...) }, "InvalidTagKey.Conflict", 409},
		{"description too long", func(r *in) { r.Description = volcengine.String(strings.Repeat("d", 256)) }, "InvalidDescription.Malformed", 400},
		{"client token too long", func(r *in) { r.ClientToken = volcengine.String(strings.Repeat("t", 65)) }, "InvalidClientToken.Malformed", 400},
		{"client token not ASCII", func(r *in) { r.ClientToken = volcengine.String("令牌") }, "InvalidClientToken.Malformed", 400},
		{"effective at, not a time", func(r *in) { r.EffectiveAt = volcengine.String("tomorrow") }, "InvalidEffectiveAt.Malformed", 400},
		{"effective at, in the past", func(r *in) { r.EffectiveAt = volcengine.String("2001-01-01T00:00:00Z") }, "InvalidEffectiveAt.Malformed", 400},
		{"reserved storage capacity", func(r *in) { r.ReservedCapacity = volcengine.Int32(100) }, "Insufficient.VolumePoolCapacity", 500},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.ecs.PurchaseReservedInstances(purchaseInput(tc.edit))
			wantVolcCode(t, err, tc.code, tc.status)
		})
	}
	raw := []struct {
		name   string
		params map[string]any
		code   string
	}{
		{"count not a number", map[string]any{"InstanceCount": "two"}, "InvalidCount.Malformed"},
		{"period not a number", map[string]any{"Period": "a year"}, "InvalidPeriod"},
		{"tag value without key", map[string]any{"Tags.1.Value": "v"}, "InvalidTagKey.Malformed"},
		{"auto-renew not a boolean", map[string]any{"AutoRenew": "yes"}, "InvalidParameter"},
	}
	for _, tc := range raw {
		t.Run(tc.name, func(t *testing.T) {
			params := map[string]any{"InstanceTypeId": "ecs.g3i.large", "ReservedInstanceName": "r", "ZoneId": "cn-beijing-a"}
			for k, v := range tc.params {
				params[k] = v
			}
			_, err := e.ecs.PurchaseReservedInstancesCommon(&params)
			wantVolcCode(t, err, tc.code, 400)
		})
	}
	other := e.ecsFor(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", "mars-1")
	_, err := other.PurchaseReservedInstances(purchaseInput(nil))
	wantVolcCode(t, err, "InvalidRegion.NotFound", 404)
	if n := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)); n != 0 {
		t.Fatalf("rejected purchases bought %d RIs", n)
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "PurchaseReservedInstances"); n != 0 {
		t.Fatalf("%d rejected purchases were logged as successful", n)
	}
}

func TestVolcenginePurchaseAcceptsDocumentedExtremes(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{Volcengine: volcdialect.Options{ZonalVCPUQuota: 1000}})
	var tags []*vecs.TagForPurchaseReservedInstancesInput
	for i := range 20 {
		tags = append(tags, &vecs.TagForPurchaseReservedInstancesInput{Key: volcengine.String(fmt.Sprintf("Ключ 键 %d_.:/=+-@", i)), Value: volcengine.String(strings.Repeat("v", 256))})
	}
	big := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.InstanceCount, in.Period = volcengine.Int32(100), volcengine.Int32(36)
		in.ReservedInstanceName = volcengine.String("预" + strings.Repeat("留", 127))
		in.Description = volcengine.String(strings.Repeat("d", 255))
		in.ClientToken = volcengine.String(strings.Repeat("t", 64))
		in.AutoRenew, in.AutoRenewPeriod = volcengine.Bool(false), volcengine.Int32(4) // ignored: auto-renew is off
		in.Tags = tags
	})
	ahead := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Second)
	regional := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.Scope, in.ZoneId, in.RegionId = volcengine.String("RegionalRI"), nil, volcengine.String(volcRegion)
		in.EffectiveAt = volcengine.String(ahead.Format(time.RFC3339))
		in.AutoRenew, in.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(12)
	})
	got := e.describe(t, big, regional)
	if volcengine.Int32Value(got[big].InstanceCount) != 100 || len(got[big].Tags) != 20 {
		t.Fatalf("extremes not stored: %+v", got[big])
	}
	if volcengine.StringValue(got[regional].Scope) != "RegionalRI" || volcengine.StringValue(got[regional].ZoneId) != "" ||
		volcengine.StringValue(got[regional].StartAt) != ahead.Format(time.RFC3339) {
		t.Fatalf("regional RI bought ahead: %+v", got[regional])
	}
	for _, period := range []int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36} {
		e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.Period = volcengine.Int32(period) })
	}
	for _, arp := range []int32{1, 2, 3, 6, 12} {
		e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
			in.AutoRenew, in.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(arp)
		})
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)); n != 19 {
		t.Fatalf("want 19 RIs, got %d", n)
	}
}

func TestVolcenginePurchaseClientTokenIsIdempotent(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	token := volcengine.String("same-token")
	first := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.ClientToken = token })
	second := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.ClientToken = token })
	if first != second {
		t.Fatalf("the same token bought twice: %s and %s", first, second)
	}
	_, err := e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.ClientToken, in.InstanceCount = token, volcengine.Int32(2)
	}))
	wantVolcCode(t, err, "IdempotentParameterMismatch", 400)
	if n := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)); n != 1 {
		t.Fatalf("want 1 RI, got %d", n)
	}
	calls := e.mock.Calls(ecsmock.CloudVolcengine, "PurchaseReservedInstances")
	if len(calls) != 3 || calls[0].Replayed || !calls[1].Replayed || calls[2].Code != "IdempotentParameterMismatch" {
		t.Fatalf("call log: %+v", calls)
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "PurchaseReservedInstances"); n != 1 {
		t.Fatalf("a replay is not a purchase: counted %d", n)
	}
}

func TestVolcengineQuotasAndStock(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	// 200 vCPUs per zone for zonal RIs: 6 × 32 + 8 = 200 fit, 2 more do not.
	e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.InstanceTypeId, in.InstanceCount = volcengine.String("ecs.g3i.8xlarge"), volcengine.Int32(6)
	})
	e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.InstanceTypeId = volcengine.String("ecs.r3i.2xlarge")
	})
	_, err := e.ecs.PurchaseReservedInstances(purchaseInput(nil))
	wantVolcCode(t, err, "QuotaExceeded.MaximumReservedInstanceCpus", 400)
	// Another zone, and the regional pool, are separate.
	e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.ZoneId = volcengine.String("cn-beijing-b") })
	regional := func(in *vecs.PurchaseReservedInstancesInput) {
		in.Scope, in.ZoneId, in.RegionId = volcengine.String("RegionalRI"), nil, volcengine.String(volcRegion)
		in.InstanceTypeId, in.InstanceCount = volcengine.String("ecs.c3i.8xlarge"), volcengine.Int32(6)
	}
	e.buy(t, regional)
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(regional))
	wantVolcCode(t, err, "QuotaExceeded.MaximumReservedInstanceCpus", 400)

	e.mock.SetStock(ecsmock.CloudVolcengine, "cn-beijing-c", "ecs.g3i.large", false)
	soldOut := func(in *vecs.PurchaseReservedInstancesInput) { in.ZoneId = volcengine.String("cn-beijing-c") }
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(soldOut))
	wantVolcCode(t, err, "Insufficient.InstanceCapacity", 500)
	// Alibaba's stock is another matter.
	e.mock.SetStock(ecsmock.CloudAlibaba, "cn-beijing-c", "ecs.g3i.large", true)
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(soldOut))
	wantVolcCode(t, err, "Insufficient.InstanceCapacity", 500)
	e.mock.SetStock(ecsmock.CloudVolcengine, "cn-beijing-c", "ecs.g3i.large", true)
	e.buy(t, soldOut)
	e.mock.SetStock(ecsmock.CloudVolcengine, "*", "ecs.r3i.large", false)
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.Scope, in.ZoneId, in.RegionId = volcengine.String("RegionalRI"), nil, volcengine.String(volcRegion)
		in.InstanceTypeId = volcengine.String("ecs.r3i.large")
	}))
	wantVolcCode(t, err, "Insufficient.InstanceCapacity", 500)
}

func TestVolcengineConfigurableQuotas(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{Volcengine: volcdialect.Options{ZonalVCPUQuota: 4, RegionalVCPUQuota: 8,
		ReservedInstanceQuota: 3, InstanceTypeQuota: 2}})
	e.buy(t, nil)
	e.buy(t, nil)
	_, err := e.ecs.PurchaseReservedInstances(purchaseInput(nil))
	wantVolcCode(t, err, "QuotaExceeded.MaximumReservedInstanceCpus", 400)
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.ZoneId = volcengine.String("cn-beijing-b")
	}))
	wantVolcCode(t, err, "QuotaExceeded.MaximumReservedInstanceTypeInstances", 400)
	e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.ZoneId, in.InstanceTypeId = volcengine.String("cn-beijing-b"), volcengine.String("ecs.c3i.large")
	})
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.ZoneId, in.InstanceTypeId = volcengine.String("cn-beijing-c"), volcengine.String("ecs.r3i.large")
	}))
	wantVolcCode(t, err, "QuotaExceeded.MaximumReservedInstances", 400)
	// The other region has its own counts.
	sh := e.ecsFor(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", "cn-shanghai")
	if _, err := sh.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.ZoneId = volcengine.String("cn-shanghai-b")
	})); err != nil {
		t.Fatal(err)
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)); n != 4 {
		t.Fatalf("want 4 RIs, got %d", n)
	}
}
