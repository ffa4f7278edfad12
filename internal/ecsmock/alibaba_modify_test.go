package ecsmock_test

import (
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

type conf = ecs.ModifyReservedInstancesRequestConfiguration

func (e *env) modify(ids []string, confs ...*conf) ([]string, error) {
	resp, err := e.ecs.ModifyReservedInstances(&ecs.ModifyReservedInstancesRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(ids), Configuration: confs,
	})
	if err != nil {
		return nil, err
	}
	return tea.StringSliceValue(resp.Body.ReservedInstanceIdSets.ReservedInstanceId), nil
}

func regional(typ string, amount int32) *conf {
	return &conf{InstanceType: tea.String(typ), InstanceAmount: tea.Int32(amount), Scope: tea.String("Region")}
}

func zonal(typ string, amount int32, zoneID string) *conf {
	return &conf{InstanceType: tea.String(typ), InstanceAmount: tea.Int32(amount), Scope: tea.String("Zone"), ZoneId: tea.String(zoneID)}
}

func TestAlibabaSplitIsAsyncAndKeepsExpiry(t *testing.T) {
	e := start(t, ecsmock.Options{ActivationDelay: 10 * time.Minute})
	src := e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.InstanceType, r.InstanceAmount = tea.String("ecs.g5.2xlarge"), tea.Int32(1)
		r.Description = tea.String("carried?")
		r.Tag = []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("env"), Value: tea.String("prod")}}
	})
	_, err := e.modify([]string{src}, regional("ecs.g5.xlarge", 2))
	wantCode(t, err, "IncorrectInstanceStatus", 403)
	e.settle()

	newIDs, err := e.modify([]string{src}, &conf{InstanceType: tea.String("ecs.g5.xlarge"), InstanceAmount: tea.Int32(1), ReservedInstanceName: tea.String("half-a")}, regional("ecs.g5.large", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(newIDs) != 2 {
		t.Fatalf("split into 2 returned %d IDs", len(newIDs))
	}
	got := e.describe(t, append([]string{src}, newIDs...)...)
	if s := tea.StringValue(got[src].Status); s != "Updating" {
		t.Fatalf("source should be Updating during the split, got %s", s)
	}
	for _, id := range newIDs {
		ri := got[id]
		if tea.StringValue(ri.Status) != "Creating" || tea.StringValue(ri.ExpiredTime) != tea.StringValue(got[src].ExpiredTime) {
			t.Fatalf("target %s: status %s expiry %s", id, tea.StringValue(ri.Status), tea.StringValue(ri.ExpiredTime))
		}
		if tea.StringValue(ri.Description) != "" || len(ri.Tags.Tag) != 0 {
			t.Fatalf("targets must not inherit description or tags: %+v", ri)
		}
	}
	if tea.StringValue(got[newIDs[0]].ReservedInstanceName) != "half-a" {
		t.Fatalf("target name not applied")
	}
	e.mock.AdvanceClock(10 * time.Minute)
	got = e.describe(t, append([]string{src}, newIDs...)...)
	if s := tea.StringValue(got[src].Status); s != "Inactive" {
		t.Fatalf("source should end Inactive, got %s", s)
	}
	for _, id := range newIDs {
		if s := tea.StringValue(got[id].Status); s != "Active" {
			t.Fatalf("target should end Active, got %s", s)
		}
	}
	_, err = e.modify([]string{src}, regional("ecs.g5.2xlarge", 1))
	wantCode(t, err, "IncorrectInstanceStatus", 403)
}

func TestAlibabaMergeAndModifyRules(t *testing.T) {
	e := start(t, ecsmock.Options{})
	buy := func(typ string, amount int32, edit func(*ecs.PurchaseReservedInstancesOfferingRequest)) string {
		return e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.InstanceType, r.InstanceAmount = tea.String(typ), tea.Int32(amount)
			if edit != nil {
				edit(r)
			}
		})
	}
	a := buy("ecs.g5.large", 2, nil)
	b := buy("ecs.g5.xlarge", 1, nil)
	c6 := buy("ecs.c6.large", 2, nil)
	win := buy("ecs.g5.large", 2, func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Platform = tea.String("Windows") })
	partial := buy("ecs.g5.large", 2, func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.OfferingType = tea.String("Partial Upfront") })
	zoneH := buy("ecs.g5.large", 2, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-hangzhou-h")
	})
	threeYear := buy("ecs.g5.large", 2, func(r *ecs.PurchaseReservedInstancesOfferingRequest) { r.Period = tea.Int32(3) })
	gpu := buy("ecs.gn6i-c4g1.2xlarge", 1, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
		r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-hangzhou-i")
	})
	e.settle()

	rejections := []struct {
		name   string
		ids    []string
		confs  []*conf
		code   string
		status int
	}{
		{"many to many", []string{a, b}, []*conf{regional("ecs.g5.large", 2), regional("ecs.g5.large", 2)}, "InvalidParameter.SplitOrMerge", 403},
		{"family", []string{a}, []*conf{regional("ecs.c6.large", 2)}, "InvalidParameter.ValueNotSupported", 403},
		{"families of sources", []string{a, c6}, []*conf{regional("ecs.g5.xlarge", 2)}, "InvalidParameter.ValueNotSupported", 403},
		{"compute not conserved", []string{a}, []*conf{regional("ecs.g5.xlarge", 2)}, "InvalidParameter.ValueNotSupported", 403},
		{"merge across platforms", []string{a, win}, []*conf{regional("ecs.g5.xlarge", 2)}, "InvalidPlatform.ValueNotSupported", 403},
		{"merge across offering types", []string{a, partial}, []*conf{regional("ecs.g5.xlarge", 2)}, "InvalidParameter.ValueNotSupported", 403},
		{"merge across expiry", []string{a, threeYear}, []*conf{regional("ecs.g5.xlarge", 2)}, "InvalidParameter.ValueNotSupported", 403},
		{"merge across zones", []string{a, zoneH}, []*conf{regional("ecs.g5.xlarge", 2)}, "InvalidZoneId.ValueNotSupported", 403},
		{"split and move", []string{a}, []*conf{zonal("ecs.g5.large", 1, "cn-hangzhou-h"), regional("ecs.g5.large", 1)}, "InvalidParameter.NotMatch", 403},
		{"only the name", []string{a}, []*conf{{InstanceType: tea.String("ecs.g5.large"), InstanceAmount: tea.Int32(2), ReservedInstanceName: tea.String("renamed")}}, "OperationDenied.OnlyModifyName", 403},
		{"zonal-only family split", []string{gpu}, []*conf{zonal("ecs.gn6i-c4g1.xlarge", 1, "cn-hangzhou-i"), zonal("ecs.gn6i-c4g1.xlarge", 1, "cn-hangzhou-i")}, "InvalidParameter.ValueNotSupported", 403},
		{"zonal-only family made regional", []string{gpu}, []*conf{regional("ecs.gn6i-c4g1.2xlarge", 1)}, "InvalidParameter.Scope", 403},
		{"unknown type", []string{a}, []*conf{regional("ecs.g5.5xlarge", 1)}, "InvalidInstanceType.ValueNotSupported", 400},
		{"zero amount", []string{a}, []*conf{regional("ecs.g5.large", 0)}, "InvalidInstanceAmount.ValueNotSupported", 403},
		{"zone required", []string{a}, []*conf{{InstanceType: tea.String("ecs.g5.large"), InstanceAmount: tea.Int32(2), Scope: tea.String("Zone")}}, "MissingParameter.ZoneId", 403},
		{"unknown source", []string{"ecsri-missing"}, []*conf{regional("ecs.g5.large", 2)}, "InvalidReservedInstanceId.NotFound", 403},
		{"no configuration", []string{a}, nil, "MissingParameter.ReservedInstanceConfiguration", 403},
		{"type and amount empty", []string{a}, []*conf{{Scope: tea.String("Zone"), ZoneId: tea.String("cn-hangzhou-h")}}, "MissingParameter.InstanceTypeAndAmountBothEmpty", 403},
	}
	for _, tc := range rejections {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.modify(tc.ids, tc.confs...)
			wantCode(t, err, tc.code, tc.status)
		})
	}
	if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstances"); n != 0 {
		t.Fatalf("%d rejected modifications were recorded as successful", n)
	}

	e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-k", "ecs.g5.large", false)
	_, err := e.modify([]string{a}, zonal("ecs.g5.large", 2, "cn-hangzhou-k"))
	wantCode(t, err, "OperationDenied.NoStock", 403)

	merged, err := e.modify([]string{a, b}, regional("ecs.g5.2xlarge", 1))
	if err != nil {
		t.Fatalf("merge 2×large + 1×xlarge into 1×2xlarge: %v", err)
	}
	moved, err := e.modify([]string{zoneH}, zonal("ecs.g5.xlarge", 1, "cn-hangzhou-j"))
	if err != nil {
		t.Fatalf("modify type and zone 1→1: %v", err)
	}
	e.settle()
	got := e.describe(t, merged[0], moved[0])
	if tea.StringValue(got[merged[0]].InstanceType) != "ecs.g5.2xlarge" || tea.StringValue(got[moved[0]].ZoneId) != "cn-hangzhou-j" {
		t.Fatalf("results not as requested: %+v %+v", got[merged[0]], got[moved[0]])
	}
	tooMany := make([]*conf, 101)
	for i := range tooMany {
		tooMany[i] = regional("ecs.g5.large", 1)
	}
	_, err = e.modify([]string{c6}, tooMany...)
	wantCode(t, err, "InvalidParameter.Configuration", 400)
}

func TestAlibabaModifyTakesAtMostTwentySources(t *testing.T) {
	e := start(t, ecsmock.Options{})
	var ids []string
	for range 21 {
		ri, _ := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large"})
		ids = append(ids, ri.ID)
	}
	_, err := e.modify(ids, regional("ecs.g6.large", 21))
	wantCode(t, err, "InvalidParameter.ReservedInstanceId", 400)
	if _, err := e.modify(ids[:20], regional("ecs.g6.large", 20)); err != nil {
		t.Fatalf("20 sources are allowed: %v", err)
	}
}
