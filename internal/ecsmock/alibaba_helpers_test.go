package ecsmock_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

const region = "cn-hangzhou"

type env struct {
	mock *ecsmock.Server
	host string // host:port, as the SDK wants its Endpoint
	ecs  *ecs.Client
}

// start runs an emulator behind a loopback httptest server and returns it
// with a real SDK client signed with the default credentials.
func start(t *testing.T, opts ecsmock.Options) *env {
	t.Helper()
	mock, err := ecsmock.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	e := &env{mock: mock, host: u.Host}
	e.ecs = e.client(t, ecsmock.DefaultAccessKeyID, ecsmock.DefaultAccessKeySecret, nil)
	return e
}

// client builds an SDK client; tweak may change the config (v2 signing, STS).
func (e *env) client(t *testing.T, ak, secret string, tweak func(*openapi.Config)) *ecs.Client {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     tea.String(ak),
		AccessKeySecret: tea.String(secret),
		Endpoint:        tea.String(e.host),
		Protocol:        tea.String("http"),
		RegionId:        tea.String(region),
		HttpClient:      sdkHTTP,
	}
	if tweak != nil {
		tweak(cfg)
	}
	c, err := ecs.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sdkHTTP carries the SDK's calls. tea v1.3.12 pools one HTTP client per
// endpoint and writes its timeout on every request, a data race between
// concurrent calls; a client of the test's own has its timeout set once.
var sdkHTTP = httpClient{&http.Client{Timeout: 10 * time.Second}}

type httpClient struct{ *http.Client }

func (h httpClient) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return h.Do(req)
}

// purchase buys one RI with the given changes to a valid default request.
func (e *env) purchase(t *testing.T, edit func(*ecs.PurchaseReservedInstancesOfferingRequest)) string {
	t.Helper()
	req := &ecs.PurchaseReservedInstancesOfferingRequest{
		RegionId: tea.String(region), InstanceType: tea.String("ecs.g5.large"), InstanceAmount: tea.Int32(2),
	}
	if edit != nil {
		edit(req)
	}
	resp, err := e.ecs.PurchaseReservedInstancesOffering(req)
	if err != nil {
		t.Fatalf("purchase: %v", err)
	}
	ids := resp.Body.ReservedInstanceIdSets.ReservedInstanceId
	if len(ids) != 1 {
		t.Fatalf("purchase returned %d IDs, want 1", len(ids))
	}
	return *ids[0]
}

func (e *env) describe(t *testing.T, ids ...string) map[string]*ecs.DescribeReservedInstancesResponseBodyReservedInstancesReservedInstance {
	t.Helper()
	resp, err := e.ecs.DescribeReservedInstances(&ecs.DescribeReservedInstancesRequest{
		RegionId: tea.String(region), ReservedInstanceId: tea.StringSlice(ids), PageSize: tea.Int32(100),
	})
	if err != nil {
		t.Fatalf("describe: %v", err)
	}
	out := map[string]*ecs.DescribeReservedInstancesResponseBodyReservedInstancesReservedInstance{}
	for _, ri := range resp.Body.ReservedInstances.ReservedInstance {
		out[*ri.ReservedInstanceId] = ri
	}
	return out
}

// settle moves the emulated clock past any activation delay.
func (e *env) settle() { e.mock.AdvanceClock(time.Hour) }

// wantCode asserts that err is an SDK error with that code and HTTP status.
func wantCode(t *testing.T, err error, code string, status int) {
	t.Helper()
	var sdkErr *tea.SDKError
	if !errors.As(err, &sdkErr) {
		t.Fatalf("want SDK error %s, got %v", code, err)
	}
	if tea.StringValue(sdkErr.Code) != code {
		t.Fatalf("want code %s, got %s (%s)", code, tea.StringValue(sdkErr.Code), tea.StringValue(sdkErr.Message))
	}
	if status != 0 && tea.IntValue(sdkErr.StatusCode) != status {
		t.Fatalf("want HTTP %d for %s, got %d", status, code, tea.IntValue(sdkErr.StatusCode))
	}
}
