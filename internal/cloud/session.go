package cloud

import (
	"context"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/reservation"
)

// Session is a Backend with the read policy every cloud shares: reads of
// RIs and of their renewal, batched across concurrent callers; look-ups
// answered from a listing of the region during a large refresh; the waiter
// for activation; and purchases in flight, which batched reads wait for so
// that the reads that follow purchases share a call. Writes go to the
// Backend and drop what they touch from the listings. It is safe for
// concurrent use; one serves a provider process.
type Session struct {
	b         Backend
	ris       *Coalescer[RI]
	renewals  *Coalescer[Renewal]
	snapshots *Snapshots
	poll      time.Duration
	// purchasing are the purchases in flight.
	purchasing InFlight
}

// NewSession wraps b with the read policy. A batched call serves many
// callers, so it is bounded by ten request timeouts, not one caller's.
func NewSession(b Backend, p Pacing) *Session {
	p = p.WithDefaults()
	limits := b.ReadLimits()
	timeout := 10 * p.RequestTimeout
	s := &Session{
		b:        b,
		ris:      NewCoalescer(p.BatchWindow, limits.MaxIDs, timeout, b.DescribeRIs),
		renewals: NewCoalescer(p.BatchWindow, limits.MaxRenewalIDs, timeout, b.Renewals),
		poll:     p.PollInterval,
	}
	s.snapshots = &Snapshots{Threshold: limits.SnapshotThreshold, Timeout: timeout, List: s.listLive}
	s.ris.Hold = func(region string) <-chan struct{} { return s.purchasing.Settled(region, p.RequestTimeout) }
	return s
}

// Backend is the cloud the session wraps, for its optional capabilities.
func (s *Session) Backend() Backend { return s.b }

// Rules are the cloud's.
func (s *Session) Rules() *reservation.Rules { return s.b.Rules() }

// Describe reads RIs and their renewal fresh. Concurrent calls share API
// calls.
func (s *Session) Describe(ctx context.Context, region string, ids []string) (map[string]RI, error) {
	type result struct {
		byID map[string]Renewal
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		byID, err := s.renewals.Get(ctx, region, ids)
		ch <- result{byID, err}
	}()
	found, err := s.ris.Get(ctx, region, ids)
	r := <-ch
	if err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	return withRenewal(found, r.byID), nil
}

// Lookup reads RIs for a refresh, from a listing of the region once this
// process has looked up enough IDs there.
func (s *Session) Lookup(ctx context.Context, region string, ids []string) (map[string]RI, error) {
	return s.snapshots.Lookup(ctx, region, ids, s.Describe)
}

// WaitActive polls until every RI is active. It returns the last
// observation even on failure, so callers can record what exists; the
// observations carry no renewal.
func (s *Session) WaitActive(ctx context.Context, region string, ids []string) (map[string]RI, error) {
	return WaitActive(ctx, ids, s.poll, func(ctx context.Context, ids []string) (map[string]RI, error) {
		return s.ris.Get(ctx, region, ids)
	})
}

// Find lists the RIs matching a filter, with their renewal, in the
// listing's order.
func (s *Session) Find(ctx context.Context, region string, f Filter) ([]RI, error) {
	list, err := s.b.Find(ctx, region, f)
	if err != nil {
		return nil, err
	}
	return s.attachRenewal(ctx, region, list)
}

// listLive lists the region's live RIs with their renewal: the listing
// that serves a large refresh.
func (s *Session) listLive(ctx context.Context, region string) (map[string]RI, error) {
	list, err := s.b.ListLive(ctx, region)
	if err != nil {
		return nil, err
	}
	list, err = s.attachRenewal(ctx, region, list)
	if err != nil {
		return nil, err
	}
	return ByID(list), nil
}

func (s *Session) attachRenewal(ctx context.Context, region string, list []RI) ([]RI, error) {
	if len(list) == 0 {
		return list, nil
	}
	renewals, err := s.b.Renewals(ctx, region, IDs(list))
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

// invalidate drops RIs from the listings kept for look-ups: a write changed
// them, so the next look-up reads them fresh.
func (s *Session) invalidate(ids ...string) { s.snapshots.Invalidate(ids...) }

// Purchase buys one RI as a purchase in flight in its region: batched
// reads wait for it, so the reads that follow purchases share a call.
func (s *Session) Purchase(ctx context.Context, req PurchaseRequest) (string, error) {
	done := s.purchasing.Start(req.Region)
	defer done()
	id, err := s.b.Purchase(ctx, req)
	s.invalidate(id)
	return id, err
}

// Modify makes one modification.
func (s *Session) Modify(ctx context.Context, req ModifyRequest) ([]string, error) {
	ids, err := s.b.Modify(ctx, req)
	s.invalidate(append(append([]string{}, req.Sources...), ids...)...)
	return ids, err
}

// Renew extends RIs by a term.
func (s *Session) Renew(ctx context.Context, req RenewRequest) error {
	defer func() {
		for _, b := range req.Batches {
			s.invalidate(b.IDs...)
		}
	}()
	return s.b.Renew(ctx, req)
}

// SetRenewal switches automatic renewal on or off.
func (s *Session) SetRenewal(ctx context.Context, region string, ids []string, r Renewal) error {
	defer s.invalidate(ids...)
	return s.b.SetRenewal(ctx, region, ids, r)
}

// Tag sets tags on RIs.
func (s *Session) Tag(ctx context.Context, region string, ids []string, tags map[string]string) error {
	defer s.invalidate(ids...)
	return s.b.Tag(ctx, region, ids, tags)
}

// Untag removes tag keys from RIs.
func (s *Session) Untag(ctx context.Context, region string, ids []string, keys []string) error {
	defer s.invalidate(ids...)
	return s.b.Untag(ctx, region, ids, keys)
}

// Renamer is the cloud's in-place rename, when it has one.
func (s *Session) Renamer() (Renamer, bool) {
	r, ok := s.b.(Renamer)
	if !ok {
		return nil, false
	}
	return renamer{s, r}, true
}

type renamer struct {
	s *Session
	r Renamer
}

func (r renamer) Rename(ctx context.Context, region, id string, name, description *string) error {
	defer r.s.invalidate(id)
	return r.r.Rename(ctx, region, id, name, description)
}

// withRenewal gives each RI its renewal.
func withRenewal(ris map[string]RI, renewals map[string]Renewal) map[string]RI {
	for id, ri := range ris {
		ri.Renewal = renewals[id]
		ris[id] = ri
	}
	return ris
}

// ByID indexes RIs by ID.
func ByID(list []RI) map[string]RI {
	out := make(map[string]RI, len(list))
	for _, ri := range list {
		out[ri.ID] = ri
	}
	return out
}

// IDs lists the IDs of RIs, in order.
func IDs(list []RI) []string {
	out := make([]string, len(list))
	for i, ri := range list {
		out[i] = ri.ID
	}
	return out
}
