package ecsmock

import (
	"io"
	"net/http"
	"time"
)

// A dialect is everything one cloud's API does differently on the wire: how
// a request is signed, how its parameters are spelled, and how answers and
// errors are wrapped. It never applies rules: it turns a request into an
// operation, and a result back into the cloud's answer. The core in between
// runs faults, idempotency, the store and the lifecycle for every cloud.
type dialect interface {
	cloud() Cloud
	// claims reports whether a request is signed with this dialect's scheme.
	claims(r *http.Request) bool
	// authenticate verifies the signature and reads the envelope of the
	// call. It fills ex as it learns the action, service and region, so
	// that even an early error is answered in a complete envelope. A request
	// may come back with an error once its parameters are known, so that
	// the call log shows them.
	authenticate(r *http.Request, ex *exchange) (*request, *apiError)
	// encode renders an operation's result as the cloud's answer body.
	encode(result any) map[string]any
	writeResult(w http.ResponseWriter, ex *exchange, body map[string]any)
	writeError(w http.ResponseWriter, ex *exchange, aerr *apiError)

	// The errors the core raises on a dialect's behalf, in its cloud's words.
	errThrottled() *apiError
	errMalformedToken() *apiError
	errTokenMismatch() *apiError
	errInternal() *apiError
}

// exchange is what the answer envelope needs to know about a call.
type exchange struct {
	requestID string
	action    string
	version   string
	service   string
	region    string
	host      string
}

// request is an authenticated call whose parameters are not decoded yet.
type request struct {
	service string
	action  string
	// params are the call's parameters, flattened, for the call log.
	params map[string]string
	// idempotent calls honour token; digest tells a retry of the same call
	// from a different call that reuses the token.
	idempotent bool
	token      string
	digest     string
	readOnly   bool
	// decode turns the parameters into the action's typed operation.
	decode func() (operation, *apiError)
}

// operation is one decoded API call. apply runs the cloud's rules against
// the store, with the store locked, and returns a result for the dialect to
// encode.
type operation interface {
	apply(w *world) (any, *apiError)
}

// world is what the rules see: the store, the emulated time and the options.
type world struct {
	now  time.Time
	st   *state
	opts *Options
}

// pendingUntil is when work started now completes.
func (w *world) pendingUntil() time.Time { return w.now.Add(w.opts.ActivationDelay) }

const maxBodyBytes = 1 << 20

// readBody reads at most 1 MiB; ok is false when the body is larger or
// cannot be read.
func readBody(r *http.Request) ([]byte, bool) {
	if r.Body == nil {
		return nil, true
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	return body, err == nil && len(body) <= maxBodyBytes
}
