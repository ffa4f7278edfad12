package ecsmock_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

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

// The Go API has no default cloud: every method that concerns one cloud
// takes it, and a cloud the server does not speak is a mistake in the test.
func TestGoAPINamesTheCloud(t *testing.T) {
	t.Parallel()
	mock, err := ecsmock.New(ecsmock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := mock.Clouds(); !slices.Equal(got, []ecsmock.Cloud{ecsmock.CloudAlibaba, ecsmock.CloudVolcengine}) {
		t.Fatalf("clouds: %q", got)
	}
	for name, call := range map[string]func(){
		"ReservedInstances": func() { mock.ReservedInstances("") },
		"Calls":             func() { mock.Calls("", "DescribeReservedInstances") },
		"CountCalls":        func() { mock.CountCalls("gcp", "DescribeReservedInstances") },
		"SetStock":          func() { mock.SetStock("", "*", "ecs.g6.large", false) },
		"InjectFault":       func() { mock.InjectFault("", ecsmock.Fault{Code: "InternalError"}) },
		"SetThrottle":       func() { mock.SetThrottle("", ecsmock.Throttle{RatePerSecond: 1}) },
		"Lifecycle":         func() { mock.Lifecycle("") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s without a cloud should panic", name)
				}
			}()
			call()
		}()
	}
	if err := mock.AddProject("", "web"); err == nil {
		t.Error("AddProject without a cloud should fail")
	}
	if err := mock.AddHpcCluster(ecsmock.CloudAlibaba, "hpc-1", "cn-hangzhou-h"); err == nil {
		t.Error("Alibaba RIs have no HPC clusters")
	}
	if a, v := mock.Lifecycle(ecsmock.CloudAlibaba), mock.Lifecycle(ecsmock.CloudVolcengine); a.Active != "Active" || v.Active != "ACTIVE" || a.ExpiredLocks[0] != "financial" {
		t.Fatalf("lifecycles: %+v %+v", a, v)
	}
}
