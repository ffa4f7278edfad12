package ecsmock_test

import (
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestAlibabaExpiryAndAutoRenewal(t *testing.T) {
	e := start(t, ecsmock.Options{})
	lapsing := e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.Period, r.PeriodUnit = tea.Int32(1), tea.String("Month")
	})
	renewing := e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.Period, r.PeriodUnit = tea.Int32(1), tea.String("Month")
		r.AutoRenew, r.AutoRenewPeriod = tea.Bool(true), tea.Int32(1)
	})
	e.settle()
	before, _ := e.mock.ReservedInstance(renewing)
	e.mock.AdvanceClock(33 * 24 * time.Hour)

	got := e.describe(t, lapsing, renewing)
	if s := tea.StringValue(got[lapsing].Status); s != "Expired" {
		t.Fatalf("an RI past its expiry without auto-renew should be Expired, got %s", s)
	}
	if locks := got[lapsing].OperationLocks.OperationLock; len(locks) != 1 || tea.StringValue(locks[0].LockReason) != "financial" {
		t.Fatalf("an expired RI carries a financial lock, got %+v", locks)
	}
	after, _ := e.mock.ReservedInstance(renewing)
	if after.Status != "Active" || !after.ExpiredTime.After(before.ExpiredTime) || !after.ExpiredTime.After(e.mock.Now()) {
		t.Fatalf("auto-renewal should have extended the term past now: before %s after %s (%s)", before.ExpiredTime, after.ExpiredTime, after.Status)
	}

	resp, err := e.ecs.DescribeReservedInstanceAutoRenewAttribute(&ecs.DescribeReservedInstanceAutoRenewAttributeRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice([]string{lapsing, renewing, "ecsri-unknown"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]*ecs.DescribeReservedInstanceAutoRenewAttributeResponseBodyReservedInstanceRenewAttributesReservedInstanceRenewAttribute{}
	for _, a := range resp.Body.ReservedInstanceRenewAttributes.ReservedInstanceRenewAttribute {
		attrs[*a.ReservedInstanceId] = a
	}
	if len(attrs) != 2 || tea.StringValue(attrs[renewing].RenewalStatus) != "AutoRenewal" || tea.StringValue(attrs[lapsing].RenewalStatus) != "Normal" {
		t.Fatalf("renewal attributes: %+v", attrs)
	}
	if tea.Int32Value(attrs[renewing].Duration) != 1 || tea.StringValue(attrs[renewing].PeriodUnit) != "Month" {
		t.Fatalf("renewal duration: %+v", attrs[renewing])
	}
}

func TestAlibabaAttributesAutoRenewAndTags(t *testing.T) {
	e := start(t, ecsmock.Options{})
	id := e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Description = tea.String("old text") })
	e.settle()

	attr := func(name, desc *string) error {
		_, err := e.ecs.ModifyReservedInstanceAttribute(&ecs.ModifyReservedInstanceAttributeRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.String(id), ReservedInstanceName: name, Description: desc,
		})
		return err
	}
	if err := attr(tea.String("renamed"), tea.String("")); err != nil {
		t.Fatal(err)
	}
	ri, _ := e.mock.ReservedInstance(id)
	if ri.Name != "renamed" || ri.Description != "" {
		t.Fatalf("rename and clearing the description: %+v", ri)
	}
	wantCode(t, attr(tea.String("9lives"), nil), "InvalidReservedInstanceName.Malformed", 403)
	wantCode(t, attr(nil, tea.String("http://spam")), "InvalidDescription.Malformed", 400)

	autoRenew := func(status string, period int32, unit string) error {
		_, err := e.ecs.ModifyReservedInstanceAutoRenewAttribute(&ecs.ModifyReservedInstanceAutoRenewAttributeRequest{
			RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice([]string{id}), RenewalStatus: tea.String(status),
			Period: tea.Int32(period), PeriodUnit: tea.String(unit),
		})
		return err
	}
	// The current doc: Year with 1, 3 or 5; Month with 1; the unit defaults
	// to Month.
	if err := autoRenew("AutoRenewal", 5, "Year"); err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(id); !ri.AutoRenew || ri.AutoRenewDuration != 5 || ri.AutoRenewUnit != "Year" {
		t.Fatalf("auto-renew not set to 5 Years: %+v", ri)
	}
	if _, err := e.ecs.ModifyReservedInstanceAutoRenewAttribute(&ecs.ModifyReservedInstanceAutoRenewAttributeRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice([]string{id}), RenewalStatus: tea.String("AutoRenewal"),
		Period: tea.Int32(1),
	}); err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(id); !ri.AutoRenew || ri.AutoRenewDuration != 1 || ri.AutoRenewUnit != "Month" {
		t.Fatalf("without PeriodUnit the unit is Month: %+v", ri)
	}
	if err := autoRenew("Normal", 1, "Year"); err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(id); ri.AutoRenew {
		t.Fatal("auto-renew should be off")
	}
	wantCode(t, autoRenew("Sometimes", 1, "Year"), "InvalidRenewalStatus.ValueNotSupported", 400)
	wantCode(t, autoRenew("AutoRenewal", 2, "Year"), "InvalidParameter.Period", 400)
	wantCode(t, autoRenew("AutoRenewal", 3, "Month"), "InvalidParameter.Period", 400)
	wantCode(t, autoRenew("AutoRenewal", 1, "Week"), "InvalidPeriodUnit.ValueNotSupported", 400)

	tag := func(tags map[string]string) error {
		req := &ecs.TagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"), ResourceId: tea.StringSlice([]string{id})}
		for k, v := range tags {
			req.Tag = append(req.Tag, &ecs.TagResourcesRequestTag{Key: tea.String(k), Value: tea.String(v)})
		}
		_, err := e.ecs.TagResources(req)
		return err
	}
	if err := tag(map[string]string{"env": "prod", "team": "infra"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ecs.UntagResources(&ecs.UntagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"),
		ResourceId: tea.StringSlice([]string{id}), TagKey: tea.StringSlice([]string{"team"})}); err != nil {
		t.Fatal(err)
	}
	list, err := e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"), ResourceId: tea.StringSlice([]string{id})})
	if err != nil {
		t.Fatal(err)
	}
	rows := list.Body.TagResources.TagResource
	if len(rows) != 1 || tea.StringValue(rows[0].TagKey) != "env" || tea.StringValue(rows[0].TagValue) != "prod" {
		t.Fatalf("tags after untag: %+v", rows)
	}
	many := map[string]string{}
	for i := range 20 {
		many["k"+string(rune('a'+i))] = "v"
	}
	wantCode(t, tag(many), "InvalidTagCount", 400)
	wantCode(t, tag(map[string]string{"acs:x": "v"}), "InvalidTagKey.Malformed", 400)
	_, err = e.ecs.TagResources(&ecs.TagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("instance"), ResourceId: tea.StringSlice([]string{id}),
		Tag: []*ecs.TagResourcesRequestTag{{Key: tea.String("k"), Value: tea.String("v")}}})
	wantCode(t, err, "InvalidResourceType.NotSupported", 400)
	if _, err := e.ecs.UntagResources(&ecs.UntagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"),
		ResourceId: tea.StringSlice([]string{id}), All: tea.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(id); len(ri.Tags) != 0 {
		t.Fatalf("All=true should remove every tag: %v", ri.Tags)
	}
}
