package cloud

import (
	"context"
	"time"
)

// Reads is the read side both clients share: fresh reads of RIs and of
// their renewal (which each cloud reports through another call), batched
// across concurrent callers; lookups answered from a listing of the region
// during a large refresh; and the waiter for activation. A client supplies
// its cloud's calls in ReadsConfig and embeds Reads.
type Reads struct {
	ris       *Coalescer[RI]
	renewals  *Coalescer[Renewal]
	renewNow  func(ctx context.Context, region string, ids []string) (map[string]Renewal, error)
	snapshots *Snapshots
	poll      time.Duration
	// purchasing are the purchases in flight: batched reads wait for them,
	// since the reads that follow them then share a call.
	purchasing InFlight
}

// ReadsConfig names a cloud's read calls and its limits.
type ReadsConfig struct {
	// MaxIDs and MaxRenewalIDs are how many IDs one call of each read takes.
	MaxIDs, MaxRenewalIDs int
	// SnapshotThreshold: see Snapshots.
	SnapshotThreshold int
	Describe          func(ctx context.Context, region string, ids []string) (map[string]RI, error)
	Renewals          func(ctx context.Context, region string, ids []string) (map[string]Renewal, error)
	// ListLive lists every live RI of a region, with its renewal.
	ListLive func(ctx context.Context, region string) (map[string]RI, error)
}

// NewReads builds the shared read side of a client. A batched call serves
// many callers, so it is bounded by ten request timeouts, not one caller's.
func NewReads(p Pacing, cfg ReadsConfig) *Reads {
	timeout := 10 * p.RequestTimeout
	r := &Reads{
		ris:       NewCoalescer(p.BatchWindow, cfg.MaxIDs, timeout, cfg.Describe),
		renewals:  NewCoalescer(p.BatchWindow, cfg.MaxRenewalIDs, timeout, cfg.Renewals),
		renewNow:  cfg.Renewals,
		snapshots: &Snapshots{Threshold: cfg.SnapshotThreshold, Timeout: timeout, List: cfg.ListLive},
		poll:      p.PollInterval,
	}
	r.ris.Hold = func(region string) <-chan struct{} { return r.purchasing.Settled(region, p.RequestTimeout) }
	return r
}

// Purchase runs buy, which returns the ID of the RI it bought, as a
// purchase in flight in region: batched reads wait for it (see
// Coalescer.Hold), so the reads that follow purchases share a call. The RI
// is then dropped from the listings, to be read fresh.
func (r *Reads) Purchase(region string, buy func() (string, error)) (string, error) {
	done := r.purchasing.Start(region)
	defer done()
	id, err := buy()
	r.Invalidate(id)
	return id, err
}

// Describe reads RIs and their renewal fresh. Concurrent calls share API
// calls.
func (r *Reads) Describe(ctx context.Context, region string, ids []string) (map[string]RI, error) {
	return describeWithRenewal(ctx, ids,
		func(ctx context.Context, ids []string) (map[string]RI, error) { return r.ris.Get(ctx, region, ids) },
		func(ctx context.Context, ids []string) (map[string]Renewal, error) {
			return r.renewals.Get(ctx, region, ids)
		})
}

// Lookup reads RIs for a refresh, from a listing of the region once this
// process has looked up enough IDs there.
func (r *Reads) Lookup(ctx context.Context, region string, ids []string) (map[string]RI, error) {
	return r.snapshots.Lookup(ctx, region, ids, r.Describe)
}

// WaitActive polls until every RI is active.
func (r *Reads) WaitActive(ctx context.Context, region string, ids []string) (map[string]RI, error) {
	return WaitActive(ctx, ids, r.poll, func(ctx context.Context, ids []string) (map[string]RI, error) {
		return r.ris.Get(ctx, region, ids)
	})
}

// Invalidate drops RIs from the listings kept for lookups: a write changed
// them, so the next lookup reads them fresh.
func (r *Reads) Invalidate(ids ...string) { r.snapshots.Invalidate(ids...) }

// AttachRenewal gives each RI of a listing its renewal, read now, and keeps
// the listing's order.
func (r *Reads) AttachRenewal(ctx context.Context, region string, list []RI) ([]RI, error) {
	renewals, err := r.renewNow(ctx, region, IDs(list))
	if err != nil {
		return nil, err
	}
	out := make([]RI, len(list))
	for i, ri := range list {
		ri.Renewal = renewals[ri.ID]
		out[i] = ri
	}
	return out, nil
}
