package cloud

import (
	"sync"
	"time"
)

// InFlight tracks the purchases in flight per region, so that the reads
// that follow them can wait for one another: the RIs a concurrent apply is
// buying all need reading, and one call can read them all.
type InFlight struct {
	mu      sync.Mutex
	running map[string]map[chan struct{}]bool
}

// Start records a call in flight in a region; done records its end.
func (f *InFlight) Start(region string) (done func()) {
	ch := make(chan struct{})
	f.mu.Lock()
	if f.running == nil {
		f.running = map[string]map[chan struct{}]bool{}
	}
	if f.running[region] == nil {
		f.running[region] = map[chan struct{}]bool{}
	}
	f.running[region][ch] = true
	f.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			f.mu.Lock()
			delete(f.running[region], ch)
			f.mu.Unlock()
			close(ch)
		})
	}
}

// Settled returns a channel closed once every call in flight in the region
// now has ended, or after at most limit; nil when none is in flight.
func (f *InFlight) Settled(region string, limit time.Duration) <-chan struct{} {
	f.mu.Lock()
	var waits []chan struct{}
	for ch := range f.running[region] {
		waits = append(waits, ch)
	}
	f.mu.Unlock()
	if len(waits) == 0 {
		return nil
	}
	out := make(chan struct{})
	go func() {
		defer close(out)
		deadline := time.After(limit)
		for _, ch := range waits {
			select {
			case <-ch:
			case <-deadline:
				return
			}
		}
	}()
	return out
}
