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

// One look-up alone is sent at once; look-ups made while a call is in
// flight share the next call; each caller gets exactly its own answers.
func TestCoalescerSendsAtOnceAndQueuesWhileInFlight(t *testing.T) {
	rec := &recorder{delay: 30 * time.Millisecond}
	c := NewCoalescer(0, 100, time.Second, rec.fetch)
	began := time.Now()
	got, err := c.Get(context.Background(), "r", []string{"a"})
	if err != nil || got["a"] != "seen a" || time.Since(began) > 25*time.Millisecond+rec.delay {
		t.Fatalf("a lone look-up must not wait: %v %v after %s", got, err, time.Since(began))
	}
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
		time.Sleep(2 * time.Millisecond)
	}
	wg.Wait()
	if wrong.Load() != 0 {
		t.Fatalf("%d callers got answers that were not theirs", wrong.Load())
	}
	if n := len(rec.calls); n < 2 || n > 4 {
		t.Fatalf("20 look-ups over 40 ms with 30 ms calls should share 2-3 calls after the first, got %d calls: %v", n, rec.calls)
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
	go get("first")
	time.Sleep(10 * time.Millisecond)
	done[0]()
	go get("second")
	time.Sleep(10 * time.Millisecond)
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
