package cloud

import (
	"context"
	"sync"
	"time"
)

// Coalescer merges concurrent look-ups by ID into calls of up to max IDs,
// one call in flight per region at a time. A look-up made while nothing is
// in flight is sent at once (after window, when one is set); look-ups made
// while a call is in flight queue together and go in the next call. Under
// load (a refresh of many resources, many purchases waiting) calls fill up
// by themselves; alone, a look-up waits for nothing. Nothing is cached:
// every answer is as fresh as the call that carried it, so writes never
// leave stale data behind.
type Coalescer[T any] struct {
	window time.Duration
	max    int
	fetch  func(ctx context.Context, region string, ids []string) (map[string]T, error)
	// timeout bounds a batch's call, which serves many callers and so runs
	// on a context of its own.
	timeout time.Duration

	// Hold, when set, says what a new batch should wait for before it is
	// sent (nil: nothing), e.g. the purchases in flight whose reads would
	// share it.
	Hold func(region string) <-chan struct{}

	mu      sync.Mutex
	regions map[string]*queue[T]
}

// queue is a region's batches waiting to be sent, oldest first, and
// whether a call is in flight.
type queue[T any] struct {
	pending  []*batch[T]
	inFlight bool
}

type batch[T any] struct {
	seen   map[string]bool
	ids    []string
	ready  bool // its window has passed
	done   chan struct{}
	result map[string]T
	err    error
}

// NewCoalescer returns a coalescer of calls of up to maxIDs, each run with
// timeout; window, when positive, delays a batch's first send to let more
// look-ups join. A negative window disables coalescing.
func NewCoalescer[T any](window time.Duration, maxIDs int, timeout time.Duration, fetch func(context.Context, string, []string) (map[string]T, error)) *Coalescer[T] {
	return &Coalescer[T]{window: window, max: maxIDs, timeout: timeout, fetch: fetch, regions: map[string]*queue[T]{}}
}

// Get returns the entries for ids that exist.
func (c *Coalescer[T]) Get(ctx context.Context, region string, ids []string) (map[string]T, error) {
	if len(ids) == 0 {
		return map[string]T{}, nil
	}
	if c.window < 0 || len(ids) >= c.max {
		return c.fetch(ctx, region, ids)
	}
	b := c.enqueue(region, ids)
	select {
	case <-b.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if b.err != nil {
		return nil, b.err
	}
	out := make(map[string]T, len(ids))
	for _, id := range ids {
		if v, ok := b.result[id]; ok {
			out[id] = v
		}
	}
	return out, nil
}

// enqueue adds ids to the region's newest batch that has room, or to a new
// one, and sends what can be sent.
func (c *Coalescer[T]) enqueue(region string, ids []string) *batch[T] {
	c.mu.Lock()
	defer c.mu.Unlock()
	q := c.regions[region]
	if q == nil {
		q = &queue[T]{}
		c.regions[region] = q
	}
	var b *batch[T]
	if n := len(q.pending); n > 0 && len(q.pending[n-1].ids)+len(ids) <= c.max {
		b = q.pending[n-1]
	} else {
		b = c.newBatch(region)
		q.pending = append(q.pending, b)
	}
	for _, id := range ids {
		if !b.seen[id] {
			b.seen[id] = true
			b.ids = append(b.ids, id)
		}
	}
	c.pumpLocked(region)
	return b
}

// newBatch opens a batch, ready at once or after its window and hold.
func (c *Coalescer[T]) newBatch(region string) *batch[T] {
	b := &batch[T]{seen: map[string]bool{}, done: make(chan struct{})}
	var hold <-chan struct{}
	if c.Hold != nil {
		hold = c.Hold(region)
	}
	if c.window == 0 && hold == nil {
		b.ready = true
		return b
	}
	go func() {
		time.Sleep(c.window)
		if hold != nil {
			<-hold
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		b.ready = true
		c.pumpLocked(region)
	}()
	return b
}

// pumpLocked sends the oldest batch when nothing is in flight and it is
// ready or full. Called with c.mu held.
func (c *Coalescer[T]) pumpLocked(region string) {
	q := c.regions[region]
	if q.inFlight || len(q.pending) == 0 {
		return
	}
	b := q.pending[0]
	if !b.ready && len(b.ids) < c.max {
		return
	}
	q.pending, q.inFlight = q.pending[1:], true
	go c.send(region, b)
}

func (c *Coalescer[T]) send(region string, b *batch[T]) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	b.result, b.err = c.fetch(ctx, region, b.ids)
	close(b.done)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.regions[region].inFlight = false
	c.pumpLocked(region)
}
