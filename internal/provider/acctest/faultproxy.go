package acctest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// FaultProxy stands in front of the emulator and misbehaves on chosen calls
// of one action, counted from the first: it can let the call happen and
// drop the answer (the ambiguous failure), or refuse it with an error
// without passing it on. The emulator's own faults apply from the next
// call; this picks the nth, which a test of a sequence of calls needs.
type FaultProxy struct {
	next http.Handler

	mu    sync.Mutex
	rules []Rule
	seen  map[string]int
	// OnRequest, when set, hears of every request as it arrives.
	OnRequest func(action string)
}

// Rule picks calls of one action, counted from the first (1-based,
// inclusive; To 0 means every call from From on), and either carries each
// out and drops the answer (the ambiguous failure) or refuses it with
// Status and Code without passing it on.
type Rule struct {
	Action   string
	From, To int
	Drop     bool
	Status   int
	Code     string
}

func newFaultProxy(next http.Handler) *FaultProxy {
	return &FaultProxy{next: next, seen: map[string]int{}}
}

// Add makes the proxy misbehave on the calls the rule picks.
func (p *FaultProxy) Add(r Rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, r)
}

// Clear lets every call through again.
func (p *FaultProxy) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = nil
}

func (p *FaultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.OnRequest != nil {
		p.OnRequest(requestAction(r))
	}
	rule, ok := p.match(requestAction(r))
	switch {
	case !ok:
		p.next.ServeHTTP(w, r)
	case rule.Drop:
		p.next.ServeHTTP(httptest.NewRecorder(), r)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rule.Status)
		_ = json.NewEncoder(w).Encode(refusal(r, rule.Code))
	}
}

func (p *FaultProxy) match(action string) (Rule, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[action]++
	n := p.seen[action]
	for _, r := range p.rules {
		if r.Action == action && n >= r.From && (r.To == 0 || n <= r.To) {
			return r, true
		}
	}
	return Rule{}, false
}

// refusal is an error answer in the request's cloud's envelope.
func refusal(r *http.Request, code string) any {
	if !strings.HasPrefix(r.Header.Get("Authorization"), "HMAC-SHA256") {
		return map[string]string{"RequestId": "PROXY-REFUSED", "Code": code, "Message": "refused by the test"}
	}
	return map[string]any{"ResponseMetadata": map[string]any{"RequestId": "PROXY-REFUSED", "Action": requestAction(r),
		"Error": map[string]any{"Code": code, "Message": "refused by the test"}}}
}

// requestAction is the API action of a request: the ACS3 header, else the
// query parameter.
func requestAction(r *http.Request) string {
	if a := r.Header.Get("x-acs-action"); a != "" {
		return a
	}
	return r.URL.Query().Get("Action")
}
