package ecsmock_test

import (
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
)

func TestAlibabaDescribeFiltersAndPaging(t *testing.T) {
	e := start(t, ecsmock.Options{})
	var ids []string
	for i := range 12 {
		ids = append(ids, e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			if i%3 == 0 {
				r.InstanceType = tea.String("ecs.c6.xlarge")
				r.Tag = []*ecs.PurchaseReservedInstancesOfferingRequestTag{{Key: tea.String("team"), Value: tea.String("a")}}
			}
			if i == 5 {
				r.Scope, r.ZoneId, r.ReservedInstanceName = tea.String("Zone"), tea.String("cn-hangzhou-j"), tea.String("zonal-one")
			}
		}))
	}
	e.settle()
	count := func(req *ecs.DescribeReservedInstancesRequest) int {
		t.Helper()
		req.RegionId = tea.String(region)
		resp, err := e.ecs.DescribeReservedInstances(req)
		if err != nil {
			t.Fatal(err)
		}
		return int(tea.Int32Value(resp.Body.TotalCount))
	}
	checks := map[string]struct {
		req  *ecs.DescribeReservedInstancesRequest
		want int
	}{
		"all":          {&ecs.DescribeReservedInstancesRequest{}, 12},
		"by type":      {&ecs.DescribeReservedInstancesRequest{InstanceType: tea.String("ecs.c6.xlarge")}, 4},
		"by family":    {&ecs.DescribeReservedInstancesRequest{InstanceTypeFamily: tea.String("ecs.g5")}, 8},
		"by tag":       {&ecs.DescribeReservedInstancesRequest{Tag: []*ecs.DescribeReservedInstancesRequestTag{{Key: tea.String("team"), Value: tea.String("a")}}}, 4},
		"by zone":      {&ecs.DescribeReservedInstancesRequest{ZoneId: tea.String("cn-hangzhou-j")}, 1},
		"by scope":     {&ecs.DescribeReservedInstancesRequest{Scope: tea.String("Zone")}, 1},
		"by name":      {&ecs.DescribeReservedInstancesRequest{ReservedInstanceName: tea.String("zonal-one")}, 1},
		"by status":    {&ecs.DescribeReservedInstancesRequest{Status: tea.StringSlice([]string{"Creating", "Updating"})}, 0},
		"by ids":       {&ecs.DescribeReservedInstancesRequest{ReservedInstanceId: tea.StringSlice(ids[:3])}, 3},
		"unknown id":   {&ecs.DescribeReservedInstancesRequest{ReservedInstanceId: tea.StringSlice([]string{"ecsri-nope"})}, 0},
		"other region": {&ecs.DescribeReservedInstancesRequest{ZoneId: tea.String("cn-beijing-a")}, 0},
	}
	for name, c := range checks {
		if got := count(c.req); got != c.want {
			t.Errorf("%s: TotalCount %d, want %d", name, got, c.want)
		}
	}
	seen := map[string]bool{}
	for page := int32(1); page <= 3; page++ {
		resp, err := e.ecs.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String(region), PageSize: tea.Int32(5), PageNumber: tea.Int32(page)})
		if err != nil {
			t.Fatal(err)
		}
		for _, ri := range resp.Body.ReservedInstances.ReservedInstance {
			seen[*ri.ReservedInstanceId] = true
		}
	}
	if len(seen) != 12 {
		t.Fatalf("three pages of 5 should show all 12 RIs once, saw %d", len(seen))
	}
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = "ecsri-x"
	}
	_, err := e.ecs.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(tooMany)})
	wantCode(t, err, "InvalidParameter.ReservedInstanceId", 400)
	_, err = e.ecs.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String(region), PageSize: tea.Int32(101)})
	wantCode(t, err, "InvalidParameter", 400)
}

func TestAlibabaDescribeScopeCanBeTitleCased(t *testing.T) {
	for _, tc := range []struct {
		title bool
		want  map[string]string
	}{
		{false, map[string]string{"Region": "region", "Zone": "zone"}},
		{true, map[string]string{"Region": "Region", "Zone": "Zone"}},
	} {
		e := start(t, ecsmock.Options{Alibaba: alibaba.Options{TitleCaseScope: tc.title}})
		regionalID := e.purchase(t, nil)
		zonalID := e.purchase(t, func(r *ecs.PurchaseReservedInstancesOfferingRequest) {
			r.Scope, r.ZoneId = tea.String("Zone"), tea.String("cn-hangzhou-h")
		})
		got := e.describe(t, regionalID, zonalID)
		if s := tea.StringValue(got[regionalID].Scope); s != tc.want["Region"] {
			t.Errorf("TitleCaseScope=%t: regional Scope %q, want %q", tc.title, s, tc.want["Region"])
		}
		if s := tea.StringValue(got[zonalID].Scope); s != tc.want["Zone"] {
			t.Errorf("TitleCaseScope=%t: zonal Scope %q, want %q", tc.title, s, tc.want["Zone"])
		}
		// Platform keeps the service's lower case either way.
		if p := tea.StringValue(got[regionalID].Platform); p != "linux" {
			t.Errorf("TitleCaseScope=%t: Platform %q", tc.title, p)
		}
		// Filtering by Scope accepts either case.
		resp, err := e.ecs.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String(region), Scope: tea.String("Zone")})
		if err != nil || tea.Int32Value(resp.Body.TotalCount) != 1 {
			t.Errorf("Scope filter: %v %v", resp, err)
		}
	}
}

func TestAlibabaDescribeLockOfferingAndAllocationFilters(t *testing.T) {
	e := start(t, ecsmock.Options{})
	locked, _ := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", OperationLocks: []string{"security"}})
	_, _ = e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", OfferingType: "No Upfront"})
	count := func(req *ecs.DescribeReservedInstancesRequest) (int, *ecs.DescribeReservedInstancesResponseBody) {
		t.Helper()
		req.RegionId = tea.String(region)
		resp, err := e.ecs.DescribeReservedInstances(req)
		if err != nil {
			t.Fatal(err)
		}
		return int(tea.Int32Value(resp.Body.TotalCount)), resp.Body
	}
	if n, body := count(&ecs.DescribeReservedInstancesRequest{LockReason: tea.String("security")}); n != 1 || *body.ReservedInstances.ReservedInstance[0].ReservedInstanceId != locked.ID {
		t.Fatalf("lock filter: %d", n)
	}
	if n, _ := count(&ecs.DescribeReservedInstancesRequest{OfferingType: tea.String("No Upfront")}); n != 1 {
		t.Fatalf("offering filter: %d", n)
	}
	if _, body := count(&ecs.DescribeReservedInstancesRequest{AllocationType: tea.String("Shared")}); tea.StringValue(body.ReservedInstances.ReservedInstance[0].AllocationStatus) == "" {
		t.Fatal("AllocationStatus is reported only, and always, with AllocationType=Shared")
	}
	if _, body := count(&ecs.DescribeReservedInstancesRequest{}); body.ReservedInstances.ReservedInstance[0].AllocationStatus != nil {
		t.Fatal("AllocationStatus must be absent by default")
	}
	_, err := e.ecs.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{RegionId: tea.String(region), AllocationType: tea.String("Borrowed")})
	wantCode(t, err, "InvalidParameter", 400)
}
