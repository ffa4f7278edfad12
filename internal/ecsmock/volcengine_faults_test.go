package ecsmock_test

import (
	"errors"
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/volcengineerr"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestVolcengineInjectedFaults(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	ali := e.alibaba(t)
	e.mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Action: "DescribeReservedInstances", Times: 2, Status: 503, Code: "ServiceUnavailable"})
	// The same action name on Alibaba is not affected.
	if err := describeAll(ali.ecs); err != nil {
		t.Fatalf("an Alibaba call hit a Volcengine fault: %v", err)
	}
	wantVolcCode(t, describeVolc(e.ecs), "ServiceUnavailable", 503)
	wantVolcCode(t, describeVolc(e.ecs), "ServiceUnavailable", 503)
	if err := describeVolc(e.ecs); err != nil {
		t.Fatalf("the third call should pass: %v", err)
	}
	// A fault of Alibaba's is Alibaba's only.
	e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "DescribeReservedInstances", Code: "InternalError"})
	if err := describeVolc(e.ecs); err != nil {
		t.Fatalf("an Alibaba fault hit Volcengine: %v", err)
	}
	wantCode(t, describeAll(ali.ecs), "InternalError", 500)

	e.mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Action: "SetRenewalType", Code: "InternalError", Status: 500, Message: "boom"})
	id := e.buy(t, nil)
	_, err := e.billing.SetRenewalType(setRenewal(id, "AutoRenewal", 1, "Month"))
	wantVolcCode(t, err, "InternalError", 500)
	e.wantEnvelope(t, "billing", "SetRenewalType")
	if ri, _ := e.mock.ReservedInstance(id); ri.AutoRenew {
		t.Fatal("a failed call must not take effect")
	}
}

func TestVolcengineDroppedResponseStillCommits(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	e.mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Action: "PurchaseReservedInstances", DropResponse: true})
	in := purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.ClientToken = volcengine.String("drop-1") })
	_, err := e.ecs.PurchaseReservedInstances(in)
	var rf volcengineerr.RequestFailure
	if err == nil || errors.As(err, &rf) {
		t.Fatalf("a dropped response should surface as a transport error, got %v", err)
	}
	ris := e.mock.ReservedInstances(ecsmock.CloudVolcengine)
	if len(ris) != 1 {
		t.Fatalf("the purchase should have committed once: %d RIs", len(ris))
	}
	out, err := e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.ClientToken = volcengine.String("drop-1") }))
	if err != nil || volcengine.StringValue(out.ReservedInstanceId) != ris[0].ID {
		t.Fatalf("the retry returns the committed RI: %v %v", out, err)
	}
	calls := e.mock.Calls(ecsmock.CloudVolcengine, "PurchaseReservedInstances")
	if len(calls) != 2 || !calls[0].Dropped || !calls[1].Replayed {
		t.Fatalf("call log: %+v", calls)
	}

	// The ambiguous failure on a Billing renewal, then its safe retry.
	e.mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Action: "RenewInstance", DropResponse: true})
	before, _ := e.mock.ReservedInstance(ris[0].ID)
	if _, err := e.billing.RenewInstance(renewInput(ris[0].ID, 1, "Month", "renew-drop")); err == nil {
		t.Fatal("the renewal's answer should have been dropped")
	}
	if _, err := e.billing.RenewInstance(renewInput(ris[0].ID, 1, "Month", "renew-drop")); err != nil {
		t.Fatal(err)
	}
	if after, _ := e.mock.ReservedInstance(ris[0].ID); after.ExpiredTime.Sub(before.ExpiredTime) > 31*24*time.Hour {
		t.Fatalf("renewed twice: %s → %s", before.ExpiredTime, after.ExpiredTime)
	}
}

func TestVolcengineThrottlingAndLatency(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	ali := e.alibaba(t)
	e.mock.SetThrottle(ecsmock.CloudVolcengine, ecsmock.Throttle{Action: "DescribeReservedInstances", RatePerSecond: 0.001, Burst: 2})
	for i := range 2 {
		if err := describeVolc(e.ecs); err != nil {
			t.Fatalf("call %d within the burst: %v", i, err)
		}
	}
	wantVolcCode(t, describeVolc(e.ecs), "FlowLimitExceeded", 429)
	for range 3 {
		if err := describeAll(ali.ecs); err != nil {
			t.Fatalf("Alibaba is not throttled: %v", err)
		}
	}
	e.mock.SetThrottle(ecsmock.CloudVolcengine, ecsmock.Throttle{Action: "DescribeReservedInstances"})
	if err := describeVolc(e.ecs); err != nil {
		t.Fatalf("throttle removed: %v", err)
	}
	// A cloud-wide bucket covers Billing too.
	e.mock.SetThrottle(ecsmock.CloudVolcengine, ecsmock.Throttle{RatePerSecond: 0.001, Burst: 1})
	if err := describeVolc(e.ecs); err != nil {
		t.Fatal(err)
	}
	_, err := e.billing.ListAvailableInstances(&billing.ListAvailableInstancesInput{MaxResults: volcengine.Int32(1)})
	wantVolcCode(t, err, "FlowLimitExceeded", 429)
	e.mock.ClearFaults()

	e.mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Latency: ecsmock.Duration(40 * time.Millisecond)})
	began := time.Now()
	if err := describeVolc(e.ecs); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d < 40*time.Millisecond {
		t.Fatalf("the call returned after %s, before its 40ms latency", d)
	}
}
