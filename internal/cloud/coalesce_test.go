package cloud

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder is a fetch that takes a while and remembers each call's IDs.
type recorder struct {
	mu    sync.Mutex
	calls [][]string
	delay time.Duration
}

func (r *recorder) fetch(_ context.Context, _ string, ids []string) (map[string]string, error) {
	time.Sleep(r.delay)
	r.mu.Lock()
	r.calls = append(r.calls, append([]string{}, ids...))
	r.mu.Unlock()
	out := map[string]string{}
	for _, id := range ids {
		out[id] = "seen " + id
	}
	return out, nil
}

// gated is a fetch that holds each call until the test lets it answer,
// remembering each call's IDs.
type gated struct {
	mu    sync.Mutex
	calls [][]string
	sent  chan struct{}
	gate  chan struct{}
}

func (g *gated) fetch(_ context.Context, _ string, ids []string) (map[string]string, error) {
	g.mu.Lock()
	g.calls = append(g.calls, append([]string{}, ids...))
	g.mu.Unlock()
	g.sent <- struct{}{}
	<-g.gate
	out := map[string]string{}
	for _, id := range ids {
		out[id] = "seen " + id
	}
	return out, nil
}

// queued is how many IDs wait in the region's batches.
func queued[T any](c *Coalescer[T], region string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	if q := c.regions[region]; q != nil {
		for _, b := range q.pending {
			n += len(b.ids)
		}
	}
	return n
}

// One look-up alone is sent at once; look-ups made while a call is in
// flight all share the next call; each caller gets exactly its own answers.
// The fetch is gated, so the test does not depend on timing.
func TestCoalescerSendsAtOnceAndQueuesWhileInFlight(t *testing.T) {
	g := &gated{sent: make(chan struct{}, 100), gate: make(chan struct{})}
	c := NewCoalescer(0, 100, time.Minute, g.fetch)
	first := make(chan map[string]string, 1)
	go func() {
		got, _ := c.Get(context.Background(), "r", []string{"a"})
		first <- got
	}()
	<-g.sent // a lone look-up is sent without waiting for company
	var wg sync.WaitGroup
	var wrong atomic.Int32
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := string(rune('b' + i))
			got, err := c.Get(context.Background(), "r", []string{id})
			if err != nil || len(got) != 1 || got[id] != "seen "+id {
				wrong.Add(1)
			}
		}()
	}
	for queued(c, "r") < 20 {
		time.Sleep(time.Millisecond)
	}
	close(g.gate) // every call answers from now on
	wg.Wait()
	if got := <-first; got["a"] != "seen a" || len(got) != 1 {
		t.Fatalf("the first look-up got %v", got)
	}
	if wrong.Load() != 0 {
		t.Fatalf("%d callers got answers that were not theirs", wrong.Load())
	}
	if len(g.calls) != 2 || len(g.calls[0]) != 1 || len(g.calls[1]) != 20 {
		t.Fatalf("one call for the lone look-up, then one for the 20 made while it was in flight; got %v", g.calls)
	}
}

// A batch waits for what Hold says (the purchases in flight), so the reads
// that follow them share it.
func TestCoalescerHoldsForPurchasesInFlight(t *testing.T) {
	rec := &recorder{}
	c := NewCoalescer(0, 100, time.Second, rec.fetch)
	var purchasing InFlight
	c.Hold = func(region string) <-chan struct{} { return purchasing.Settled(region, time.Second) }
	done := []func(){purchasing.Start("r"), purchasing.Start("r")}
	results := make(chan error, 3)
	get := func(id string) {
		_, err := c.Get(context.Background(), "r", []string{id})
		results <- err
	}
	waitQueued := func(n int) {
		for queued(c, "r") < n {
			time.Sleep(time.Millisecond)
		}
	}
	go get("first")
	waitQueued(1)
	done[0]()
	go get("second")
	waitQueued(2)
	done[1]()
	go get("third")
	for range 3 {
		if err := <-results; err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.calls) > 2 || len(rec.calls[0]) < 2 {
		t.Fatalf("the read held for the purchases in flight should carry the reads that followed them: %v", rec.calls)
	}
	if ch := purchasing.Settled("r", time.Second); ch != nil {
		t.Fatal("nothing is in flight any more")
	}
}
