package ecsmock_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/credentials"
	"github.com/volcengine/volcengine-go-sdk/volcengine/session"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func describeVolc(c *vecs.ECS) error {
	_, err := c.DescribeReservedInstances(&vecs.DescribeReservedInstancesInput{})
	return err
}

// wantEnvelope checks that an error answer still has the whole
// ResponseMetadata, which the SDK needs to report the error at all.
func (e *volcEnv) wantEnvelope(t *testing.T, service, action string) {
	t.Helper()
	meta, _ := e.envelope(t)["ResponseMetadata"].(map[string]any)
	if meta["RequestId"] == "" || meta["Service"] != service || meta["Action"] != action || meta["Region"] != volcRegion || meta["Version"] == nil {
		t.Fatalf("incomplete envelope: %v", meta)
	}
}

func TestVolcengineSignatureRejections(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	fresh := func() *vecs.ECS {
		return e.ecsFor(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", volcRegion)
	}
	stale := time.Now().UTC().Add(-20 * time.Minute).Format("20060102T150405Z")
	future := time.Now().UTC().Add(20 * time.Minute).Format("20060102T150405Z")
	cases := []struct {
		name   string
		client *vecs.ECS
		code   string
		status int
		codeN  int
	}{
		{"wrong secret", e.ecsFor(t, ecsmock.DefaultAccessKeyID, "not-the-secret", "", volcRegion), "SignatureDoesNotMatch", 401, 100010},
		{"unknown key", e.ecsFor(t, "nobody", "x", "", volcRegion), "InvalidAccessKey", 401, 100009},
		{"no signature", tamper(fresh(), false, func(r *http.Request) { r.Header.Del("Authorization") }), "MissingSignature", 401, 100005},
		{"signature field missing", tamper(fresh(), false, func(r *http.Request) {
			auth := r.Header.Get("Authorization")
			r.Header.Set("Authorization", auth[:strings.Index(auth, ", Signature=")])
		}), "MissingSignature", 401, 100005},
		{"stale date", tamper(fresh(), true, func(r *http.Request) { r.Header.Set("X-Date", stale) }), "InvalidTimestamp", 400, 100006},
		{"date from the future", tamper(fresh(), true, func(r *http.Request) { r.Header.Set("X-Date", future) }), "InvalidTimestamp", 400, 100006},
		{"no date", tamper(fresh(), false, func(r *http.Request) { r.Header.Del("X-Date") }), "MissingRequestInfo", 400, 100004},
		{"no payload hash", tamper(fresh(), false, func(r *http.Request) { r.Header.Del("X-Content-Sha256") }), "MissingRequestInfo", 400, 100004},
		{"wrong payload hash", tamper(fresh(), false, func(r *http.Request) { r.Header.Set("X-Content-Sha256", strings.Repeat("0", 64)) }), "SignatureDoesNotMatch", 401, 100010},
		{"query changed after signing", tamper(fresh(), false, func(r *http.Request) { r.URL.RawQuery += "&ZoneId=cn-beijing-b" }), "SignatureDoesNotMatch", 401, 100010},
		{"scope date not the X-Date day", tamper(fresh(), false, func(r *http.Request) {
			day := r.Header.Get("X-Date")[:8]
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/"+day+"/", "/19990101/", 1))
		}), "SignatureDoesNotMatch", 401, 100010},
		{"malformed credential", tamper(fresh(), false, func(r *http.Request) {
			r.Header.Set("Authorization", "HMAC-SHA256 Credential=ak/20260101, SignedHeaders=host, Signature=00")
		}), "MissingRequestInfo", 400, 100004},
		{"unknown version", tamper(fresh(), true, func(r *http.Request) {
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "Version=2020-04-01", "Version=2019-01-01", 1)
		}), "InvalidActionOrVersion", 404, 100008},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := describeVolc(tc.client)
			wantVolcCode(t, err, tc.code, tc.status)
			e.wantCodeN(t, tc.codeN)
			meta, _ := e.envelope(t)["ResponseMetadata"].(map[string]any)
			if meta["RequestId"] == "" || meta["Action"] != "DescribeReservedInstances" {
				t.Fatalf("incomplete envelope: %v", meta)
			}
		})
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "DescribeReservedInstances"); n != 0 {
		t.Fatalf("rejected calls were counted as successful: %d", n)
	}
	if calls := e.mock.Calls(ecsmock.CloudVolcengine, ""); len(calls) != len(cases) {
		t.Fatalf("every rejected call is logged: %d of %d", len(calls), len(cases))
	}
}

func TestVolcengineErrorEnvelopeAndCodeN(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	tamper(e.ecs, false, func(r *http.Request) {
		if strings.Contains(r.URL.RawQuery, "ZoneId=cn-beijing-c") {
			r.Header.Set("X-Content-Sha256", strings.Repeat("0", 64))
		}
	})
	_, err := e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.ZoneId = volcengine.String("cn-beijing-c") }))
	wantVolcCode(t, err, "SignatureDoesNotMatch", 401)
	e.wantCodeN(t, 100010)
	e.wantEnvelope(t, "ecs", "PurchaseReservedInstances")

	_, err = e.ecs.PurchaseReservedInstances(purchaseInput(func(in *vecs.PurchaseReservedInstancesInput) { in.Period = volcengine.Int32(10) }))
	wantVolcCode(t, err, "InvalidPeriod", 400)
	e.wantCodeN(t, 0) // service errors carry no CodeN
	e.wantEnvelope(t, "ecs", "PurchaseReservedInstances")
	meta, _ := e.envelope(t)["ResponseMetadata"].(map[string]any)
	errObj, _ := meta["Error"].(map[string]any)
	if msg := errObj["Message"]; msg != "The specified period is not valid." {
		t.Fatalf("the seed's message: %v", msg)
	}
	if _, ok := e.envelope(t)["Result"]; ok {
		t.Fatal("an error answer has no Result")
	}

	_, err = e.ecs.DescribeInstances(&vecs.DescribeInstancesInput{})
	wantVolcCode(t, err, "InvalidActionOrVersion", 404)
	e.wantCodeN(t, 100008)
	e.wantEnvelope(t, "ecs", "DescribeInstances")

	// A service the emulator does not speak, correctly signed.
	iam := vecs.New(e.session(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "", volcRegion))
	iam.SigningName = "iam"
	err = describeVolc(iam)
	wantVolcCode(t, err, "ServiceNotFound", 404)
	e.wantCodeN(t, 100007)
	meta, _ = e.envelope(t)["ResponseMetadata"].(map[string]any)
	if meta["Service"] != "iam" {
		t.Fatalf("the envelope names the service of the scope: %v", meta)
	}
	calls := e.mock.Calls(ecsmock.CloudVolcengine, "")
	if len(calls) != 4 || calls[3].Service != "iam" || calls[3].Code != "ServiceNotFound" {
		t.Fatalf("call log: %+v", calls)
	}
}

func TestVolcengineSTSCredentials(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{Credentials: []ecsmock.Credential{
		{AccessKeyID: "STS.tmp", AccessKeySecret: "s3cret", SecurityToken: "tok-123"},
		{AccessKeyID: ecsmock.DefaultAccessKeyID, AccessKeySecret: ecsmock.DefaultAccessKeySecret},
	}})
	if err := describeVolc(e.ecsFor(t, "STS.tmp", "s3cret", "tok-123", volcRegion)); err != nil {
		t.Fatalf("valid STS credentials rejected: %v", err)
	}
	if _, err := e.ecsFor(t, "STS.tmp", "s3cret", "tok-123", volcRegion).PurchaseReservedInstances(purchaseInput(nil)); err != nil {
		t.Fatalf("STS purchase: %v", err)
	}
	wantVolcCode(t, describeVolc(e.ecsFor(t, "STS.tmp", "s3cret", "stolen", volcRegion)), "InvalidAccessKey", 401)
	wantVolcCode(t, describeVolc(e.ecsFor(t, "STS.tmp", "s3cret", "", volcRegion)), "MissingAuthenticationToken", 401)
	unsigned := tamper(e.ecsFor(t, "STS.tmp", "s3cret", "tok-123", volcRegion), false, func(r *http.Request) {
		r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ";x-security-token", "", 1))
	})
	wantVolcCode(t, describeVolc(unsigned), "SignatureDoesNotMatch", 401)
	if n := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)); n != 1 {
		t.Fatalf("one STS purchase: %d RIs", n)
	}
}

// TestVolcengineSDKProxyCaveat shows why clients must clear HTTP_PROXY: the
// SDK's session routes even loopback calls through it (NO_PROXY is
// ignored). Not parallel: it changes the environment.
func TestVolcengineSDKProxyCaveat(t *testing.T) {
	e := startVolc(t, ecsmock.Options{})
	client := func() *vecs.ECS {
		cfg := volcengine.NewConfig().WithRegion(volcRegion).
			WithCredentials(credentials.NewStaticCredentials(ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, "")).
			WithEndpoint(e.url).WithDisableSSL(true).WithMaxRetries(0)
		sess, err := session.NewSession(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return vecs.New(sess)
	}
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("NO_PROXY", "127.0.0.1")
	if err := describeVolc(client()); err == nil {
		t.Fatal("with HTTP_PROXY set, the SDK should have tried the proxy")
	}
	t.Setenv("HTTP_PROXY", "")
	t.Setenv("http_proxy", "")
	if err := describeVolc(client()); err != nil {
		t.Fatalf("with HTTP_PROXY cleared the SDK reaches the emulator: %v", err)
	}
	if n := e.mock.CountCalls(ecsmock.CloudVolcengine, "DescribeReservedInstances"); n != 1 {
		t.Fatalf("one call reached the emulator: %d", n)
	}
}

func TestVolcengineHeadersWithoutAuthorizationAreVolcengine(t *testing.T) {
	t.Parallel()
	e := startVolc(t, ecsmock.Options{})
	req, _ := http.NewRequest(http.MethodGet, e.url+"/?Action=DescribeReservedInstances&Version=2020-04-01", nil)
	req.Header.Set("X-Date", time.Now().UTC().Format("20060102T150405Z"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	calls := e.mock.Calls(ecsmock.CloudVolcengine, "DescribeReservedInstances")
	if resp.StatusCode != 401 || len(calls) != 1 || calls[0].Code != "MissingSignature" {
		t.Fatalf("an unsigned Volcengine-style request: %d %+v", resp.StatusCode, calls)
	}
	// Without any signature or X-Date, Alibaba answers, as it always has.
	resp, err = http.Get(e.url + "/?Action=DescribeReservedInstances&RegionId=cn-hangzhou")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c := e.mock.Calls(ecsmock.CloudAlibaba, ""); resp.StatusCode != 400 || len(c) != 1 || c[0].Code != "IncompleteSignature" {
		t.Fatalf("an unsigned request: %d %+v", resp.StatusCode, c)
	}
}
