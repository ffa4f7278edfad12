package ecsmock

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// Duration is a time.Duration that reads "50ms" or a number of nanoseconds
// from JSON, so that the control endpoints take human durations.
type Duration time.Duration

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		if err != nil {
			return err
		}
		*d = Duration(v)
		return nil
	}
	var n int64
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("duration must be a string such as \"50ms\" or a number of nanoseconds")
	}
	*d = Duration(n)
	return nil
}

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Fault makes the next calls of an action misbehave. Exactly one of Code
// (fail with that error), DropResponse (carry the call out, then close the
// connection without answering: the ambiguous failure) or Latency (answer
// late) is usually set; they combine.
type Fault struct {
	// Action is the API name; empty matches every action.
	Action string `json:"action,omitempty"`
	// Times is how many matching calls the fault affects: 0 means one,
	// a negative number means every call until the faults are cleared.
	Times        int      `json:"times,omitempty"`
	Status       int      `json:"status,omitempty"`
	Code         string   `json:"code,omitempty"`
	Message      string   `json:"message,omitempty"`
	DropResponse bool     `json:"drop_response,omitempty"`
	Latency      Duration `json:"latency,omitempty"`
}

// Throttle limits an action (or, with an empty Action, every action) to a
// token bucket; calls over the limit get the real Throttling.User error.
type Throttle struct {
	Action        string  `json:"action,omitempty"`
	RatePerSecond float64 `json:"rate_per_second"`
	Burst         int     `json:"burst"`
}

type bucket struct {
	Throttle
	tokens float64
	last   time.Time
}

// effect is what the faults decided for one call.
type effect struct {
	err     *apiError
	drop    bool
	latency time.Duration
}

type faultSet struct {
	mu      sync.Mutex
	faults  []*Fault
	buckets map[string]*bucket
	wall    func() time.Time
}

func newFaultSet(wall func() time.Time) *faultSet {
	return &faultSet{buckets: map[string]*bucket{}, wall: wall}
}

func (f *faultSet) add(fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fault.Times == 0 {
		fault.Times = 1
	}
	if fault.Code != "" && fault.Status == 0 {
		fault.Status = 500
	}
	if fault.Code != "" && fault.Message == "" {
		fault.Message = "Injected fault."
	}
	f.faults = append(f.faults, &fault)
}

func (f *faultSet) throttle(t Throttle) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.RatePerSecond <= 0 {
		delete(f.buckets, t.Action)
		return
	}
	if t.Burst < 1 {
		t.Burst = 1
	}
	f.buckets[t.Action] = &bucket{Throttle: t, tokens: float64(t.Burst), last: f.wall()}
}

func (f *faultSet) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = nil
	f.buckets = map[string]*bucket{}
}

// take consumes the first fault that matches the action and charges its
// token buckets.
func (f *faultSet) take(action string) effect {
	f.mu.Lock()
	defer f.mu.Unlock()
	var eff effect
	now := f.wall()
	for _, key := range []string{"", action} {
		b := f.buckets[key]
		if b == nil {
			continue
		}
		b.tokens += now.Sub(b.last).Seconds() * b.RatePerSecond
		if b.tokens > float64(b.Burst) {
			b.tokens = float64(b.Burst)
		}
		b.last = now
		if b.tokens < 1 {
			eff.err = errThrottled()
		} else {
			b.tokens--
		}
	}
	for i, fault := range f.faults {
		if fault.Action != "" && fault.Action != action {
			continue
		}
		eff.latency = time.Duration(fault.Latency)
		eff.drop = fault.DropResponse
		if fault.Code != "" && eff.err == nil {
			eff.err = newError(fault.Status, fault.Code, "%s", fault.Message)
		}
		if fault.Times > 0 {
			fault.Times--
			if fault.Times == 0 {
				f.faults = append(f.faults[:i], f.faults[i+1:]...)
			}
		}
		break
	}
	return eff
}

// Call is one request as the emulator saw it.
type Call struct {
	Time      time.Time         `json:"time"`
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

type callLog struct {
	mu    sync.Mutex
	calls []Call
}

func (l *callLog) add(c Call) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
}

func (l *callLog) list(action string) []Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Call
	for _, c := range l.calls {
		if action == "" || c.Action == action {
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
