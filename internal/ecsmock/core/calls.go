package core

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

// Succeeded reports a call that took effect: answered 200 (or dropped after
// it was carried out) and not a replay of an earlier one.
func (c Call) Succeeded() bool { return c.Status == http.StatusOK && !c.Replayed }

// CallLog keeps every call the emulator answered, in order.
type CallLog struct {
	mu    sync.Mutex
	calls []Call
}

// Add records a call.
func (l *CallLog) Add(c Call) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
}

// List returns the calls of one cloud (of every cloud when all is set) and
// action ("" for every action), oldest first.
func (l *CallLog) List(cloud Cloud, all bool, action string) []Call {
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

// Reset forgets every call.
func (l *CallLog) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = nil
}
