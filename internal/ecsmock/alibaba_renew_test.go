package ecsmock_test

import (
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func (e *env) renew(ids []string, period int32, unit, token string) error {
	_, err := e.ecs.RenewReservedInstances(&ecs.RenewReservedInstancesRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(ids), Period: tea.Int32(period),
		PeriodUnit: tea.String(unit), ClientToken: tea.String(token),
	})
	return err
}

func TestAlibabaRenewExtendsExpiryOnceAndOnlyOnce(t *testing.T) {
	e := start(t, ecsmock.Options{})
	id := e.purchase(t, nil)
	e.settle()
	before, _ := e.mock.ReservedInstance(id)
	if err := e.renew([]string{id}, 1, "Year", "renew-1"); err != nil {
		t.Fatal(err)
	}
	if err := e.renew([]string{id}, 1, "Year", "renew-1"); err != nil {
		t.Fatalf("retry with the same token must succeed: %v", err)
	}
	after, _ := e.mock.ReservedInstance(id)
	day := before.ExpiredTime.Add(-time.Hour)
	want := time.Date(day.Year()+1, day.Month(), day.Day()+1, 0, 0, 0, 0, time.UTC)
	if !after.ExpiredTime.Equal(want) {
		t.Fatalf("expiry moved from %s to %s, want %s (exactly one year once)", before.ExpiredTime, after.ExpiredTime, want)
	}
	wantCode(t, e.renew([]string{id}, 3, "Year", "renew-1"), "IdempotentParameterMismatch", 400)
	if err := e.renew([]string{id}, 1, "Month", "renew-2"); err != nil {
		t.Fatal(err)
	}
	monthly, _ := e.mock.ReservedInstance(id)
	if monthly.ExpiredTime.Sub(after.ExpiredTime) < 28*24*time.Hour || monthly.ExpiredTime.Sub(after.ExpiredTime) > 31*24*time.Hour {
		t.Fatalf("one month renewal moved expiry by %s", monthly.ExpiredTime.Sub(after.ExpiredTime))
	}
	wantCode(t, e.renew([]string{id}, 5, "Year", "renew-3"), "InvalidPeriod.ExceededMaximumExpiration", 400)
}

func TestAlibabaRenewRules(t *testing.T) {
	e := start(t, ecsmock.Options{ActivationDelay: time.Minute})
	creating := e.purchase(t, nil)
	wantCode(t, e.renew([]string{creating}, 1, "Year", ""), "IncorrectInstanceStatus", 403)
	wantCode(t, e.renew(nil, 1, "Year", ""), "MissingParameter.ReservedInstanceIds", 400)
	ids := make([]string, 11)
	for i := range ids {
		ids[i] = creating
	}
	wantCode(t, e.renew(ids, 1, "Year", ""), "InvalidParameter.ReservedInstanceIds", 400)
	wantCode(t, e.renew([]string{creating}, 1, "Week", ""), "InvalidParameter.PeriodUnit", 400)
	wantCode(t, e.renew([]string{creating}, 2, "Year", ""), "InvalidParameter.Period", 400)
	wantCode(t, e.renew([]string{"ecsri-gone"}, 1, "Year", ""), "InvalidReservedInstanceId.NotFound", 403)

	e.settle()
	_, err := e.ecs.RenewReservedInstances(&ecs.RenewReservedInstancesRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice([]string{creating}), Period: tea.Int32(1), PeriodUnit: tea.String("Year"),
		AutoRenew: tea.Bool(true), AutoRenewPeriod: tea.Int32(12),
	})
	if err != nil {
		t.Fatal(err)
	}
	ri, _ := e.mock.ReservedInstance(creating)
	if !ri.AutoRenew || ri.AutoRenewDuration != 1 || ri.AutoRenewUnit != "Year" {
		t.Fatalf("renewal should have switched auto-renew on for 1 Year: %+v", ri)
	}
	_, err = e.ecs.RenewReservedInstances(&ecs.RenewReservedInstancesRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice([]string{creating}), Period: tea.Int32(1), PeriodUnit: tea.String("Month"), AutoRenew: tea.Bool(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	if ri, _ := e.mock.ReservedInstance(creating); !ri.AutoRenew {
		t.Fatal("RenewReservedInstances must not be able to switch auto-renew off")
	}
}
