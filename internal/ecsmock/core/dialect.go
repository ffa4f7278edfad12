// Package core is the part of the emulator every cloud shares: the store and
// its state file, the clock and the lifecycle, idempotency, faults and
// throttling, quotas, stock, the call log, form decoding, the error type,
// and the seam a cloud plugs into: Dialect, Operation and World.
//
// A dialect is everything one cloud's API does differently: how a request
// is signed, how its parameters are spelled, which rules apply, and how
// answers and errors are wrapped. The core imports no dialect; each dialect
// imports the core and describes its cloud with a Profile.
package core

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// Dialect is one cloud's API on the wire. It turns a request into an
// Operation, and a result back into the cloud's answer; the server in
// between runs faults, idempotency, the store and the lifecycle for every
// cloud.
type Dialect interface {
	// Profile names the cloud and how its RIs live in the store.
	Profile() Profile
	// Claims reports whether a request is signed with this dialect's
	// scheme.
	Claims(r *http.Request) bool
	// Authenticate verifies the signature and reads the envelope of the
	// call. It fills ex as it learns the action, service and region, so
	// that even an early error is answered in a complete envelope. A request
	// may come back with an error once its parameters are known, so that
	// the call log shows them.
	Authenticate(r *http.Request, ex *Exchange) (*Request, *APIError)
	// Encode renders an operation's result as the cloud's answer body.
	Encode(result any) map[string]any
	WriteResult(w http.ResponseWriter, ex *Exchange, body map[string]any)
	WriteError(w http.ResponseWriter, ex *Exchange, aerr *APIError)

	// The errors the server raises on a dialect's behalf, in its cloud's
	// words.
	ErrThrottled() *APIError
	ErrMalformedToken() *APIError
	ErrTokenMismatch() *APIError
	ErrInternal() *APIError

	// Initialise creates what the dialect's options say exists from the
	// start, in a new store and after every reset.
	Initialise(w *World) error
	// PrepareSeed fills in the defaults of an RI a test seeds and checks it
	// against the cloud's catalogue.
	PrepareSeed(ri *ReservedInstance, w *World) error
}

// Groups is implemented by the dialects whose RIs can belong to projects
// and HPC clusters, which tests create through the control API.
type Groups interface {
	AddProject(w *World, name string) error
	AddHpcCluster(w *World, id, zoneID string) error
}

// Exchange is what the answer envelope needs to know about a call.
type Exchange struct {
	RequestID string
	Action    string
	Version   string
	Service   string
	Region    string
	Host      string
}

// Request is an authenticated call whose parameters are not decoded yet.
type Request struct {
	Service string
	Action  string
	// Params are the call's parameters, flattened, for the call log.
	Params map[string]string
	// Idempotent calls honour Token; Digest tells a retry of the same call
	// from a different call that reuses the token.
	Idempotent bool
	Token      string
	Digest     string
	ReadOnly   bool
	// Decode turns the parameters into the action's typed operation.
	Decode func() (Operation, *APIError)
}

// Operation is one decoded API call. Apply runs the cloud's rules against
// the store, with the store locked, and returns a result for the dialect to
// encode.
type Operation interface {
	Apply(w *World) (any, *APIError)
}

// World is what the rules see: the store as one cloud sees it, and the
// emulated time.
type World struct {
	Now             time.Time
	activationDelay time.Duration
	profile         Profile
	st              *Store
}

// NewWorld is the store as one cloud sees it at now; work started then
// completes after activationDelay.
func NewWorld(st *Store, p Profile, now time.Time, activationDelay time.Duration) *World {
	return &World{Now: now, activationDelay: activationDelay, profile: p, st: st}
}

// PendingUntil is when work started now completes.
func (w *World) PendingUntil() time.Time { return w.Now.Add(w.activationDelay) }

// Lifecycle is how the world's cloud spells the states of its RIs.
func (w *World) Lifecycle() Lifecycle { return w.profile.Lifecycle }

// Sorted returns the cloud's RIs in the order they were created.
func (w *World) Sorted() []*ReservedInstance { return w.st.Sorted(w.profile.Cloud) }

// Find returns an RI of the cloud by ID.
func (w *World) Find(id string) (*ReservedInstance, bool) {
	ri, ok := w.st.RIs[id]
	if !ok || ri.Cloud != w.profile.Cloud {
		return nil, false
	}
	return ri, true
}

// Add stores a new RI of the cloud.
func (w *World) Add(ri *ReservedInstance) {
	ri.Cloud = w.profile.Cloud
	w.st.Add(ri)
}

// NextSeq is the next number of the store's sequence.
func (w *World) NextSeq() int64 { return w.st.NextSeq() }

// HasProject reports whether a project was created.
func (w *World) HasProject(name string) bool { return w.st.Projects[name] }

// AddProject creates a project.
func (w *World) AddProject(name string) { w.st.Projects[name] = true }

// HpcClusterZone is the zone of an HPC cluster that was created.
func (w *World) HpcClusterZone(id string) (string, bool) {
	zoneID, ok := w.st.HpcClusters[id]
	return zoneID, ok
}

// AddHpcCluster creates an HPC cluster in a zone.
func (w *World) AddHpcCluster(id, zoneID string) { w.st.HpcClusters[id] = zoneID }

// MaxBodyBytes is the largest request body either cloud accepts.
const MaxBodyBytes = 1 << 20

// ReadBody reads at most 1 MiB; ok is false when the body is larger or
// cannot be read.
func ReadBody(r *http.Request) ([]byte, bool) {
	if r.Body == nil {
		return nil, true
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	return body, err == nil && len(body) <= MaxBodyBytes
}

// WriteJSON answers with a JSON body.
func WriteJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// SetDefault fills an empty string field.
func SetDefault(v *string, def string) {
	if *v == "" {
		*v = def
	}
}
