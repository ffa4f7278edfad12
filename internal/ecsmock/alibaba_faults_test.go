package ecsmock_test

import (
	"errors"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestAlibabaInjectedErrorsHitOnlyTheNextCalls(t *testing.T) {
	e := start(t, ecsmock.Options{})
	e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "DescribeReservedInstances", Times: 2, Status: 503, Code: "ServiceUnavailable"})
	wantCode(t, describeAll(e.ecs), "ServiceUnavailable", 503)
	wantCode(t, describeAll(e.ecs), "ServiceUnavailable", 503)
	if err := describeAll(e.ecs); err != nil {
		t.Fatalf("the third call should pass: %v", err)
	}
	e.purchase(t, nil) // other actions were never affected
}

func TestAlibabaThrottlingIsATokenBucket(t *testing.T) {
	e := start(t, ecsmock.Options{})
	e.mock.SetThrottle(ecsmock.CloudAlibaba, ecsmock.Throttle{Action: "DescribeReservedInstances", RatePerSecond: 0.001, Burst: 3})
	for i := range 3 {
		if err := describeAll(e.ecs); err != nil {
			t.Fatalf("call %d within the burst failed: %v", i, err)
		}
	}
	wantCode(t, describeAll(e.ecs), "Throttling.User", 400)
	e.purchase(t, nil)
	e.mock.SetThrottle(ecsmock.CloudAlibaba, ecsmock.Throttle{Action: "DescribeReservedInstances"})
	if err := describeAll(e.ecs); err != nil {
		t.Fatalf("throttle removed: %v", err)
	}
}

func TestAlibabaDroppedResponseStillCommits(t *testing.T) {
	e := start(t, ecsmock.Options{})
	e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "PurchaseReservedInstancesOffering", DropResponse: true})
	req := &ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"), ClientToken: tea.String("drop-1")}
	_, err := e.ecs.PurchaseReservedInstancesOffering(req)
	var sdkErr *tea.SDKError
	if err == nil || errors.As(err, &sdkErr) {
		t.Fatalf("a dropped response should surface as a transport error, got %v", err)
	}
	if n := len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)); n != 1 {
		t.Fatalf("the purchase should have committed once, found %d RIs", n)
	}
	resp, err := e.ecs.PurchaseReservedInstancesOffering(req)
	if err != nil {
		t.Fatal(err)
	}
	if got := *resp.Body.ReservedInstanceIdSets.ReservedInstanceId[0]; got != e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0].ID {
		t.Fatalf("the retry should return the committed RI, got %s", got)
	}
	calls := e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
	if len(calls) != 2 || !calls[0].Dropped || !calls[1].Replayed {
		t.Fatalf("call log: %+v", calls)
	}
}

func TestAlibabaLatencyDelaysCalls(t *testing.T) {
	e := start(t, ecsmock.Options{Latency: 30 * time.Millisecond})
	began := time.Now()
	if err := describeAll(e.ecs); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d < 30*time.Millisecond {
		t.Fatalf("call returned after %s, before the 30ms latency", d)
	}
}
