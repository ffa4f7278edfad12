// Package ecsmock is a local emulator of the reserved-instance APIs of two
// clouds, on one listener: Alibaba Cloud ECS (version 2014-05-26) with BSS
// OpenAPI (2017-12-14) for the utilisation and coverage of RIs, and
// Volcengine ECS (2020-04-01) with Volcengine Billing (2022-01-01) for
// renewals and what RIs paid for. It verifies real signatures, enforces the documented rules
// with the documented errors, runs the async lifecycle on a controllable
// clock, runs a declared pay-as-you-go fleet against the RIs hour by hour,
// and can misbehave on purpose.
//
// This package is the server: Options, the pipeline every call goes
// through, the control API (over HTTP and in Go) and the registration of
// the dialects (clouds.go). The package core holds what every cloud
// shares (store, clock, lifecycle, idempotency, quotas, stock, faults,
// throttling, call log, state file, the fleet and its prices) and the seam
// a dialect plugs into; the packages alibaba and volcengine are one
// dialect each (signature, decoding, rules, encoding, errors, catalogue),
// each with a part of its own below it (alibaba/bss, volcengine/billing).
// A request is routed to a dialect by its signature scheme.
//
// It shares no code with the provider: the two are independent readings of
// the same API documents, so a disagreement shows up as a failing test.
package ecsmock

import (
	"context"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/alibaba"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/volcengine"
)

// Default credentials, used when Options.Credentials is empty. Every cloud
// accepts the same key pairs.
const (
	DefaultAccessKeyID     = "ecsmock-access-key"
	DefaultAccessKeySecret = "ecsmock-secret-key"
)

// Options configure a Server. The zero value is a usable emulator.
type Options struct {
	// Credentials the emulator accepts, on every cloud; default one static
	// pair.
	Credentials []Credential
	// ActivationDelay is how long (on the emulated clock) purchases and
	// modifications stay creating/updating before they settle.
	ActivationDelay time.Duration
	// Latency is added to every API call, before it is handled.
	Latency time.Duration
	// StateFile, when set, is loaded at start and rewritten atomically after
	// every change, so that a restart or a crash loses nothing.
	StateFile string

	// The settings of each cloud: quotas and the like.
	Alibaba    alibaba.Options
	Volcengine volcengine.Options

	// WallClock is the real time source (signature freshness, throttling);
	// default time.Now.
	WallClock func() time.Time
	// Logger receives one line per API call; nil means silence.
	Logger *log.Logger
}

func (o *Options) fillDefaults() {
	if len(o.Credentials) == 0 {
		o.Credentials = []Credential{{AccessKeyID: DefaultAccessKeyID, AccessKeySecret: DefaultAccessKeySecret}}
	}
	if o.WallClock == nil {
		o.WallClock = time.Now
	}
}

// Server is the emulator: an http.Handler and its state.
type Server struct {
	opts       Options
	clock      *core.Clock
	faults     *core.FaultSet
	calls      core.CallLog
	latency    atomic.Int64
	control    http.Handler
	dialects   []core.Dialect
	byCloud    map[Cloud]core.Dialect
	lifecycles map[Cloud]Lifecycle

	mu sync.Mutex
	st *core.Store
}

// New builds an emulator, loading Options.StateFile when it exists.
func New(opts Options) (*Server, error) {
	opts.fillDefaults()
	s := &Server{
		opts:       opts,
		clock:      core.NewClock(opts.WallClock),
		faults:     core.NewFaultSet(opts.WallClock),
		st:         core.NewStore(),
		dialects:   newDialects(core.NewKeyring(opts.Credentials), opts.WallClock, opts),
		byCloud:    map[Cloud]core.Dialect{},
		lifecycles: map[Cloud]Lifecycle{},
	}
	for _, d := range s.dialects {
		p := d.Profile()
		s.byCloud[p.Cloud], s.lifecycles[p.Cloud] = d, p.Lifecycle
	}
	s.latency.Store(int64(opts.Latency))
	s.control = s.controlHandler()
	if opts.StateFile != "" {
		st, err := core.LoadStore(opts.StateFile)
		if err != nil {
			return nil, err
		}
		s.st = st
		s.clock.SetOffset(st.ClockOffset)
		for _, d := range s.dialects {
			st.Adopt(d.Profile())
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.initialise(); err != nil {
		return nil, err
	}
	s.persist()
	return s, nil
}

// initialise lets every dialect create what its options say exists from
// the start. Called with s.mu held.
func (s *Server) initialise() error {
	for _, d := range s.dialects {
		if err := d.Initialise(s.world(d)); err != nil {
			return err
		}
	}
	return nil
}

// world is the store as one dialect sees it now. Called with s.mu held.
func (s *Server) world(d core.Dialect) *core.World {
	return core.NewWorld(s.st, d.Profile(), s.clock.Now(), s.opts.ActivationDelay)
}

// ServeHTTP answers API calls of every cloud on "/" and control requests
// under /_ecsmock/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_ecsmock/") {
		s.control.ServeHTTP(w, r)
		return
	}
	d := s.dialectFor(r)
	ex := &core.Exchange{RequestID: core.NewRequestID(), Host: r.Host}
	entry := Call{Time: s.opts.WallClock().UTC(), Cloud: d.Profile().Cloud, RequestID: ex.RequestID}
	body, aerr, drop := s.handle(r, d, ex, &entry)
	entry.Service, entry.Action, entry.Status, entry.Dropped = ex.Service, ex.Action, http.StatusOK, drop
	if aerr != nil {
		entry.Status, entry.Code = aerr.Status, aerr.Code
	}
	s.calls.Add(entry)
	if s.opts.Logger != nil {
		s.opts.Logger.Printf("%s %s %s/%s status=%d code=%s dropped=%t", entry.RequestID, entry.Cloud, entry.Service, entry.Action, entry.Status, entry.Code, drop)
	}
	// Like any server, the emulator dates its answers by its own clock:
	// the emulated one, so clients that judge time by the service see it.
	w.Header().Set("Date", s.clock.Now().UTC().Format(http.TimeFormat))
	switch {
	case drop:
		dropConnection(w)
	case aerr != nil:
		d.WriteError(w, ex, aerr)
	default:
		d.WriteResult(w, ex, body)
	}
}

func (s *Server) dialectFor(r *http.Request) core.Dialect {
	for _, d := range s.dialects {
		if d.Claims(r) {
			return d
		}
	}
	return s.dialects[len(s.dialects)-1]
}

// handle runs one call through the pipeline every cloud shares:
// authenticate, faults and latency, decode, then the rules under the store
// lock. drop is set when a fault asks to withhold a successful answer.
func (s *Server) handle(r *http.Request, d core.Dialect, ex *core.Exchange, entry *Call) (body map[string]any, aerr *core.APIError, drop bool) {
	req, aerr := d.Authenticate(r, ex)
	if req != nil {
		entry.Params = req.Params
	}
	if aerr != nil {
		return nil, aerr, false
	}
	eff := s.faults.Take(d.Profile().Cloud, req.Action)
	if !s.delay(r.Context(), eff.Latency) {
		return nil, d.ErrInternal(), false
	}
	switch {
	case eff.Throttled:
		return nil, d.ErrThrottled(), false
	case eff.Err != nil:
		return nil, eff.Err, false
	}
	op, aerr := req.Decode()
	if aerr != nil {
		return nil, aerr, false
	}
	body, entry.Replayed, aerr = s.commit(d, req, op)
	return body, aerr, eff.Drop && aerr == nil
}

// delay waits the configured latency plus a fault's; false means the client
// gave up first.
func (s *Server) delay(ctx context.Context, extra time.Duration) bool {
	d := time.Duration(s.latency.Load()) + extra
	if d <= 0 {
		return true
	}
	select {
	case <-time.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}

// commit applies an operation with the store locked: the lifecycle catches
// up first, a known ClientToken replays its first answer, and any change is
// written to the state file before the answer leaves.
func (s *Server) commit(d core.Dialect, req *core.Request, op core.Operation) (body map[string]any, replayed bool, aerr *core.APIError) {
	if req.Idempotent && !core.ValidClientToken(req.Token) {
		return nil, false, d.ErrMalformedToken()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.world(d)
	changed := s.st.Settle(w.Now, s.lifecycles)
	defer func() {
		if changed {
			s.persist()
		}
	}()
	key := ""
	if req.Idempotent && req.Token != "" {
		key = core.IdempotencyKey(d.Profile(), req.Action, req.Token)
		if answer, found, mismatch := s.st.Replayed(key, req.Digest); mismatch {
			return nil, false, d.ErrTokenMismatch()
		} else if found {
			return answer, true, nil
		}
	}
	result, aerr := op.Apply(w)
	if aerr != nil {
		return nil, false, aerr
	}
	body = d.Encode(result)
	if key != "" {
		s.st.Remember(key, req.Digest, body)
	}
	changed = changed || !req.ReadOnly
	return body, false, nil
}

// persist writes the state file, if there is one. Called with s.mu held.
func (s *Server) persist() {
	if s.opts.StateFile == "" {
		return
	}
	s.st.ClockOffset = s.clock.Offset()
	if err := s.st.Save(s.opts.StateFile); err != nil && s.opts.Logger != nil {
		s.opts.Logger.Printf("cannot write state file: %v", err)
	}
}

// dropConnection closes the client's connection without a response: the
// client cannot know whether its call took effect.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
