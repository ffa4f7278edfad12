// Package alicloud is a thin client over the ECS SDK for reserved
// instances: credentials, endpoints, retries, ClientTokens, batching,
// waiters and error classification. It knows nothing of Terraform.
package alicloud

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"net/url"
	"strings"
	"sync"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"
)

// Config configures a Client.
type Config struct {
	Credentials Credentials
	// Endpoint is "http://host:port", "https://host" or a bare host; empty
	// means the SDK's regional endpoint.
	Endpoint       string
	MaxRetries     int
	RequestTimeout time.Duration
	UserAgent      string
	// RetryBaseDelay and PollInterval pace retries and waiters; tests
	// shorten them.
	RetryBaseDelay time.Duration
	PollInterval   time.Duration
	// BatchWindow is how long a look-up by ID waits for others to share its
	// call; 0 means the default, negative disables coalescing.
	BatchWindow time.Duration
}

// Client calls ECS. It is safe for concurrent use.
type Client struct {
	cfg        Config
	credential credentials.Credential
	host       string
	protocol   string

	mu      sync.Mutex
	regions map[string]*sync.Pool

	describeBatch  *coalescer[ReservedInstance]
	autoRenewBatch *coalescer[AutoRenew]
	look           lookups
}

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
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return "", "", fmt.Errorf("endpoint %q must be http://host:port, https://host or a bare host name", endpoint)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", "", fmt.Errorf("endpoint %q: scheme must be http or https, not %q", endpoint, u.Scheme)
	}
	return u.Host, u.Scheme, nil
}

// New resolves credentials and the endpoint. It makes no API call.
func New(cfg Config) (*Client, error) {
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 60 * time.Second
	}
	if cfg.RetryBaseDelay <= 0 {
		cfg.RetryBaseDelay = time.Second
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 2 * time.Second
	}
	host, protocol, err := ParseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	cred, err := resolveCredential(cfg.Credentials)
	if err != nil {
		return nil, err
	}
	if cfg.BatchWindow == 0 {
		cfg.BatchWindow = 15 * time.Millisecond
	}
	c := &Client{cfg: cfg, credential: cred, host: host, protocol: protocol, regions: map[string]*sync.Pool{},
		look: lookups{counted: map[string]int{}, snapshots: map[string]*snapshot{}, dirty: map[string]bool{}}}
	batchTimeout := 10 * cfg.RequestTimeout
	c.describeBatch = newCoalescer(cfg.BatchWindow, maxDescribeIDs, batchTimeout, c.describeNow)
	c.autoRenewBatch = newCoalescer(cfg.BatchWindow, maxAutoRenewIDs, batchTimeout, c.describeAutoRenewNow)
	return c, nil
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
		Credential:  c.credential,
		RegionId:    tea.String(region),
		Protocol:    tea.String(c.protocol),
		ReadTimeout: tea.Int(int(c.cfg.RequestTimeout / time.Millisecond)),
		// tea v1.2.2 reads ConnectTimeout in seconds.
		ConnectTimeout: tea.Int(10),
		UserAgent:      tea.String(c.cfg.UserAgent),
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

// NewClientToken returns a token for one logical purchase or renewal; every
// retry of that operation must reuse it.
func NewClientToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "ecsri-" + hex.EncodeToString(b)
}

// idempotence says how an action may be retried.
type idempotence int

const (
	// idempotent calls (reads, calls with a ClientToken, setting attributes
	// to a value) may be repeated after any retryable failure.
	idempotent idempotence = iota
	// once calls are repeated only when the service proved it did nothing
	// (throttling); an ambiguous failure is returned to the caller.
	once
)

// call runs fn with retries: exponential backoff with full jitter, bounded by
// MaxRetries and by the context's deadline. Throttling does not count
// against MaxRetries: a throttling storm slows an apply down, it does not
// fail it, as long as the operation's timeout allows.
func (c *Client) call(ctx context.Context, action string, mode idempotence, fn func() error) error {
	failures := 0
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil {
			return nil
		}
		apiErr := classify(action, err)
		if !apiErr.Retryable || (mode == once && !apiErr.Throttled) {
			return apiErr
		}
		if !apiErr.Throttled {
			failures++
		}
		if failures > c.cfg.MaxRetries {
			return apiErr
		}
		delay := c.backoff(attempt)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return apiErr
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return apiErr
		}
	}
}

func (c *Client) backoff(attempt int) time.Duration {
	ceiling := float64(c.cfg.RetryBaseDelay) * math.Pow(2, float64(min(attempt, 10)))
	ceiling = min(ceiling, float64(30*time.Second))
	return time.Duration(ceiling/2 + mrand.Float64()*ceiling/2)
}
