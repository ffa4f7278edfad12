package cloud

import (
	"context"
	"sync"
	"time"
)

// Snapshots answer large refreshes from one listing per region. Below
// Threshold IDs looked up in a region (a plan of a few resources) nothing is
// listed; past it (a refresh of hundreds) one listing of the region's live
// RIs costs a page per 100 RIs instead of a call per handful of resources.
// A listing is kept for the life of the process; writes invalidate the RIs
// they touch, which are then read fresh.
type Snapshots struct {
	Threshold int
	Timeout   time.Duration
	// List reads every live RI of a region, with its renewal.
	List func(ctx context.Context, region string) (map[string]RI, error)

	mu        sync.Mutex
	counted   map[string]int
	snapshots map[string]*snapshot
	dirty     map[string]bool
}

type snapshot struct {
	ready chan struct{}
	ris   map[string]RI
	err   error
}

// Lookup answers from the region's listing where it can and asks fresh for
// the rest.
func (s *Snapshots) Lookup(ctx context.Context, region string, ids []string, fresh func(context.Context, string, []string) (map[string]RI, error)) (map[string]RI, error) {
	out := map[string]RI{}
	misses := ids
	if snap := s.snapshotFor(ctx, region, len(ids)); snap != nil {
		misses = nil
		s.mu.Lock()
		for _, id := range ids {
			if ri, ok := snap.ris[id]; ok && !s.dirty[id] {
				out[id] = ri
			} else {
				misses = append(misses, id)
			}
		}
		s.mu.Unlock()
	}
	if len(misses) == 0 {
		return out, nil
	}
	found, err := fresh(ctx, region, misses)
	if err != nil {
		return nil, err
	}
	for id, ri := range found {
		out[id] = ri
	}
	return out, nil
}

// snapshotFor returns the region's listing, taking it once the threshold is
// passed; nil below it, or when listing failed (callers then ask by ID).
func (s *Snapshots) snapshotFor(ctx context.Context, region string, n int) *snapshot {
	s.mu.Lock()
	if s.snapshots == nil {
		s.counted, s.snapshots, s.dirty = map[string]int{}, map[string]*snapshot{}, map[string]bool{}
	}
	snap := s.snapshots[region]
	if snap == nil {
		s.counted[region] += n
		if s.counted[region] <= s.Threshold {
			s.mu.Unlock()
			return nil
		}
		snap = &snapshot{ready: make(chan struct{})}
		s.snapshots[region] = snap
		go s.take(region, snap)
	}
	s.mu.Unlock()
	select {
	case <-snap.ready:
	case <-ctx.Done():
		return nil
	}
	if snap.err != nil {
		return nil
	}
	return snap
}

func (s *Snapshots) take(region string, snap *snapshot) {
	defer close(snap.ready)
	ctx, cancel := context.WithTimeout(context.Background(), s.Timeout)
	defer cancel()
	snap.ris, snap.err = s.List(ctx, region)
}

// Invalidate marks RIs as changed: later look-ups ask the API for them.
func (s *Snapshots) Invalidate(ids ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dirty == nil {
		s.counted, s.snapshots, s.dirty = map[string]int{}, map[string]*snapshot{}, map[string]bool{}
	}
	for _, id := range ids {
		s.dirty[id] = true
	}
}
