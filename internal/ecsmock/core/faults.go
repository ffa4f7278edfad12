package core

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// Duration is a time.Duration that reads "50ms" or a number of nanoseconds
// from JSON, so that the control endpoints take human durations.
type Duration time.Duration

// UnmarshalJSON reads "50ms" or a number of nanoseconds.
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

// MarshalJSON writes the duration as Go spells it.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Fault makes the next calls of an action misbehave. Exactly one of Code
// (fail with that error), DropResponse (carry the call out, then close the
// connection without answering: the ambiguous failure) or Latency (answer
// late) is usually set; they combine.
type Fault struct {
	// Action is the API name; empty matches every action of the cloud.
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

// Throttle limits an action (or, with an empty Action, every action of the
// cloud) to a token bucket; calls over the limit get the cloud's own
// throttling error (Throttling.User on Alibaba, FlowLimitExceeded on
// Volcengine).
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

// Effect is what the faults decided for one call.
type Effect struct {
	Err       *APIError
	Throttled bool
	Drop      bool
	Latency   time.Duration
}

// cloudFault is a queued fault and the cloud whose calls it hits.
type cloudFault struct {
	Fault
	cloud Cloud
}

// FaultSet holds the faults and token buckets of every cloud.
type FaultSet struct {
	mu      sync.Mutex
	faults  []*cloudFault
	buckets map[string]*bucket
	wall    func() time.Time
}

// NewFaultSet makes an empty set whose buckets refill on the wall clock.
func NewFaultSet(wall func() time.Time) *FaultSet {
	return &FaultSet{buckets: map[string]*bucket{}, wall: wall}
}

func bucketKey(cloud Cloud, action string) string { return string(cloud) + "|" + action }

// Add queues a fault for the calls of a cloud.
func (f *FaultSet) Add(cloud Cloud, fault Fault) {
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
	f.faults = append(f.faults, &cloudFault{Fault: fault, cloud: cloud})
}

// Throttle installs (or, with a zero rate, removes) a token bucket for the
// calls of a cloud.
func (f *FaultSet) Throttle(cloud Cloud, t Throttle) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := bucketKey(cloud, t.Action)
	if t.RatePerSecond <= 0 {
		delete(f.buckets, key)
		return
	}
	if t.Burst < 1 {
		t.Burst = 1
	}
	f.buckets[key] = &bucket{Throttle: t, tokens: float64(t.Burst), last: f.wall()}
}

// Clear removes every fault and bucket.
func (f *FaultSet) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = nil
	f.buckets = map[string]*bucket{}
}

// Take charges the call's token buckets and consumes the first fault that
// matches it.
func (f *FaultSet) Take(cloud Cloud, action string) Effect {
	f.mu.Lock()
	defer f.mu.Unlock()
	var eff Effect
	eff.Throttled = f.chargeBuckets(cloud, action)
	for i, fault := range f.faults {
		if fault.cloud != cloud || (fault.Action != "" && fault.Action != action) {
			continue
		}
		eff.Latency = time.Duration(fault.Latency)
		eff.Drop = fault.DropResponse
		if fault.Code != "" {
			eff.Err = NewError(fault.Status, fault.Code, "%s", fault.Message)
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

// chargeBuckets takes a token from the cloud-wide and the action's bucket
// and reports whether either was empty.
func (f *FaultSet) chargeBuckets(cloud Cloud, action string) bool {
	now := f.wall()
	throttled := false
	for _, key := range []string{bucketKey(cloud, ""), bucketKey(cloud, action)} {
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
			throttled = true
		} else {
			b.tokens--
		}
	}
	return throttled
}
