package cloud

import (
	"context"
	"sync"
	"time"
)

// Coalescer merges concurrent look-ups by ID into calls of up to max IDs.
// Terraform refreshes resources in parallel; each refresh asks for a few
// IDs. The first request for a region opens a short window, requests that
// arrive within it join the batch, and one call answers them all. Nothing is
// cached: every answer is as fresh as the call that carried it, so writes
// never leave stale data behind.
type Coalescer[T any] struct {
	window time.Duration
	max    int
	fetch  func(ctx context.Context, region string, ids []string) (map[string]T, error)
	// timeout bounds a batch's call, which serves many callers and so runs
	// on a context of its own.
	timeout time.Duration

	mu   sync.Mutex
	open map[string]*batch[T]
}

type batch[T any] struct {
	seen   map[string]bool
	ids    []string
	done   chan struct{}
	result map[string]T
	err    error
}

// NewCoalescer returns a coalescer of calls of up to maxIDs, each opened for
// window and run with timeout. A window of zero or less disables it.
func NewCoalescer[T any](window time.Duration, maxIDs int, timeout time.Duration, fetch func(context.Context, string, []string) (map[string]T, error)) *Coalescer[T] {
	return &Coalescer[T]{window: window, max: maxIDs, timeout: timeout, fetch: fetch, open: map[string]*batch[T]{}}
}

// Get returns the entries for ids that exist.
func (c *Coalescer[T]) Get(ctx context.Context, region string, ids []string) (map[string]T, error) {
	if len(ids) == 0 {
		return map[string]T{}, nil
	}
	if c.window <= 0 || len(ids) >= c.max {
		return c.fetch(ctx, region, ids)
	}
	c.mu.Lock()
	b := c.open[region]
	if b != nil && len(b.ids)+len(ids) > c.max {
		c.sendLocked(region, b)
		b = nil
	}
	if b == nil {
		b = &batch[T]{seen: map[string]bool{}, done: make(chan struct{})}
		c.open[region] = b
		time.AfterFunc(c.window, func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.sendLocked(region, b)
		})
	}
	for _, id := range ids {
		if !b.seen[id] {
			b.seen[id] = true
			b.ids = append(b.ids, id)
		}
	}
	if len(b.ids) >= c.max {
		c.sendLocked(region, b)
	}
	c.mu.Unlock()

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

// sendLocked closes a batch to newcomers and sends it, once. Called with
// c.mu held.
func (c *Coalescer[T]) sendLocked(region string, b *batch[T]) {
	if c.open[region] != b {
		return // already sent
	}
	delete(c.open, region)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
		b.result, b.err = c.fetch(ctx, region, b.ids)
		close(b.done)
	}()
}
