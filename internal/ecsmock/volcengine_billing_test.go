package ecsmock_test

import (
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

const day = 24 * time.Hour

func setRenewal(id, renewType string, duration int64, unit string) *billing.SetRenewalTypeInput {
	in := &billing.SetRenewalTypeInput{InstanceID: volcengine.String(id), Product: volcengine.String("ECS"), RenewType: volcengine.String(renewType), ClientToken: newToken()}
	if duration != 0 {
		in.RenewalDuration = volcengine.Int64(duration)
	}
	if unit != "" {
		in.RenewalDurationUnit = volcengine.String(unit)
	}
	return in
}

// listed reads one RI back through Billing.
func (e *volcEnv) listed(t *testing.T, id string) *billing.InstanceListForListAvailableInstancesOutput {
	t.Helper()
	out, err := e.billing.ListAvailableInstances(&billing.ListAvailableInstancesInput{
		InstanceIDs: volcengine.StringSlice([]string{id}), MaxResults: volcengine.Int32(10), Product: volcengine.String("ECS"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.InstanceList) != 1 {
		t.Fatalf("Billing lists %d instances for %s", len(out.InstanceList), id)
	}
	return out.InstanceList[0]
}

func TestVolcengineSetRenewalType(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	id := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) { in.Period = volcengine.Int32(12) })
	item := e.listed(t, id)
	ri, _ := e.mock.ReservedInstance(id)
	if volcengine.StringValue(item.RenewType) != "ManualRenewal" || volcengine.StringValue(item.Product) != "ECS" ||
		volcengine.StringValue(item.ExpiredTime) != ri.ExpiredTime.Format(time.RFC3339) || volcengine.StringValue(item.InstanceName) != "ri-test" {
		t.Fatalf("Billing item: %+v", item)
	}
	out, err := e.billing.SetRenewalType(setRenewal(id, "AutoRenewal", 3, "Month"))
	if err != nil {
		t.Fatal(err)
	}
	if out.Metadata.Service != "billing" || out.Metadata.Version != "2022-01-01" || len(out.SuccessInstanceList) != 1 ||
		volcengine.StringValue(out.SuccessInstanceList[0].InstanceID) != id {
		t.Fatalf("SetRenewalType answer: %+v %+v", out.Metadata, out.SuccessInstanceList)
	}
	if ri, _ := e.mock.ReservedInstance(id); ri.RenewType != "AutoRenewal" || !ri.AutoRenew || ri.AutoRenewDuration != 3 || ri.AutoRenewUnit != "Month" {
		t.Fatalf("inventory: %+v", ri)
	}
	if item := e.listed(t, id); volcengine.StringValue(item.RenewType) != "AutoRenewal" || volcengine.StringValue(item.RenewalDurationUnit) != "Month" {
		t.Fatalf("read back: %+v", item)
	}
	// The duration is not in the SDK's typed output; the generic call has it.
	raw, err := e.billing.ListAvailableInstancesCommon(&map[string]interface{}{"InstanceIDs": []string{id}, "MaxResults": 10})
	if err != nil {
		t.Fatal(err)
	}
	result, _ := (*raw)["Result"].(map[string]interface{})
	list, _ := result["InstanceList"].([]interface{})
	if len(list) != 1 {
		t.Fatalf("the generic call lists %d instances", len(list))
	}
	first, _ := list[0].(map[string]interface{})
	if d := first["RenewalDuration"]; d != 3.0 {
		t.Fatalf("RenewalDuration through the generic call: %v", d)
	}
	in := setRenewal(id, "AutoRenewal", 1, "Year")
	in.RenewalTimes = volcengine.Int64(2)
	if _, err := e.billing.SetRenewalType(in); err != nil {
		t.Fatal(err)
	}
	if item := e.listed(t, id); volcengine.StringValue(item.RenewalDurationUnit) != "Year" || volcengine.StringValue(item.RenewalTimes) != "2" {
		t.Fatalf("1 Year, twice: %+v", item)
	}
	for _, renewType := range []string{"NonRenewal", "ManualRenewal"} {
		if _, err := e.billing.SetRenewalType(setRenewal(id, renewType, 0, "")); err != nil {
			t.Fatal(err)
		}
		ri, _ := e.mock.ReservedInstance(id)
		if item := e.listed(t, id); volcengine.StringValue(item.RenewType) != renewType || ri.AutoRenew || ri.RenewType != renewType {
			t.Fatalf("%s: %+v / %+v", renewType, item, ri)
		}
	}

	rejections := []struct {
		in     *billing.SetRenewalTypeInput
		code   string
		status int
	}{
		{setRenewal("ecsri-unknown", "AutoRenewal", 1, "Month"), "InvalidInstanceID.NotFound", 404},
		{&billing.SetRenewalTypeInput{InstanceID: volcengine.String(id), Product: volcengine.String("VKE"), RenewType: volcengine.String("AutoRenewal")}, "InvalidParameter", 400},
		{setRenewal(id, "Sometimes", 0, ""), "InvalidParameter", 400},
		{setRenewal(id, "AutoRenewal", 1, "Day"), "InvalidParameter", 400},
		{setRenewal(id, "AutoRenewal", 13, "Month"), "InvalidParameter", 400},
		{setRenewal(id, "AutoRenewal", 18, "Month"), "InvalidParameter", 400},
		{setRenewal(id, "AutoRenewal", 5, "Year"), "InvalidParameter", 400},
		{&billing.SetRenewalTypeInput{InstanceID: volcengine.String(id), Product: volcengine.String("ECS"), RenewType: volcengine.String("AutoRenewal"), RenewalTimes: volcengine.Int64(-1)}, "InvalidParameter", 400},
	}
	for _, r := range rejections {
		_, err := e.billing.SetRenewalType(r.in)
		wantVolcCode(t, err, r.code, r.status)
	}
	// Every documented length is accepted: 1-12, 24 and 36 months, 1-3 years.
	for _, months := range []int64{4, 5, 7, 8, 9, 10, 11, 24, 36} {
		if _, err := e.billing.SetRenewalType(setRenewal(id, "AutoRenewal", months, "Month")); err != nil {
			t.Fatalf("%d months: %v", months, err)
		}
		if ri, _ := e.mock.ReservedInstance(id); ri.AutoRenewDuration != int(months) {
			t.Fatalf("%d months: %+v", months, ri)
		}
	}
	for _, missing := range []string{"InstanceID", "Product", "RenewType"} {
		body := map[string]interface{}{"InstanceID": id, "Product": "ECS", "RenewType": "AutoRenewal"}
		delete(body, missing)
		_, err := e.billing.SetRenewalTypeCommon(&body)
		wantVolcCode(t, err, "MissingParameter", 400)
		e.wantCodeN(t, 100002)
	}
	_, err = e.billing.SetRenewalTypeCommon(&map[string]interface{}{"InstanceID": id, "Product": "ECS", "RenewType": "AutoRenewal", "RenewalDuration": "three"})
	wantVolcCode(t, err, "InvalidParameter", 400)
}

func TestVolcengineAutoRenewalAtExpiry(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	lapsing := e.buy(t, nil)
	renewing := e.buy(t, func(in *vecs.PurchaseReservedInstancesInput) {
		in.AutoRenew, in.AutoRenewPeriod = volcengine.Bool(true), volcengine.Int32(2)
	})
	switched := e.buy(t, nil)
	if _, err := e.billing.SetRenewalType(setRenewal(switched, "AutoRenewal", 1, "Year")); err != nil {
		t.Fatal(err)
	}
	before, _ := e.mock.ReservedInstance(renewing)
	e.mock.AdvanceClock(40 * 24 * time.Hour)

	if s := e.status(t, lapsing); s != "EXPIRED" {
		t.Fatalf("without auto-renewal the RI expires: %s", s)
	}
	after, _ := e.mock.ReservedInstance(renewing)
	if d := after.ExpiredTime.Sub(before.ExpiredTime); after.Status != "ACTIVE" || d < 59*day || d > 62*day {
		t.Fatalf("auto-renewal should add 2 months: %s → %s (%s)", before.ExpiredTime, after.ExpiredTime, after.Status)
	}
	if sw, _ := e.mock.ReservedInstance(switched); sw.Status != "ACTIVE" || sw.ExpiredTime.Before(e.mock.Now().AddDate(0, 11, 0)) {
		t.Fatalf("auto-renewal set through Billing should add a year: %+v", sw)
	}
	if item := e.listed(t, lapsing); volcengine.StringValue(item.Status) != "Expired" {
		t.Fatalf("Billing status of an expired RI: %+v", item)
	}
	// Once expired, renewal can no longer be set, nor paid.
	_, err := e.billing.SetRenewalType(setRenewal(lapsing, "AutoRenewal", 1, "Month"))
	wantVolcCode(t, err, "OperationDenied.InstanceExpired", 400)
	_, err = e.billing.RenewInstance(&billing.RenewInstanceInput{InstanceID: volcengine.String(lapsing), Product: volcengine.String("ECS"),
		RenewalDuration: volcengine.Int64(1), RenewalDurationUnit: volcengine.String("Month")})
	wantVolcCode(t, err, "OperationDenied.InstanceExpired", 400)
}

func renewInput(id string, duration int64, unit, token string) *billing.RenewInstanceInput {
	return &billing.RenewInstanceInput{InstanceID: volcengine.String(id), Product: volcengine.String("ECS"),
		RenewalDuration: volcengine.Int64(duration), RenewalDurationUnit: volcengine.String(unit), ClientToken: volcengine.String(token)}
}

func TestVolcengineRenewInstance(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{ActivationDelay: time.Hour})
	id := e.buy(t, nil)
	before, _ := e.mock.ReservedInstance(id)
	out, err := e.billing.RenewInstance(renewInput(id, 12, "Month", "renew-1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(out.OrderIDList) != 1 || volcengine.StringValue(out.SuccessInstanceList[0].InstanceID) != id {
		t.Fatalf("RenewInstance answer: %+v", out)
	}
	again, err := e.billing.RenewInstance(renewInput(id, 12, "Month", "renew-1"))
	if err != nil || volcengine.StringValue(again.OrderIDList[0]) != volcengine.StringValue(out.OrderIDList[0]) {
		t.Fatalf("a retry with the same token must not renew twice: %v %v", again, err)
	}
	after, _ := e.mock.ReservedInstance(id)
	if d := after.ExpiredTime.Sub(before.ExpiredTime); d < 365*day || d > 366*day {
		t.Fatalf("12 months once: %s → %s", before.ExpiredTime, after.ExpiredTime)
	}
	if item := e.listed(t, id); volcengine.StringValue(item.ExpiredTime) != after.ExpiredTime.Format(time.RFC3339) {
		t.Fatalf("Billing reads the new expiry: %+v", item)
	}
	_, err = e.billing.RenewInstance(renewInput(id, 24, "Month", "renew-1"))
	wantVolcCode(t, err, "IdempotentParameterMismatch", 400)
	if _, err := e.billing.RenewInstance(renewInput(id, 1, "Year", "renew-2")); err != nil {
		t.Fatal(err)
	}
	if r, _ := e.mock.ReservedInstance(id); r.ExpiredTime.Sub(after.ExpiredTime) < 365*day || r.ExpiredTime.Sub(after.ExpiredTime) > 366*day {
		t.Fatalf("1 Year: %s → %s", after.ExpiredTime, r.ExpiredTime)
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "RenewInstance"); n != 2 {
		t.Fatalf("two renewals took effect, the log counts %d", n)
	}
	for _, bad := range []*billing.RenewInstanceInput{
		renewInput(id, 10, "Month", "r3"), renewInput(id, 4, "Year", "r4"), renewInput(id, 1, "Day", "r5"),
		{InstanceID: volcengine.String(id), Product: volcengine.String("ECS"), RenewalDurationUnit: volcengine.String("Week")},
	} {
		_, err := e.billing.RenewInstance(bad)
		wantVolcCode(t, err, "InvalidParameter", 400)
	}
	_, err = e.billing.RenewInstanceCommon(&map[string]interface{}{"InstanceID": id, "Product": "ECS"})
	wantVolcCode(t, err, "MissingParameter", 400)

	// A source being modified away is off limits; once retired, it is gone.
	e.mock.AdvanceClock(time.Hour)
	targets, err := e.modify([]string{id}, target("next", "ecs.g3i.large", 1))
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.billing.RenewInstance(renewInput(id, 1, "Month", "r6"))
	wantVolcCode(t, err, "OperationDenied.InstanceStatus", 400)
	e.mock.AdvanceClock(time.Hour)
	_, err = e.billing.RenewInstance(renewInput(id, 1, "Month", "r7"))
	wantVolcCode(t, err, "InvalidInstanceID.NotFound", 404)
	if r, _ := e.mock.ReservedInstance(targets[0]); !r.ExpiredTime.Equal(e.mockExpiry(t, id)) {
		t.Fatalf("the target keeps the source's renewed expiry: %s", r.ExpiredTime)
	}
}

func (e *volcEnv) mockExpiry(t *testing.T, id string) time.Time {
	t.Helper()
	ri, ok := e.mock.ReservedInstance(id)
	if !ok {
		t.Fatalf("%s vanished", id)
	}
	return ri.ExpiredTime
}

func TestVolcengineListAvailableInstances(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	var ids []string
	for range 5 {
		ids = append(ids, e.buy(t, nil))
	}
	sh := e.ecsFor(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", "cn-shanghai")
	out, err := sh.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) {
		in.ZoneId, in.AutoRenew = volcengine.String("cn-shanghai-a"), volcengine.Bool(true)
	}))
	if err != nil {
		t.Fatal(err)
	}
	shanghai := volcengine.StringValue(out.ReservedInstanceId)
	list := func(in *billing.ListAvailableInstancesInput) []string {
		t.Helper()
		if in.MaxResults == nil {
			in.MaxResults = volcengine.Int32(100)
		}
		out, err := e.billing.ListAvailableInstances(in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, item := range out.InstanceList {
			got = append(got, volcengine.StringValue(item.InstanceID))
		}
		return got
	}
	if got := list(&billing.ListAvailableInstancesInput{}); len(got) != 6 {
		t.Fatalf("Billing is global: %d instances", len(got))
	}
	if got := list(&billing.ListAvailableInstancesInput{RenewType: volcengine.String("AutoRenewal")}); len(got) != 1 || got[0] != shanghai {
		t.Fatalf("by renew type: %v", got)
	}
	if got := list(&billing.ListAvailableInstancesInput{InstanceIDs: volcengine.StringSlice(ids[:2])}); len(got) != 2 {
		t.Fatalf("by IDs: %v", got)
	}
	if got := list(&billing.ListAvailableInstancesInput{Product: volcengine.String("VKE")}); len(got) != 0 {
		t.Fatalf("another product has no RIs: %v", got)
	}
	soon := time.Now().UTC().Add(24 * time.Hour).Format(time.RFC3339)
	if got := list(&billing.ListAvailableInstancesInput{ExpiredTimeEnd: volcengine.String(soon)}); len(got) != 0 {
		t.Fatalf("nothing expires within a day: %v", got)
	}
	if got := list(&billing.ListAvailableInstancesInput{ExpiredTimeStart: volcengine.String(soon), BeginTimeEnd: volcengine.String(soon)}); len(got) != 6 {
		t.Fatalf("time window: %v", got)
	}
	seen, next := map[string]bool{}, ""
	for pages := 1; ; pages++ {
		in := &billing.ListAvailableInstancesInput{MaxResults: volcengine.Int32(4)}
		if next != "" {
			in.NextToken = volcengine.String(next)
		}
		out, err := e.billing.ListAvailableInstances(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, item := range out.InstanceList {
			seen[volcengine.StringValue(item.InstanceID)] = true
		}
		if next = volcengine.StringValue(out.NextToken); next == "" {
			if pages != 2 || len(seen) != 6 {
				t.Fatalf("pages of 4: %d pages, %d instances", pages, len(seen))
			}
			break
		}
	}
	for _, bad := range []*billing.ListAvailableInstancesInput{
		{MaxResults: volcengine.Int32(0)}, {MaxResults: volcengine.Int32(101)},
		{MaxResults: volcengine.Int32(5), NextToken: volcengine.String("!!")},
		{MaxResults: volcengine.Int32(5), BeginTimeStart: volcengine.String("yesterday")},
	} {
		_, err := e.billing.ListAvailableInstances(bad)
		wantVolcCode(t, err, "InvalidParameter", 400)
	}
	_, err = e.billing.ListAvailableInstancesCommon(&map[string]interface{}{})
	wantVolcCode(t, err, "MissingParameter", 400)
}
