// Package ecsmock is a local emulator of the reserved-instance APIs of two
// clouds, on one listener: Alibaba Cloud ECS (version 2014-05-26) and
// Volcengine ECS (2020-04-01) with the Volcengine Billing renewal API
// (2022-01-01). It verifies real signatures, enforces the documented rules
// with the documented errors, runs the async lifecycle on a controllable
// clock, and can misbehave on purpose.
//
// The package is a core (store, clock, lifecycle, idempotency, quotas,
// faults, throttling, latency, call log, state file, control API: core_*.go)
// and one dialect per cloud (signature, decoding, rules, encoding:
// alibaba_*.go, volcengine_*.go). A request is routed to a dialect by its
// signature scheme.
//
// It shares no code with the provider: the two are independent readings of
// the same API documents, so a disagreement shows up as a failing test.
package ecsmock

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// APIVersion is the Alibaba Cloud ECS API version the emulator speaks.
const APIVersion = "2014-05-26"

// Default credentials, used when Options.Credentials is empty. Both clouds
// accept the same key pairs.
const (
	DefaultAccessKeyID     = "ecsmock-access-key"
	DefaultAccessKeySecret = "ecsmock-secret-key"
)

// Options configure a Server. The zero value is a usable emulator.
type Options struct {
	// Credentials the emulator accepts, on both clouds; default one static
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
	// RegionalQuota and ZonalQuota limit live Alibaba RIs: per account
	// across all regions, and per zone. Default 20 each, as documented.
	RegionalQuota int
	ZonalQuota    int
	// DefaultResourceGroupID is reported for Alibaba RIs bought without one.
	DefaultResourceGroupID string
	// TitleCaseScope makes Alibaba's DescribeReservedInstances report Scope
	// as "Region"/"Zone" instead of the service's "region"/"zone", so tools
	// can be tested against both readings of the docs.
	TitleCaseScope bool

	// VolcengineZonalVCPUQuota and VolcengineRegionalVCPUQuota limit the
	// vCPUs covered by live Volcengine RIs: zonal RIs per zone, regional RIs
	// per region. Default 200 each, as documented.
	VolcengineZonalVCPUQuota    int
	VolcengineRegionalVCPUQuota int
	// VolcengineReservedInstanceQuota limits live Volcengine RIs per region,
	// and VolcengineInstanceTypeQuota the instances of one type they cover
	// per region. Zero means no limit (the docs name these quotas but not
	// their size).
	VolcengineReservedInstanceQuota int
	VolcengineInstanceTypeQuota     int
	// VolcengineProjects exist besides "default" from the start.
	VolcengineProjects []string

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
	defaultInt(&o.RegionalQuota, 20)
	defaultInt(&o.ZonalQuota, 20)
	defaultInt(&o.VolcengineZonalVCPUQuota, 200)
	defaultInt(&o.VolcengineRegionalVCPUQuota, 200)
	if o.DefaultResourceGroupID == "" {
		o.DefaultResourceGroupID = "rg-ecsmockdefault"
	}
	if o.WallClock == nil {
		o.WallClock = time.Now
	}
}

func defaultInt(v *int, def int) {
	if *v == 0 {
		*v = def
	}
}

// Server is the emulator: an http.Handler and its state.
type Server struct {
	opts     Options
	clock    *clock
	faults   *faultSet
	calls    callLog
	latency  atomic.Int64
	control  http.Handler
	dialects []dialect

	mu sync.Mutex
	st *state
}

// New builds an emulator, loading Options.StateFile when it exists.
func New(opts Options) (*Server, error) {
	opts.fillDefaults()
	keys := newKeyring(opts.Credentials)
	s := &Server{
		opts:   opts,
		clock:  &clock{wall: opts.WallClock},
		faults: newFaultSet(opts.WallClock),
		st:     newState(),
		// Alibaba comes last: it also answers requests that carry no
		// recognisable signature, as it always has.
		dialects: []dialect{
			newVolcengineDialect(keys, opts.WallClock),
			newAlibabaDialect(keys, opts.WallClock, opts.TitleCaseScope),
		},
	}
	s.latency.Store(int64(opts.Latency))
	s.control = s.controlHandler()
	if opts.StateFile != "" {
		st, err := loadState(opts.StateFile)
		if err != nil {
			return nil, err
		}
		s.st = st
		s.clock.SetOffset(st.ClockOffset)
	}
	for _, p := range opts.VolcengineProjects {
		if err := s.AddProject(p); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// ServeHTTP answers API calls of both clouds on "/" and control requests
// under /_ecsmock/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_ecsmock/") {
		s.control.ServeHTTP(w, r)
		return
	}
	d := s.dialectFor(r)
	ex := &exchange{requestID: newRequestID(), host: r.Host}
	entry := Call{Time: s.opts.WallClock().UTC(), Cloud: d.cloud(), RequestID: ex.requestID}
	body, aerr, drop := s.handle(r, d, ex, &entry)
	entry.Service, entry.Action, entry.Status, entry.Dropped = ex.service, ex.action, http.StatusOK, drop
	if aerr != nil {
		entry.Status, entry.Code = aerr.Status, aerr.Code
	}
	s.calls.add(entry)
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
		d.writeError(w, ex, aerr)
	default:
		d.writeResult(w, ex, body)
	}
}

func (s *Server) dialectFor(r *http.Request) dialect {
	for _, d := range s.dialects {
		if d.claims(r) {
			return d
		}
	}
	return s.dialects[len(s.dialects)-1]
}

// handle runs one call through the pipeline every cloud shares:
// authenticate, faults and latency, decode, then the rules under the store
// lock. drop is set when a fault asks to withhold a successful answer.
func (s *Server) handle(r *http.Request, d dialect, ex *exchange, entry *Call) (body map[string]any, aerr *apiError, drop bool) {
	req, aerr := d.authenticate(r, ex)
	if req != nil {
		entry.Params = req.params
	}
	if aerr != nil {
		return nil, aerr, false
	}
	eff := s.faults.take(d.cloud(), req.action)
	if !s.delay(r.Context(), eff.latency) {
		return nil, d.errInternal(), false
	}
	switch {
	case eff.throttled:
		return nil, d.errThrottled(), false
	case eff.err != nil:
		return nil, eff.err, false
	}
	op, aerr := req.decode()
	if aerr != nil {
		return nil, aerr, false
	}
	body, entry.Replayed, aerr = s.commit(d, req, op)
	return body, aerr, eff.drop && aerr == nil
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
func (s *Server) commit(d dialect, req *request, op operation) (body map[string]any, replayed bool, aerr *apiError) {
	if req.idempotent && !validClientToken(req.token) {
		return nil, false, d.errMalformedToken()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := &world{now: s.clock.Now(), st: s.st, opts: &s.opts}
	changed := s.st.settle(w.now)
	defer func() {
		if changed {
			s.persist()
		}
	}()
	key := ""
	if req.idempotent && req.token != "" {
		key = idempotencyKey(d.cloud(), req.action, req.token)
		if answer, found, mismatch := s.st.replayed(key, req.digest); mismatch {
			return nil, false, d.errTokenMismatch()
		} else if found {
			return answer, true, nil
		}
	}
	result, aerr := op.apply(w)
	if aerr != nil {
		return nil, false, aerr
	}
	body = d.encode(result)
	if key != "" {
		s.st.remember(key, req.digest, body)
	}
	changed = changed || !req.readOnly
	return body, false, nil
}

// persist writes the state file, if there is one. Called with s.mu held.
func (s *Server) persist() {
	if s.opts.StateFile == "" {
		return
	}
	s.st.ClockOffset = s.clock.Offset()
	if err := s.st.save(s.opts.StateFile); err != nil && s.opts.Logger != nil {
		s.opts.Logger.Printf("cannot write state file: %v", err)
	}
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
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
