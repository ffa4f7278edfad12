package ecsmock_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/volcengineerr"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// alibaba is an Alibaba SDK client on the same emulator.
func (e *volcEnv) alibaba(t *testing.T) *env {
	a := &env{mock: e.mock, host: strings.TrimPrefix(e.url, "http://")}
	a.ecs = a.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil)
	return a
}

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

func TestControlEndpointsSelectTheCloud(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	base := e.url + "/_ecsmock"
	call := func(method, path string, body any, want int) []byte {
		t.Helper()
		var r *bytes.Reader
		if body != nil {
			raw, _ := json.Marshal(body)
			r = bytes.NewReader(raw)
		} else {
			r = bytes.NewReader(nil)
		}
		req, _ := http.NewRequest(method, base+path, r)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, buf.String())
		}
		return buf.Bytes()
	}
	call("POST", "/projects", map[string]any{"name": "batch"}, 200)
	call("POST", "/hpc-clusters", map[string]any{"id": "hpc-9", "zone_id": "cn-beijing-b"}, 200)
	var seeded ecsmock.ReservedInstance
	_ = json.Unmarshal(call("POST", "/reserved-instances", map[string]any{
		"cloud": "volcengine", "instance_type": "ecs.r3i.xlarge", "zone_id": "cn-beijing-b", "instance_amount": 2,
		"project_name": "batch", "hpc_cluster_id": "hpc-9", "name": "seeded", "auto_renew": true, "auto_renew_duration": 6,
	}, 200), &seeded)
	if seeded.Cloud != ecsmock.CloudVolcengine || seeded.Scope != "ZonalRI" || seeded.Status != "ACTIVE" || seeded.RenewType != "AutoRenewal" {
		t.Fatalf("seeded over HTTP: %+v", seeded)
	}
	if ri := e.describe(t, seeded.ID)[seeded.ID]; ri == nil || volcengine.StringValue(ri.ProjectName) != "batch" || volcengine.StringValue(ri.HpcClusterId) != "hpc-9" {
		t.Fatalf("the seeded RI through the API: %+v", ri)
	}
	var list []ecsmock.ReservedInstance
	_ = json.Unmarshal(call("GET", "/reserved-instances?cloud=volcengine", nil, 200), &list)
	if len(list) != 1 || list[0].ID != seeded.ID {
		t.Fatalf("Volcengine inventory: %+v", list)
	}
	_ = json.Unmarshal(call("GET", "/reserved-instances", nil, 200), &list)
	if len(list) != 0 {
		t.Fatalf("without a cloud the inventory is Alibaba's: %+v", list)
	}
	call("GET", "/reserved-instances?cloud=azure", nil, 400)
	call("POST", "/faults", map[string]any{"cloud": "gcp", "code": "X"}, 400)

	call("POST", "/faults", map[string]any{"cloud": "volcengine", "action": "DescribeReservedInstances", "status": 500, "code": "InternalError"}, 200)
	wantVolcCode(t, describeVolc(e.ecs), "InternalError", 500)
	call("POST", "/throttle", map[string]any{"cloud": "volcengine", "action": "DescribeReservedInstances", "rate_per_second": 0.001, "burst": 1}, 200)
	if err := describeVolc(e.ecs); err != nil {
		t.Fatal(err)
	}
	wantVolcCode(t, describeVolc(e.ecs), "FlowLimitExceeded", 429)
	call("DELETE", "/faults", nil, 200)
	call("POST", "/stock", map[string]any{"cloud": "volcengine", "zone_id": "cn-beijing-a", "instance_type": "ecs.g3i.large", "available": false}, 200)
	_, err := e.ecs.PurchaseReservedInstances(purchaseInput(nil))
	wantVolcCode(t, err, "Insufficient.InstanceCapacity", 500)

	var calls []ecsmock.Call
	_ = json.Unmarshal(call("GET", "/calls?cloud=volcengine&action=DescribeReservedInstances", nil, 200), &calls)
	if len(calls) != 4 || calls[0].Code != "" || calls[1].Code != "InternalError" || calls[3].Code != "FlowLimitExceeded" || calls[0].Service != "ecs" {
		t.Fatalf("Volcengine call log over HTTP: %+v", calls)
	}
	_ = json.Unmarshal(call("GET", "/calls", nil, 200), &calls)
	if len(calls) != 0 {
		t.Fatalf("without a cloud the call log is Alibaba's: %+v", calls)
	}
	_ = e.alibaba(t).describe(t)
	_ = json.Unmarshal(call("GET", "/calls?cloud=all", nil, 200), &calls)
	if len(calls) != 6 || calls[5].Cloud != ecsmock.CloudAlibaba || calls[0].Cloud != ecsmock.CloudVolcengine {
		t.Fatalf("cloud=all: %+v", calls)
	}
	call("DELETE", "/reserved-instances/"+seeded.ID, nil, 200)
	if _, ok := e.mock.ReservedInstance(seeded.ID); ok {
		t.Fatal("removed RI still there")
	}
	call("POST", "/reset", map[string]any{}, 200)
	if len(e.mock.Calls(ecsmock.CloudVolcengine, "")) != 0 {
		t.Fatal("reset forgets the calls of both clouds")
	}
	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.ProjectName = volcengine.String("batch") }))
	wantVolcCode(t, err, "InvalidProject.NotFound", 404)
	call("POST", "/projects", map[string]any{"name": "not valid!"}, 400)
	call("POST", "/hpc-clusters", map[string]any{"id": "h", "zone_id": "cn-hangzhou-h"}, 400)
}
