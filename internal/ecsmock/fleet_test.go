package ecsmock_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// control calls a control endpoint of an emulator at base and decodes the
// answer into out, returning the HTTP status.
func control(t *testing.T, method, url string, body, out any) int {
	t.Helper()
	var r *bytes.Reader
	if s, ok := body.(string); ok {
		r = bytes.NewReader([]byte(s))
	} else {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, url, r)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: answer is not JSON: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

func TestDeclareInstancesOverHTTP(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	base := "http://" + e.host + "/_ecsmock"
	start := e.mock.Now().Add(-240 * time.Hour).Truncate(time.Second)
	var web ecsmock.Instances
	if code := control(t, "POST", base+"/instances", map[string]any{
		"zone_id": "cn-hangzhou-h", "instance_type": "ecs.g6.large", "count": 2, "start_time": start.Format(time.RFC3339),
	}, &web); code != 200 {
		t.Fatalf("declare: HTTP %d", code)
	}
	if web.ID == "" || web.Cloud != ecsmock.CloudAlibaba || web.RegionID != "cn-hangzhou" || web.Platform != "Linux" ||
		web.Count != 2 || !web.StartTime.Equal(start) || !web.EndTime.IsZero() {
		t.Fatalf("declared: %+v", web)
	}
	var batch ecsmock.Instances
	control(t, "POST", base+"/instances", map[string]any{
		"cloud": "volcengine", "region_id": "cn-beijing", "zone_id": "cn-beijing-a", "instance_type": "ecs.g3i.large",
		"count": 1, "platform": "windows", "start_time": start.Format(time.RFC3339), "end_time": start.Add(time.Hour).Format(time.RFC3339),
	}, &batch)
	if batch.Cloud != ecsmock.CloudVolcengine || batch.Platform != "Windows" || !batch.EndTime.Equal(start.Add(time.Hour)) {
		t.Fatalf("declared on Volcengine: %+v", batch)
	}
	for query, want := range map[string][]string{"": {web.ID}, "?cloud=volcengine": {batch.ID}, "?cloud=all": {web.ID, batch.ID}} {
		var list []ecsmock.Instances
		if code := control(t, "GET", base+"/instances"+query, nil, &list); code != 200 || len(list) != len(want) {
			t.Fatalf("list%s: HTTP %d, %+v", query, code, list)
		}
		for i, in := range list {
			if in.ID != want[i] {
				t.Fatalf("list%s: %+v, want %v", query, list, want)
			}
		}
	}
	if code := control(t, "DELETE", base+"/instances/"+web.ID, nil, nil); code != 200 {
		t.Fatalf("delete: HTTP %d", code)
	}
	if code := control(t, "DELETE", base+"/instances/"+web.ID, nil, nil); code != 404 {
		t.Fatalf("delete again: HTTP %d, want 404", code)
	}
	if got := e.mock.Instances(ecsmock.CloudAlibaba); len(got) != 0 {
		t.Fatalf("removed declaration still listed: %+v", got)
	}
	control(t, "POST", base+"/reset", map[string]any{}, nil)
	if got := e.mock.Instances(ecsmock.CloudVolcengine); len(got) != 0 {
		t.Fatalf("reset should forget declarations: %+v", got)
	}
}

func TestDeclareInstancesValidation(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	base := "http://" + e.host + "/_ecsmock"
	at := e.mock.Now().Format(time.RFC3339)
	valid := func() map[string]any {
		return map[string]any{"zone_id": "cn-hangzhou-h", "instance_type": "ecs.g6.large", "count": 1, "start_time": at}
	}
	for _, tc := range []struct {
		name, field string
		value       any
		want        string
	}{
		{"unknown type", "instance_type", "ecs.g99.large", "unknown instance type"},
		{"type of the other cloud", "instance_type", "ecs.g3i.large", "unknown instance type"},
		{"zone not in the catalogue", "zone_id", "cn-hangzhou-z", "not in the catalogue"},
		{"zone of another region", "region_id", "cn-beijing", "is in region cn-hangzhou"},
		{"no zone", "zone_id", "", "zone_id is required"},
		{"count 0", "count", 0, "count must be between 1"},
		{"negative count", "count", -3, "count must be between 1"},
		{"end before start", "end_time", e.mock.Now().Add(-time.Hour).Format(time.RFC3339), "end_time must be after start_time"},
		{"end at start", "end_time", at, "end_time must be after start_time"},
		{"bad start", "start_time", "yesterday", "not an RFC 3339 time"},
		{"bad end", "end_time", "2026-13-01T00:00:00Z", "not an RFC 3339 time"},
		{"no start", "start_time", "", "start_time is required"},
		{"unknown platform", "platform", "Plan9", "unknown platform"},
		{"unknown cloud", "cloud", "acme", "unknown cloud"},
		{"unknown field", "counts", 2, "invalid JSON body"},
	} {
		body := valid()
		body[tc.field] = tc.value
		var out struct{ Error string }
		if code := control(t, "POST", base+"/instances", body, &out); code != 400 || !strings.Contains(out.Error, tc.want) {
			t.Errorf("%s: HTTP %d %v, want 400 saying %q", tc.name, code, out, tc.want)
		}
	}
	if code := control(t, "POST", base+"/instances", "{", nil); code != 400 {
		t.Errorf("malformed JSON: HTTP %d", code)
	}
	if got := e.mock.Instances(ecsmock.CloudAlibaba); len(got) != 0 {
		t.Fatalf("refused declarations were stored: %+v", got)
	}
	// The Go API refuses the same, and a cloud it does not know.
	if _, err := e.mock.DeclareInstances(ecsmock.CloudVolcengine, ecsmock.Instances{
		ZoneID: "cn-beijing-a", InstanceType: "ecs.g3i.large", Count: 10_001, StartTime: e.mock.Now(),
	}); err == nil || !strings.Contains(err.Error(), "count") {
		t.Errorf("a count over 10,000: %v", err)
	}
	if _, err := e.mock.DeclareInstances("", ecsmock.Instances{}); err == nil || !strings.Contains(err.Error(), "unknown cloud") {
		t.Errorf("no cloud: %v", err)
	}
}

func TestPricesOverHTTP(t *testing.T) {
	t.Parallel()
	e := start(t, ecsmock.Options{})
	base := "http://" + e.host + "/_ecsmock"
	var list ecsmock.PriceList
	control(t, "GET", base+"/prices?cloud=volcengine", nil, &list)
	if list.Currency != "CNY" || !strings.Contains(list.Label, "not real prices") || len(list.Prices) == 0 {
		t.Fatalf("default table: %+v", list)
	}
	def, _ := e.mock.Prices(ecsmock.CloudAlibaba).Find("ecs.g6.large", "Linux")
	if def.PayAsYouGo <= def.Reserved || def.Reserved <= 0 {
		t.Fatalf("default price of ecs.g6.large: %+v", def)
	}
	control(t, "POST", base+"/prices", map[string]any{
		"instance_type": "ecs.g6.large", "platform": "windows", "pay_as_you_go": 0.9, "currency": "USD",
	}, &list)
	win, _ := list.Find("ecs.g6.large", "Windows")
	linux, _ := list.Find("ecs.g6.large", "Linux")
	if list.Currency != "USD" || win.PayAsYouGo != 0.9 || win.Reserved != def.Reserved || linux != def {
		t.Fatalf("after setting the Windows price: %+v; Windows %+v, Linux %+v", list.Currency, win, linux)
	}
	for _, body := range []map[string]any{
		{"instance_type": "ecs.g99.large", "reserved": 1},
		{"instance_type": "ecs.g6.large", "reserved": -1},
		{"instance_type": "ecs.g6.large", "platform": "BeOS"},
		{"currency": "dollars"},
		{},
	} {
		var out map[string]any
		if code := control(t, "POST", base+"/prices", body, &out); code != 400 {
			t.Errorf("%v: HTTP %d %v, want 400", body, code, out)
		}
	}
	e.mock.Reset()
	if got := e.mock.Prices(ecsmock.CloudAlibaba); got.Currency != "CNY" {
		t.Fatalf("reset should restore the default currency: %+v", got.Currency)
	}
	if p, _ := e.mock.Prices(ecsmock.CloudAlibaba).Find("ecs.g6.large", "Windows"); p != def {
		t.Fatalf("reset should forget set prices: %+v", p)
	}
}

func TestFleetAndPricesSurviveRestart(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	first, err := ecsmock.New(ecsmock.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	at := first.Now().Add(-48 * time.Hour).Truncate(time.Second)
	id, err := first.DeclareInstances(ecsmock.CloudVolcengine, ecsmock.Instances{
		ZoneID: "cn-beijing-b", InstanceType: "ecs.c3i.xlarge", Count: 3, StartTime: at, EndTime: at.Add(24 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.SetPrice(ecsmock.CloudVolcengine, ecsmock.Price{InstanceType: "ecs.c3i.xlarge", PayAsYouGo: 1.5, Reserved: 0.8}); err != nil {
		t.Fatal(err)
	}
	second, err := ecsmock.New(ecsmock.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	got := second.Instances(ecsmock.CloudVolcengine)
	if len(got) != 1 || got[0] != first.Instances(ecsmock.CloudVolcengine)[0] || got[0].ID != id {
		t.Fatalf("declarations after restart: %+v", got)
	}
	if p, _ := second.Prices(ecsmock.CloudVolcengine).Find("ecs.c3i.xlarge", ""); p.PayAsYouGo != 1.5 || p.Reserved != 0.8 {
		t.Fatalf("price after restart: %+v", p)
	}
	second.Reset()
	third, err := ecsmock.New(ecsmock.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if got := third.Instances(ecsmock.CloudVolcengine); len(got) != 0 {
		t.Fatalf("a reset state file still declares %+v", got)
	}
}
