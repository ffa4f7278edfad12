// Package alicloud implements cloud.Backend over the Alibaba Cloud ECS SDK
// (API version 2014-05-26): credentials, endpoints, the SDK client pool, the
// mapping of every reserved-instance call, and Alibaba's own quirks (finding
// out what a ModifyReservedInstances whose answer was lost did). Retries come
// from package cloud; the read policy is cloud.Session's. It knows nothing of
// Terraform.
package alicloud

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/ecsri/terraform-provider-ecsri/internal/cloud"
	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Config configures a Client.
type Config struct {
	Credentials Credentials
	// Endpoint is "http://host:port", "https://host" or a bare host; empty
	// means the SDK's regional endpoint. BSSEndpoint is BSS OpenAPI's, for
	// utilisation; empty means Endpoint when that is set (an emulator
	// serves both), else the SDK's.
	Endpoint, BSSEndpoint string
	UserAgent             string
	Pacing                cloud.Pacing
}

// Client calls ECS. It is safe for concurrent use.
type Client struct {
	cfg        Config
	credential credentials.Credential
	host       string
	protocol   string
	// bssHost and bssProtocol are BSS OpenAPI's endpoint.
	bssHost, bssProtocol string
	retry                *cloud.Retrier

	mu      sync.Mutex
	regions map[string]*sync.Pool
	// http carries every call: the SDK's own pooled client has its timeout
	// written on every request, which races with the calls in flight.
	http sdkHTTP
}

var (
	_ cloud.Backend = (*Client)(nil)
	_ cloud.Renamer = (*Client)(nil)
)

// Batch limits of the API.
const (
	maxDescribeIDs  = 100
	maxAutoRenewIDs = 100
)

// snapshotThreshold: after this many IDs looked up in a region, one
// listing of the region serves the rest of a refresh (measured: below it a
// plan makes a few coalesced calls; above it the listing is cheaper).
const snapshotThreshold = 40

// ParseEndpoint splits an endpoint setting into the host[:port] and the
// protocol the SDK wants. Plain http is used only when asked for.
func ParseEndpoint(endpoint string) (host, protocol string, err error) {
	if endpoint == "" {
		return "", "https", nil
	}
	if !strings.Contains(endpoint, "://") {
		endpoint = "https://" + endpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return "", "", fmt.Errorf("endpoint %q must be http://host:port, https://host or a bare host name", endpoint)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", "", fmt.Errorf("endpoint %q: scheme must be http or https, not %q", endpoint, u.Scheme)
	}
	if err := checkPort(u); err != nil {
		return "", "", fmt.Errorf("endpoint %q: %w", endpoint, err)
	}
	return u.Host, u.Scheme, nil
}

func checkPort(u *url.URL) error {
	if _, port, err := net.SplitHostPort(u.Host); err == nil {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %q is not a number from 1 to 65535", port)
		}
	}
	if u.Hostname() == "" {
		return fmt.Errorf("no host name")
	}
	return nil
}

// New resolves credentials and the endpoint. It makes no API call.
func New(cfg Config) (*Client, error) {
	cfg.Pacing = cfg.Pacing.WithDefaults()
	host, protocol, err := ParseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	bssHost, bssProtocol := host, protocol
	if cfg.BSSEndpoint != "" {
		if bssHost, bssProtocol, err = ParseEndpoint(cfg.BSSEndpoint); err != nil {
			return nil, err
		}
	}
	cred, err := resolveCredential(cfg.Credentials)
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, credential: cred, host: host, protocol: protocol, bssHost: bssHost, bssProtocol: bssProtocol,
		regions: map[string]*sync.Pool{}, http: newSDKHTTP(cfg.Pacing.RequestTimeout)}
	c.retry = cfg.Pacing.Retrier(classify)
	return c, nil
}

// Rules are Alibaba Cloud's.
func (c *Client) Rules() *reservation.Rules { return reservation.Alibaba }

// ReadLimits are DescribeReservedInstances' and
// DescribeReservedInstanceAutoRenewAttribute's.
func (c *Client) ReadLimits() cloud.ReadLimits {
	return cloud.ReadLimits{MaxIDs: maxDescribeIDs, MaxRenewalIDs: maxAutoRenewIDs, SnapshotThreshold: snapshotThreshold}
}

// sdk lends an SDK client for a region; call release when done. The SDK's
// client is not safe for concurrent use (it keeps per-request headers in a
// field), so each call borrows one of its own from a per-region pool.
func (c *Client) sdk(region string) (*ecs.Client, func(), error) {
	c.mu.Lock()
	pool, ok := c.regions[region]
	if !ok {
		pool = &sync.Pool{}
		c.regions[region] = pool
	}
	c.mu.Unlock()
	if cl, ok := pool.Get().(*ecs.Client); ok {
		return cl, func() { pool.Put(cl) }, nil
	}
	conf := &openapi.Config{
		Credential: c.credential,
		RegionId:   tea.String(region),
		Protocol:   tea.String(c.protocol),
		UserAgent:  tea.String(c.cfg.UserAgent),
		HttpClient: c.http,
	}
	if c.host != "" {
		conf.Endpoint = tea.String(c.host)
	}
	cl, err := ecs.NewClient(conf)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot build the ECS client for region %s: %w", region, err)
	}
	return cl, func() { pool.Put(cl) }, nil
}

// call runs fn with retries, each attempt on an SDK client of the region
// borrowed for that attempt alone: an attempt abandoned at a deadline
// keeps its client until it ends.
func (c *Client) call(ctx context.Context, region, action string, mode cloud.Mode, fn func(*ecs.Client) error) error {
	return c.retry.Do(ctx, action, mode, func() error {
		cl, release, err := c.sdk(region)
		if err != nil {
			return err
		}
		defer release()
		return fn(cl)
	})
}

// sdkHTTP is the HTTP client the SDK calls through: one http.Client, safe
// for concurrent use, whose timeout is set once; it keeps its own
// connections (the transport the SDK builds for each request would not).
type sdkHTTP struct{ client *http.Client }

func newSDKHTTP(timeout time.Duration) sdkHTTP {
	transport := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout: 10 * time.Second, MaxIdleConnsPerHost: 16, IdleConnTimeout: 90 * time.Second,
	}
	return sdkHTTP{client: &http.Client{Transport: transport, Timeout: timeout}}
}

// Call sends a request the SDK built.
func (h sdkHTTP) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return h.client.Do(req)
}
