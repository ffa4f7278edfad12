package ecsmock

import (
	"net/http"
	"sync"
	"time"
)

// Call is one request as the emulator saw it.
type Call struct {
	Time time.Time `json:"time"`
	// Cloud is the dialect that answered; Service is "ecs" on Alibaba, and
	// "ecs" or "billing" (from the credential scope) on Volcengine.
	Cloud     Cloud             `json:"cloud"`
	Service   string            `json:"service,omitempty"`
	Action    string            `json:"action"`
	Params    map[string]string `json:"params,omitempty"`
	Status    int               `json:"status"`
	Code      string            `json:"code,omitempty"`
	RequestID string            `json:"request_id"`
	// Dropped is true when the call was carried out but its response was
	// withheld by a DropResponse fault.
	Dropped bool `json:"dropped,omitempty"`
	// Replayed is true when a ClientToken matched an earlier call and the
	// earlier answer was returned without doing anything.
	Replayed bool `json:"replayed,omitempty"`
}

// succeeded reports a call that took effect: answered 200 (or dropped after
// it was carried out) and not a replay of an earlier one.
func (c Call) succeeded() bool { return c.Status == http.StatusOK && !c.Replayed }

type callLog struct {
	mu    sync.Mutex
	calls []Call
}

func (l *callLog) add(c Call) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
}

// list returns the calls of one cloud (every cloud when all is set) and
// action ("" for every action), oldest first.
func (l *callLog) list(cloud Cloud, all bool, action string) []Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Call
	for _, c := range l.calls {
		if (all || c.Cloud == cloud) && (action == "" || c.Action == action) {
			out = append(out, c)
		}
	}
	return out
}

func (l *callLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = nil
}
