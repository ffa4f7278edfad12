package ecsmock_test

import (
	"fmt"
	"testing"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestListTagResourcesPagesAndFilters(t *testing.T) {
	e := start(t, ecsmock.Options{})
	for i := range 30 {
		tags := map[string]string{"env": "prod", "idx": fmt.Sprint(i)}
		if i%3 == 0 {
			tags["team"] = "data"
		}
		if _, err := e.mock.Seed(ecsmock.CloudAlibaba, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", Tags: tags}); err != nil {
			t.Fatal(err)
		}
	}
	rows, pages := 0, 0
	next := ""
	for {
		req := &ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance")}
		if next != "" {
			req.NextToken = tea.String(next)
		}
		resp, err := e.ecs.ListTagResources(req)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		rows += len(resp.Body.TagResources.TagResource)
		if next = tea.StringValue(resp.Body.NextToken); next == "" {
			break
		}
	}
	if rows != 70 || pages != 2 {
		t.Fatalf("30 RIs with 70 tags in all: read %d rows in %d pages", rows, pages)
	}
	resp, err := e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"),
		Tag: []*ecs.ListTagResourcesRequestTag{{Key: tea.String("team"), Value: tea.String("data")}}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(resp.Body.TagResources.TagResource); n != 30 {
		t.Fatalf("10 RIs tagged team=data carry 3 tags each: %d rows", n)
	}
	_, err = e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region), ResourceType: tea.String("reservedinstance"), NextToken: tea.String("bogus")})
	wantCode(t, err, "InvalidParameter", 400)
	_, err = e.ecs.ListTagResources(&ecs.ListTagResourcesRequest{RegionId: tea.String(region)})
	wantCode(t, err, "MissingParameter", 400)
}

func TestDescribeLockOfferingAndAllocationFilters(t *testing.T) {
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

func TestModifyTakesAtMostTwentySources(t *testing.T) {
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
