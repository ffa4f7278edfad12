package provider

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// faultProxy stands in front of the emulator and misbehaves on chosen calls
// of one action, counted from the first: it can let the call happen and
// drop the answer (the ambiguous failure), or refuse it with an error
// without passing it on. The emulator's own faults apply from the next
// call; this picks the nth, which a test of a sequence of calls needs.
type faultProxy struct {
	next http.Handler

	mu    sync.Mutex
	rules []proxyRule
	seen  map[string]int
	// onRequest, when set, hears of every request as it arrives.
	onRequest func(action string)
}

type proxyRule struct {
	action   string
	from, to int // 1-based, inclusive; to 0 means every call from on
	drop     bool
	status   int
	code     string
}

func newFaultProxy(next http.Handler) *faultProxy {
	return &faultProxy{next: next, seen: map[string]int{}}
}

func (p *faultProxy) add(r proxyRule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, r)
}

func (p *faultProxy) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = nil
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.onRequest != nil {
		p.onRequest(requestAction(r))
	}
	rule, ok := p.match(requestAction(r))
	switch {
	case !ok:
		p.next.ServeHTTP(w, r)
	case rule.drop:
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
		w.WriteHeader(rule.status)
		_ = json.NewEncoder(w).Encode(refusal(r, rule.code))
	}
}

func (p *faultProxy) match(action string) (proxyRule, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[action]++
	n := p.seen[action]
	for _, r := range p.rules {
		if r.action == action && n >= r.from && (r.to == 0 || n <= r.to) {
			return r, true
		}
	}
	return proxyRule{}, false
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
