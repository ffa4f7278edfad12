package ecsmock_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
)

func TestInjectedErrorsHitOnlyTheNextCalls(t *testing.T) {
	e := start(t, ecsmock.Options{})
	e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "DescribeReservedInstances", Times: 2, Status: 503, Code: "ServiceUnavailable"})
	wantCode(t, describeAll(e.ecs), "ServiceUnavailable", 503)
	wantCode(t, describeAll(e.ecs), "ServiceUnavailable", 503)
	if err := describeAll(e.ecs); err != nil {
		t.Fatalf("the third call should pass: %v", err)
	}
	e.purchase(t, nil) // other actions were never affected
}

func TestThrottlingIsATokenBucket(t *testing.T) {
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

func TestDroppedResponseStillCommits(t *testing.T) {
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

func TestLatencyDelaysCalls(t *testing.T) {
	e := start(t, ecsmock.Options{Latency: 30 * time.Millisecond})
	began := time.Now()
	if err := describeAll(e.ecs); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(began); d < 30*time.Millisecond {
		t.Fatalf("call returned after %s, before the 30ms latency", d)
	}
}

func TestControlEndpoints(t *testing.T) {
	e := start(t, ecsmock.Options{})
	base := "http://" + e.host + "/_ecsmock"
	post := func(path string, body any) map[string]any {
		t.Helper()
		raw, _ := json.Marshal(body)
		resp, err := http.Post(base+path, "application/json", bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		if resp.StatusCode != 200 {
			t.Fatalf("POST %s: %d %v", path, resp.StatusCode, out)
		}
		return out
	}
	seeded := post("/reserved-instances", map[string]any{"instance_type": "ecs.g6.xlarge", "zone_id": "cn-hangzhou-i", "instance_amount": 3})
	id, _ := seeded["id"].(string)
	if seeded["scope"] != "Zone" || seeded["status"] != "Active" {
		t.Fatalf("seeded RI: %v", seeded)
	}
	if ri := e.describe(t, id)[id]; ri == nil || tea.Int32Value(ri.InstanceAmount) != 3 {
		t.Fatalf("seeded RI is not visible through the API")
	}
	post("/faults", map[string]any{"action": "DescribeReservedInstances", "code": "InternalError", "status": 500})
	wantCode(t, describeAll(e.ecs), "InternalError", 500)
	before := e.mock.Now()
	post("/clock", map[string]any{"advance": "48h"})
	if d := e.mock.Now().Sub(before); d < 48*time.Hour {
		t.Fatalf("clock advanced by %s", d)
	}
	post("/stock", map[string]any{"zone_id": "cn-hangzhou-h", "instance_type": "ecs.g5.large", "available": false})
	_, err := e.ecs.PurchaseReservedInstancesOffering(&ecs.PurchaseReservedInstancesOfferingRequest{RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"), Scope: tea.String("Zone"), ZoneId: tea.String("cn-hangzhou-h")})
	wantCode(t, err, "OperationDenied.NoStock", 403)

	resp, err := http.Get(base + "/calls?action=DescribeReservedInstances")
	if err != nil {
		t.Fatal(err)
	}
	var calls []ecsmock.Call
	_ = json.NewDecoder(resp.Body).Decode(&calls)
	resp.Body.Close()
	if len(calls) != 2 || calls[1].Code != "InternalError" {
		t.Fatalf("call log over HTTP: %+v", calls)
	}
	req, _ := http.NewRequest(http.MethodDelete, base+"/reserved-instances/"+id, nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("delete: %v %v", resp, err)
	}
	if len(e.describe(t, id)) != 0 {
		t.Fatal("removed RI still visible")
	}
	post("/reset", map[string]any{})
	if len(e.mock.Calls(ecsmock.CloudAlibaba, "")) != 0 || len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)) != 0 {
		t.Fatal("reset should forget RIs and calls")
	}
	if resp, _ := http.Post(base+"/faults", "application/json", bytes.NewReader([]byte(`{"bogus":1}`))); resp.StatusCode != 400 {
		t.Fatalf("unknown fields must be rejected, got %d", resp.StatusCode)
	}
}

func TestParallelClients(t *testing.T) {
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
