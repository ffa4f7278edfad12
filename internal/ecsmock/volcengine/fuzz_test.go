package volcengine

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/volcengine/volcengine-go-sdk/service/billing"
	vecs "github.com/volcengine/volcengine-go-sdk/service/ecs"
	"github.com/volcengine/volcengine-go-sdk/volcengine"
	"github.com/volcengine/volcengine-go-sdk/volcengine/credentials"
	"github.com/volcengine/volcengine-go-sdk/volcengine/session"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// FuzzVolcengineRequest feeds arbitrary parameters and bodies through every
// Volcengine action: decoding, rules and encoding must answer with a result
// or a proper error, never panic, and a result must encode as JSON.
func FuzzVolcengineRequest(f *testing.F) {
	f.Add("InstanceTypeId=ecs.g3i.large&ReservedInstanceName=r&ZoneId=cn-beijing-a&Tags.1.Key=k&Tags.1.Value=v", []byte(`{"InstanceID":"x","Product":"ECS","RenewType":"AutoRenewal","RenewalDuration":3}`), "cn-beijing")
	f.Add("ReservedInstanceIds.1=a&Configurations.1.ReservedInstanceName=t&Configurations.2.InstanceCount=-4&TagFilters.1.Values.3=x", []byte(`{"MaxResults":5,"NextToken":"YWZ0ZXI6MQ"}`), "cn-shanghai")
	f.Add("ResourceType=reservedinstance&ResourceIds.1=a&TagKeys.99999999999999999999=k&MaxResults=1e9&NextToken=%zz", []byte(`[1,2]`), "mars")
	f.Add("Period=0&InstanceCount=abc&AutoRenew=TRUE&AutoRenewPeriod=12&EffectiveAt=2099-01-01T00:00:00Z&Scope=RegionalRI&RegionId=cn-beijing", []byte(`{"RenewalDurationUnit":"Year","RenewalDuration":-1}`), "")
	f.Fuzz(func(t *testing.T, query string, body []byte, region string) {
		all, err := core.ParseRequestParams(query, nil)
		if err != nil {
			return
		}
		p := core.Params(all)
		if p.Digest() != core.Params(all).Digest() {
			t.Fatal("digest is not deterministic")
		}
		if first, ok := core.JSONObject(body); ok {
			if again, _ := core.JSONObject(body); core.JSONDigest(first) != core.JSONDigest(again) {
				t.Fatal("JSON digest is not deterministic")
			}
		}
		d := New(core.Keyring{}, time.Now, Options{})
		st := core.NewStore()
		st.Projects["p"] = true
		st.HpcClusters["hpc-1"] = "cn-beijing-a"
		for service, actions := range d.routes {
			for action, route := range actions {
				op, aerr := route.decode(input{params: p, body: body, region: region}, &d.opts)
				if aerr == nil {
					var result any
					result, aerr = op.Apply(core.NewWorld(st, d.Profile(), time.Now().UTC(), 0))
					if aerr == nil {
						if _, err := json.Marshal(d.Encode(result)); err != nil {
							t.Fatalf("%s/%s: result does not encode: %v", service, action, err)
						}
						continue
					}
				}
				if aerr.Code == "" || aerr.Status < 400 || aerr.Message == "" {
					t.Fatalf("%s/%s: error without a code, status or message: %+v", service, action, aerr)
				}
			}
		}
		st.Settle(time.Now().Add(400*24*time.Hour), map[core.Cloud]core.Lifecycle{Cloud: lifecycle})
	})
}

// signedCapture is a transport that keeps the request the SDK signed and
// answers it with an empty success.
type signedCapture struct {
	mu   sync.Mutex
	req  *http.Request
	body []byte
}

func (c *signedCapture) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	c.mu.Lock()
	c.req, c.body = req.Clone(req.Context()), body
	c.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"ResponseMetadata":{"RequestId":"x"},"Result":{}}`)), Request: req}, nil
}

// received turns a captured client request into what a server receives.
func (c *signedCapture) received() (*http.Request, []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := httptest.NewRequest(c.req.Method, c.req.URL.String(), bytes.NewReader(c.body))
	r.Header = c.req.Header.Clone()
	r.Host = c.req.URL.Host
	return r, c.body
}

// FuzzVolcengineVerify checks the verifier both ways. Requests the real SDK
// signed, with arbitrary parameters (query for ECS, JSON for Billing), must
// verify; the same requests with one character of the signature changed
// must not; and arbitrary Authorization headers and dates must be refused
// with a proper error, never a panic.
func FuzzVolcengineVerify(f *testing.F) {
	f.Add("Name", "a b*c~d/é+&=% 预留", "HMAC-SHA256 Credential=ak/20260101/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=00", "20260101T000000Z", uint8(3))
	f.Add("Tags.1.Key", "", "HMAC-SHA256 ,,,==,Credential=////", "", uint8(0))
	f.Add("X", "\x00\xff", "HMAC-SHA256", "garbage", uint8(200))
	check := verifyProperty(f)
	f.Fuzz(func(t *testing.T, key, value, auth, date string, flip uint8) { check(t, key, value, auth, date, flip) })
}

// verifyProperty builds the SDK clients once and returns the
// property FuzzVolcengineVerify checks for one input.
func verifyProperty(tb testing.TB) func(t testing.TB, key, value, auth, date string, flip uint8) {
	capture := &signedCapture{}
	cfg := volcengine.NewConfig().WithRegion("cn-beijing").
		WithCredentials(credentials.NewStaticCredentials("ak", "secret", "")).
		WithEndpoint("http://127.0.0.1:18080").WithDisableSSL(true).WithMaxRetries(0).
		WithHTTPClient(&http.Client{Transport: capture})
	sess, err := session.NewSession(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ecsClient, billingClient := vecs.New(sess), billing.New(sess)
	v := &verifier{credentials: core.NewKeyring([]core.Credential{{AccessKeyID: "ak", AccessKeySecret: "secret"}}), wallClock: time.Now}
	verify := func(r *http.Request, body []byte) *core.APIError {
		auth, aerr := parseAuthorization(r.Header.Get("Authorization"))
		if aerr != nil {
			return aerr
		}
		return v.verify(r, body, auth)
	}
	return func(t testing.TB, key, value, auth, date string, flip uint8) {
		if key == "" || strings.ContainsAny(key, "\x00") {
			key = "K"
		}
		for _, call := range []func() error{
			func() error {
				_, err := ecsClient.DescribeReservedInstancesCommon(&map[string]interface{}{key: value})
				return err
			},
			func() error {
				_, err := billingClient.SetRenewalTypeCommon(&map[string]interface{}{key: value})
				return err
			},
		} {
			if err := call(); err != nil {
				continue // the SDK itself refused to send these parameters
			}
			r, body := capture.received()
			if aerr := verify(r, body); aerr != nil {
				t.Fatalf("an SDK-signed request was refused: %+v (query %q, body %q)", aerr, r.URL.RawQuery, body)
			}
			tampered, tbody := capture.received()
			sig := tampered.Header.Get("Authorization")
			i := len(sig) - 1 - int(flip)%8
			swapped := byte('0')
			if sig[i] == '0' {
				swapped = '1'
			}
			tampered.Header.Set("Authorization", sig[:i]+string(swapped)+sig[i+1:])
			if aerr := verify(tampered, tbody); aerr == nil || aerr.Code != "SignatureDoesNotMatch" {
				t.Fatalf("a changed signature was not refused: %+v", aerr)
			}
		}

		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:18080/?Action=DescribeReservedInstances&Version=2020-04-01", nil)
		r.Header.Set("Authorization", auth)
		r.Header.Set("X-Date", date)
		r.Header.Set("X-Content-Sha256", core.SHA256Hex(nil))
		if aerr := verify(r, nil); aerr == nil {
			t.Fatalf("accepted a request nobody signed: %q", auth)
		} else if aerr.Code == "" || aerr.Status < 400 {
			t.Fatalf("error without a code or status: %+v", aerr)
		}
	}
}
