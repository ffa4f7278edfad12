// Package ecsmock is a local emulator of the Alibaba Cloud ECS
// reserved-instance API (version 2014-05-26). It verifies real signatures,
// enforces the documented rules with the documented errors, runs the async
// lifecycle on a controllable clock, and can misbehave on purpose.
//
// It shares no code with the provider: the two are independent readings of
// the same API documents, so a disagreement shows up as a failing test.
package ecsmock

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// APIVersion is the only ECS API version the emulator speaks.
const APIVersion = "2014-05-26"

// Default credentials, used when Options.Credentials is empty.
const (
	DefaultAccessKeyID     = "ecsmock-access-key"
	DefaultAccessKeySecret = "ecsmock-secret-key"
)

// Options configure a Server. The zero value is a usable emulator.
type Options struct {
	// Credentials the emulator accepts; default one static pair.
	Credentials []Credential
	// ActivationDelay is how long (on the emulated clock) purchases and
	// modifications stay Creating/Updating before they settle.
	ActivationDelay time.Duration
	// Latency is added to every API call, before it is handled.
	Latency time.Duration
	// StateFile, when set, is loaded at start and rewritten atomically after
	// every change, so that a restart or a crash loses nothing.
	StateFile string
	// RegionalQuota and ZonalQuota limit live RIs: per account across all
	// regions, and per zone. Default 20 each, as documented.
	RegionalQuota int
	ZonalQuota    int
	// DefaultResourceGroupID is reported for RIs bought without one.
	DefaultResourceGroupID string
	// WallClock is the real time source (signature freshness, throttling);
	// default time.Now.
	WallClock func() time.Time
	// Logger receives one line per API call; nil means silence.
	Logger *log.Logger
}

// Server is the emulator: an http.Handler and its state.
type Server struct {
	opts     Options
	verifier *verifier
	clock    *clock
	catalog  map[string]instanceType
	regions  map[string]region
	faults   *faultSet
	calls    callLog
	latency  atomic.Int64
	control  http.Handler

	mu sync.Mutex
	st *state
}

// New builds an emulator, loading Options.StateFile when it exists.
func New(opts Options) (*Server, error) {
	if len(opts.Credentials) == 0 {
		opts.Credentials = []Credential{{AccessKeyID: DefaultAccessKeyID, AccessKeySecret: DefaultAccessKeySecret}}
	}
	if opts.RegionalQuota == 0 {
		opts.RegionalQuota = 20
	}
	if opts.ZonalQuota == 0 {
		opts.ZonalQuota = 20
	}
	if opts.DefaultResourceGroupID == "" {
		opts.DefaultResourceGroupID = "rg-ecsmockdefault"
	}
	if opts.WallClock == nil {
		opts.WallClock = time.Now
	}
	s := &Server{
		opts:     opts,
		verifier: newVerifier(opts.Credentials, opts.WallClock),
		clock:    &clock{wall: opts.WallClock},
		catalog:  buildCatalog(),
		regions:  map[string]region{},
		faults:   newFaultSet(opts.WallClock),
		st:       newState(),
	}
	s.latency.Store(int64(opts.Latency))
	s.control = s.controlHandler()
	for _, r := range defaultRegions() {
		s.regions[r.ID] = r
	}
	if opts.StateFile != "" {
		st, err := loadState(opts.StateFile)
		if err != nil {
			return nil, err
		}
		s.st = st
		s.clock.SetOffset(st.ClockOffset)
	}
	return s, nil
}

// call is one API invocation being handled.
type call struct {
	action string
	params params
	now    time.Time
	region region
	// replayed is set when a ClientToken matched an earlier request.
	replayed bool
}

type actionFunc func(*Server, *call) (map[string]any, *apiError)

var actions = map[string]actionFunc{
	"PurchaseReservedInstancesOffering":          (*Server).purchase,
	"DescribeReservedInstances":                  (*Server).describe,
	"ModifyReservedInstances":                    (*Server).modify,
	"RenewReservedInstances":                     (*Server).renew,
	"ModifyReservedInstanceAttribute":            (*Server).modifyAttribute,
	"ModifyReservedInstanceAutoRenewAttribute":   (*Server).modifyAutoRenew,
	"DescribeReservedInstanceAutoRenewAttribute": (*Server).describeAutoRenew,
	"TagResources":                               (*Server).tagResources,
	"UntagResources":                             (*Server).untagResources,
	"ListTagResources":                           (*Server).listTagResources,
}

var readOnly = map[string]bool{
	"DescribeReservedInstances": true, "DescribeReservedInstanceAutoRenewAttribute": true, "ListTagResources": true,
}

// ServeHTTP answers ECS API calls on "/" and control requests under /_ecsmock/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_ecsmock/") {
		s.control.ServeHTTP(w, r)
		return
	}
	requestID := newRequestID()
	entry := Call{Time: s.opts.WallClock().UTC(), RequestID: requestID, Action: r.Header.Get("x-acs-action")}
	if entry.Action == "" {
		entry.Action = r.URL.Query().Get("Action")
	}
	resp, aerr, drop := s.handle(r, &entry)
	entry.Status = http.StatusOK
	if aerr != nil {
		entry.Status, entry.Code = aerr.Status, aerr.Code
	}
	entry.Dropped = drop
	s.calls.add(entry)
	if s.opts.Logger != nil {
		s.opts.Logger.Printf("%s %s status=%d code=%s dropped=%t", requestID, entry.Action, entry.Status, entry.Code, drop)
	}
	if drop {
		dropConnection(w)
		return
	}
	if aerr != nil {
		writeJSON(w, aerr.Status, map[string]any{
			"RequestId": requestID,
			"HostId":    hostID(r),
			"Code":      aerr.Code,
			"Message":   aerr.Message,
			"Recommend": fmt.Sprintf("https://api.aliyun.com/troubleshoot?q=%s&product=Ecs&requestId=%s", aerr.Code, requestID),
		})
		return
	}
	body := map[string]any{"RequestId": requestID}
	for k, v := range resp {
		body[k] = v
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) handle(r *http.Request, entry *Call) (map[string]any, *apiError, bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, newError(http.StatusBadRequest, "UnsupportedHTTPMethod", "Only GET and POST are supported."), false
	}
	if r.URL.Path != "/" && r.URL.Path != "" {
		return nil, newError(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."), false
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(body) > maxBodyBytes {
		return nil, errInvalidParameter("The request body could not be read or exceeds 1 MiB."), false
	}
	signed, aerr := s.verifier.verify(r, body)
	if aerr != nil {
		return nil, aerr, false
	}
	entry.Action = signed.Action
	p := apiParams(signed.Params)
	entry.Params = map[string]string{}
	for k, v := range p {
		entry.Params[k] = v[0]
	}
	if signed.Version != APIVersion {
		return nil, newError(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid."), false
	}
	fn, ok := actions[signed.Action]
	if !ok {
		return nil, newError(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."), false
	}

	eff := s.faults.take(signed.Action)
	if d := time.Duration(s.latency.Load()) + eff.latency; d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return nil, errInternal(), false
		}
	}
	if eff.err != nil {
		return nil, eff.err, false
	}

	regionID := p.get("RegionId")
	if regionID == "" {
		return nil, errMissing("RegionId"), false
	}
	reg, ok := s.regions[regionID]
	if !ok {
		return nil, errRegion(regionID), false
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	c := &call{action: signed.Action, params: p, now: s.clock.Now(), region: reg}
	settled := s.st.settle(c.now)
	resp, aerr := fn(s, c)
	entry.Replayed = c.replayed
	if settled || (aerr == nil && !readOnly[signed.Action]) {
		s.persist()
	}
	return resp, aerr, eff.drop && aerr == nil
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

func hostID(r *http.Request) string {
	if r.Host != "" {
		return r.Host
	}
	return "ecs.aliyuncs.com"
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
