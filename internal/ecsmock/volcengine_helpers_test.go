package ecsmock_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/credentials"
	"github.com/volcengine/volcengine-go-sdk/volcengine/request"
	"github.com/volcengine/volcengine-go-sdk/volcengine/session"
	"github.com/volcengine/volcengine-go-sdk/volcengine/volcengineerr"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

const volcRegion = "cn-beijing"

// volcEnv is an emulator behind a loopback server, with real Volcengine SDK
// clients for ECS and Billing signed with the default credentials.
type volcEnv struct {
	mock    *ecsmock.Server
	url     string
	ecs     *vecs.ECS
	billing *billing.BILLING
	// last is the transport of every client of the env; it holds the raw
	// body of the most recent response, to check what the SDK does not
	// expose (CodeN, the envelope).
	last *recorder
}

// recorder is the clients' transport. It is not an *http.Transport, so the
// SDK's session leaves it alone instead of pointing it at HTTP(S)_PROXY
// (the session ignores NO_PROXY): parallel tests need no environment.
type recorder struct {
	base *http.Transport
	mu   sync.Mutex
	body []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	r.body = body
	r.mu.Unlock()
	return resp, nil
}

// envelope decodes the last response body.
func (e *volcEnv) envelope(t *testing.T) map[string]any {
	t.Helper()
	e.last.mu.Lock()
	defer e.last.mu.Unlock()
	var out map[string]any
	if err := json.Unmarshal(e.last.body, &out); err != nil {
		t.Fatalf("response is not JSON: %q", e.last.body)
	}
	return out
}

func startVolc(t *testing.T, opts ecsmock.Options) *volcEnv {
	t.Helper()
	mock, err := ecsmock.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	t.Cleanup(tr.CloseIdleConnections)
	e := &volcEnv{mock: mock, url: srv.URL, last: &recorder{base: tr}}
	sess := e.session(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", volcRegion)
	e.ecs, e.billing = vecs.New(sess), billing.New(sess)
	return e
}

// remoteVolc has Volcengine clients of an emulator running elsewhere (the
// standalone binary).
func remoteVolc(t *testing.T, url string) *volcEnv {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	e := &volcEnv{url: url, last: &recorder{base: tr}}
	sess := e.session(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", volcRegion)
	e.ecs, e.billing = vecs.New(sess), billing.New(sess)
	return e
}

// session points the SDK at the emulator exactly as the README says.
func (e *volcEnv) session(t *testing.T, ak, sk, token, region string) *session.Session {
	t.Helper()
	cfg := volcengine.NewConfig().
		WithRegion(region).
		WithCredentials(credentials.NewStaticCredentials(ak, sk, token)).
		WithEndpoint(e.url).
		WithDisableSSL(true).
		WithMaxRetries(0).
		WithHTTPClient(&http.Client{Transport: e.last, Timeout: 10 * time.Second})
	sess, err := session.NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// ecsFor is an ECS client of another key or region.
func (e *volcEnv) ecsFor(t *testing.T, ak, sk, token, region string) *vecs.ECS {
	return vecs.New(e.session(t, ak, sk, token, region))
}

var tokenSeq atomic.Int64

// newToken is an explicit ClientToken, as a careful client sends.
func newToken() *string {
	return volcengine.String(fmt.Sprintf("tok-%d", tokenSeq.Add(1)))
}

// purchaseInput is a valid purchase of one ecs.g3i.large in cn-beijing-a.
func purchaseInput(edit func(*vecs.PurchaseReservedInstancesInput)) *vecs.PurchaseReservedInstancesInput {
	in := &vecs.PurchaseReservedInstancesInput{
		InstanceTypeId: volcengine.String("ecs.g3i.large"), ReservedInstanceName: volcengine.String("ri-test"),
		ZoneId: volcengine.String("cn-beijing-a"), ClientToken: newToken(),
	}
	if edit != nil {
		edit(in)
	}
	return in
}

// buy purchases an RI and returns its ID.
func (e *volcEnv) buy(t *testing.T, edit func(*vecs.PurchaseReservedInstancesInput)) string {
	t.Helper()
	out, err := e.ecs.PurchaseReservedInstances(purchaseInput(edit))
	if err != nil {
		t.Fatalf("purchase: %v", err)
	}
	return volcengine.StringValue(out.ReservedInstanceId)
}

// describe returns the RIs with these IDs, by ID.
func (e *volcEnv) describe(t *testing.T, ids ...string) map[string]*vecs.ReservedInstanceForDescribeReservedInstancesOutput {
	t.Helper()
	out, err := e.ecs.DescribeReservedInstances(&vecs.DescribeReservedInstancesInput{
		ReservedInstanceIds: volcengine.StringSlice(ids), MaxResults: volcengine.Int32(100),
	})
	if err != nil {
		t.Fatalf("describe: %v", err)
	}
	got := map[string]*vecs.ReservedInstanceForDescribeReservedInstancesOutput{}
	for _, ri := range out.ReservedInstances {
		got[volcengine.StringValue(ri.ReservedInstanceId)] = ri
	}
	return got
}

// status is the reported status of one RI.
func (e *volcEnv) status(t *testing.T, id string) string {
	t.Helper()
	ri := e.describe(t, id)[id]
	if ri == nil {
		t.Fatalf("%s is not described", id)
	}
	return volcengine.StringValue(ri.Status)
}

// wantVolcCode asserts an SDK request failure with that code and status.
func wantVolcCode(t *testing.T, err error, code string, status int) {
	t.Helper()
	var rf volcengineerr.RequestFailure
	if !errors.As(err, &rf) {
		t.Fatalf("want request failure %s, got %v", code, err)
	}
	if rf.Code() != code {
		t.Fatalf("want code %s, got %s (%s)", code, rf.Code(), rf.Message())
	}
	if rf.StatusCode() != status {
		t.Fatalf("want HTTP %d for %s, got %d", status, code, rf.StatusCode())
	}
}

// wantCodeN asserts the CodeN of the last error envelope; 0 means absent.
func (e *volcEnv) wantCodeN(t *testing.T, codeN int) {
	t.Helper()
	meta, _ := e.envelope(t)["ResponseMetadata"].(map[string]any)
	errObj, _ := meta["Error"].(map[string]any)
	got, _ := errObj["CodeN"].(float64)
	if int(got) != codeN {
		t.Fatalf("want CodeN %d, got %v in %v", codeN, errObj["CodeN"], meta)
	}
}

// tamper adds a handler that changes the HTTP request just before (early)
// or just after signing, to forge what the SDK would never send.
func tamper(c *vecs.ECS, early bool, fn func(*http.Request)) *vecs.ECS {
	h := func(r *request.Request) { fn(r.HTTPRequest) }
	if early {
		c.Handlers.Sign.PushFront(h)
	} else {
		c.Handlers.Sign.PushBack(h)
	}
	return c
}

// alibaba is an Alibaba SDK client on the same emulator.
func (e *volcEnv) alibaba(t *testing.T) *env {
	a := &env{mock: e.mock, host: strings.TrimPrefix(e.url, "http://")}
	a.ecs = a.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil)
	return a
}
