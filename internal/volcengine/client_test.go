package volcengine

import (
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

const region = "cn-beijing"

func mockClient(t *testing.T) (*cloud.Session, *ecsmock.Server) {
	t.Helper()
	mock, err := ecsmock.New(ecsmock.Options{ActivationDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	c, err := New(Config{Region: region, AccessKey: ecsmock.DefaultAccessKeyID, SecretKey: ecsmock.DefaultAccessKeySecret,
		Endpoint: srv.URL, Pacing: cloud.Pacing{RetryBaseDelay: time.Millisecond, PollInterval: 5 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return cloud.NewSession(c, c.cfg.Pacing), mock
}

func zonal(typ string, n int) reservation.Shape {
	return reservation.Shape{Type: typ, Amount: n, Scope: reservation.ScopeZone, Zone: "cn-beijing-a"}
}

// A purchase through the real SDK: the emulator holds what was asked, the
// client reads it back with its renewal, and the same token buys once.
func TestPurchaseDescribeAndRenewal(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	ctx := context.Background()
	req := cloud.PurchaseRequest{
		Region: region, Shape: zonal("ecs.g3i.xlarge", 3), Term: reservation.Term{Period: 1, Unit: reservation.Year},
		Name: "web", Description: "web tier", Tags: map[string]string{"team": "web"}, Attrs: map[string]string{AttrProjectName: "default"},
		Renewal: cloud.Renewal{Auto: true, Term: reservation.Term{Period: 3, Unit: reservation.Month}}, ClientToken: "tok-1",
	}
	id, err := c.Purchase(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Purchase(ctx, req)
	if err != nil || again != id || len(mock.ReservedInstances(ecsmock.CloudVolcengine)) != 1 {
		t.Fatalf("the same token must answer with the same RI: %s %s %v", id, again, err)
	}
	seen, err := c.WaitActive(ctx, region, []string{id})
	if err != nil {
		t.Fatal(err)
	}
	ris, err := c.Describe(ctx, region, []string{id})
	ri := ris[id]
	if err != nil || ri.Shape != req.Shape || ri.Name != "web" || ri.Description != "web tier" || ri.Tags["team"] != "web" ||
		ri.Status != cloud.StatusActive || ri.RawStatus != "ACTIVE" || ri.Attrs[AttrProjectName] != "default" {
		t.Fatalf("read back %+v (%v); waiter saw %+v", ri, err, seen[id])
	}
	if !ri.Renewal.Known || !ri.Renewal.Auto || ri.Renewal.Term.Months() != 3 {
		t.Fatalf("renewal read back %+v", ri.Renewal)
	}
	if d := ri.Expiry.Sub(ri.Start); d < 360*24*time.Hour || d > 370*24*time.Hour {
		t.Fatalf("a year's term runs %s to %s", ri.StartText, ri.ExpiryText)
	}
}

// Renewal off, on and never; renewing extends the expiry once per token.
func TestRenewalThroughBilling(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	ctx := context.Background()
	id, err := c.Purchase(ctx, cloud.PurchaseRequest{Region: region, Shape: zonal("ecs.g3i.large", 1), Term: reservation.Term{Period: 1, Unit: reservation.Month}, Name: "ri", ClientToken: "tok-2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitActive(ctx, region, []string{id}); err != nil {
		t.Fatal(err)
	}
	if err := c.SetRenewal(ctx, region, []string{id}, cloud.Renewal{Auto: true, Term: reservation.Term{Period: 6, Unit: reservation.Month}}); err != nil {
		t.Fatal(err)
	}
	if ri, _ := mock.ReservedInstance(id); ri.RenewType != "AutoRenewal" {
		t.Fatalf("auto-renewal not set: %+v", ri)
	}
	if err := c.SetRenewal(ctx, region, []string{id}, cloud.Renewal{Never: true}); err != nil {
		t.Fatal(err)
	}
	if ri, _ := mock.ReservedInstance(id); ri.RenewType != "NonRenewal" {
		t.Fatalf("renewal not stopped: %+v", ri)
	}
	before, _ := mock.ReservedInstance(id)
	batch := cloud.RenewRequest{Region: region, Term: reservation.Term{Period: 2, Unit: reservation.Month}, Batches: []cloud.RenewBatch{{IDs: []string{id}, Token: "renew-1"}}}
	for range 2 {
		if err := c.Renew(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	after, _ := mock.ReservedInstance(id)
	if d := after.ExpiredTime.Sub(before.ExpiredTime); d < 58*24*time.Hour || d > 63*24*time.Hour {
		t.Fatalf("two months renewed once: %s → %s", before.ExpiredTime, after.ExpiredTime)
	}
}

// A split gives new IDs that carry the call's name, tags and project; tags
// change in place.
func TestModifyAndTags(t *testing.T) {
	t.Parallel()
	c, mock := mockClient(t)
	ctx := context.Background()
	id, err := c.Purchase(ctx, cloud.PurchaseRequest{Region: region, Shape: zonal("ecs.g3i.2xlarge", 1), Term: reservation.Term{Period: 1, Unit: reservation.Month}, Name: "before", ClientToken: "tok-3"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitActive(ctx, region, []string{id}); err != nil {
		t.Fatal(err)
	}
	ids, err := c.Modify(ctx, cloud.ModifyRequest{Region: region, Sources: []string{id}, Targets: []reservation.Shape{zonal("ecs.g3i.xlarge", 1), zonal("ecs.g3i.xlarge", 1)},
		Name: "after", Tags: map[string]string{"team": "web"}})
	if err != nil || len(ids) != 2 {
		t.Fatalf("split: %v %v", ids, err)
	}
	seen, err := c.WaitActive(ctx, region, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, nid := range ids {
		if ri := seen[nid]; ri.Name != "after" || ri.Tags["team"] != "web" || ri.Shape != zonal("ecs.g3i.xlarge", 1) {
			t.Fatalf("target %+v", ri)
		}
	}
	if err := c.Tag(ctx, region, ids, map[string]string{"env": "prod"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Untag(ctx, region, ids, []string{"team"}); err != nil {
		t.Fatal(err)
	}
	for _, nid := range ids {
		if ri, _ := mock.ReservedInstance(nid); ri.Tags["env"] != "prod" || ri.Tags["team"] != "" {
			t.Fatalf("tags of %s: %v", nid, ri.Tags)
		}
	}
	err = c.Tag(ctx, region, []string{"ecsri-missing"}, map[string]string{"k": "v"})
	if err == nil || !strings.Contains(err.Error(), "ecsri-missing") {
		t.Fatalf("a tag failure on one resource names it: %v", err)
	}
}

func TestErrorsAreClassified(t *testing.T) {
	t.Parallel()
	s, mock := mockClient(t)
	c, ok := s.Backend().(*Client)
	if !ok {
		t.Fatal("the session wraps the client")
	}
	mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Action: "DescribeReservedInstances", Times: 3, Status: 429, Code: "FlowLimitExceeded"})
	c.retry.MaxRetries = 0
	if _, err := c.DescribeRIs(context.Background(), region, []string{"ecsri-x"}); err != nil {
		t.Fatalf("throttling is retried past max_retries: %v", err)
	}
	mock.InjectFault(ecsmock.CloudVolcengine, ecsmock.Fault{Action: "DescribeReservedInstances", Times: -1, Status: 503, Code: "ServiceUnavailable"})
	_, err := c.DescribeRIs(context.Background(), region, []string{"ecsri-x"})
	var e *cloud.Error
	if !errors.As(err, &e) || !e.Ambiguous || e.Code != "ServiceUnavailable" {
		t.Fatalf("5xx: %v", err)
	}
	// A documented refusal with HTTP 500 is definite: one call, nothing
	// bought, no doubt.
	mock.ClearFaults()
	mock.SetStock(ecsmock.CloudVolcengine, "cn-beijing-b", "ecs.g3i.large", false)
	c.retry.MaxRetries = 5
	_, err = c.Purchase(context.Background(), cloud.PurchaseRequest{Region: region, Shape: reservation.Shape{Type: "ecs.g3i.large", Amount: 1,
		Scope: reservation.ScopeZone, Zone: "cn-beijing-b"}, Term: reservation.Term{Period: 1, Unit: reservation.Month}, Name: "ri", ClientToken: "tok-cap"})
	if !errors.As(err, &e) || e.Ambiguous || e.Retryable || e.Code != "Insufficient.InstanceCapacity" || e.StatusCode != 500 {
		t.Fatalf("a documented refusal is definite: %+v", e)
	}
	if n := len(mock.Calls(ecsmock.CloudVolcengine, "PurchaseReservedInstances")); n != 1 {
		t.Fatalf("a definite refusal is not retried: %d calls", n)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	_ = l.Close()
	refused, _ := New(Config{Region: region, AccessKey: "a", SecretKey: "b", Endpoint: "http://" + addr, Pacing: cloud.Pacing{RetryBaseDelay: time.Millisecond}})
	began := time.Now()
	_, err = refused.DescribeRIs(context.Background(), region, []string{"ecsri-x"})
	if !errors.As(err, &e) || !e.NotSent || time.Since(began) > 5*time.Second {
		t.Fatalf("a refused connection is never sent and fails fast: %v after %s", err, time.Since(began))
	}
}

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"", "http://127.0.0.1:18080", "https://open.volcengineapi.com", "open.volcengineapi.com"} {
		if err := ParseEndpoint(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"ftp://x", "127.0.0.1:99999", "http://x/path", "http://u@x"} {
		if err := ParseEndpoint(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := New(Config{Region: region}); err == nil || !strings.Contains(err.Error(), "VOLCENGINE_ACCESS_KEY") {
		t.Errorf("missing keys: %v", err)
	}
}
