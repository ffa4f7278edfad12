package alicloud

import (
	"context"
	"sync"

	ecs "github.com/alibabacloud-go/ecs-20140526/v4/client"
	"github.com/alibabacloud-go/tea/tea"
)

// snapshotThreshold is how many IDs a process may look up in a region, call
// by coalesced call, before one listing of the region serves the rest.
// Below it (a plan of a few resources) nothing is listed; above it (a
// refresh of hundreds) the listing costs a page per 100 live RIs instead of
// a call per handful of resources.
const snapshotThreshold = 40

// liveStatuses are the RIs a snapshot lists: the ones that can change.
// Lapsed RIs (Inactive, Expired) are rare in state and looked up by ID.
var liveStatuses = []string{"Creating", "Active", "Updating"}

// snapshot is one listing of a region, kept for the life of the process.
type snapshot struct {
	ready chan struct{}
	ris   map[string]ReservedInstance
	renew map[string]AutoRenew
	err   error
}

type lookups struct {
	mu        sync.Mutex
	counted   map[string]int       // IDs looked up per region
	snapshots map[string]*snapshot // per region
	dirty     map[string]bool      // IDs written since their snapshot
}

// Lookup reads RIs and their auto-renewal for a refresh. Results may come
// from this process's listing of the region, which writes through this
// client invalidate; callers that wait for a change use Describe instead.
func (c *Client) Lookup(ctx context.Context, region string, ids []string) (map[string]ReservedInstance, map[string]AutoRenew, error) {
	snap := c.snapshotFor(ctx, region, len(ids))
	ris, renew := map[string]ReservedInstance{}, map[string]AutoRenew{}
	var misses []string
	if snap != nil {
		c.look.mu.Lock()
		for _, id := range ids {
			ri, ok := snap.ris[id]
			if ok && !c.look.dirty[id] {
				ris[id], renew[id] = ri, snap.renew[id]
			} else {
				misses = append(misses, id)
			}
		}
		c.look.mu.Unlock()
	} else {
		misses = ids
	}
	if len(misses) == 0 {
		return ris, renew, nil
	}
	type renewResult struct {
		attrs map[string]AutoRenew
		err   error
	}
	ch := make(chan renewResult, 1)
	go func() {
		attrs, err := c.DescribeAutoRenew(ctx, region, misses)
		ch <- renewResult{attrs, err}
	}()
	found, err := c.Describe(ctx, region, misses)
	res := <-ch
	if err != nil {
		return nil, nil, err
	}
	if res.err != nil {
		return nil, nil, res.err
	}
	for id, ri := range found {
		ris[id] = ri
	}
	for id, a := range res.attrs {
		renew[id] = a
	}
	return ris, renew, nil
}

// snapshotFor returns the region's snapshot, taking it once the threshold is
// passed; nil below it, or when listing failed (callers then ask by ID).
func (c *Client) snapshotFor(ctx context.Context, region string, n int) *snapshot {
	c.look.mu.Lock()
	snap := c.look.snapshots[region]
	if snap == nil {
		c.look.counted[region] += n
		if c.look.counted[region] <= snapshotThreshold {
			c.look.mu.Unlock()
			return nil
		}
		snap = &snapshot{ready: make(chan struct{})}
		c.look.snapshots[region] = snap
		go c.takeSnapshot(region, snap)
	}
	c.look.mu.Unlock()
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

func (c *Client) takeSnapshot(region string, snap *snapshot) {
	defer close(snap.ready)
	ctx, cancel := context.WithTimeout(context.Background(), 10*c.cfg.RequestTimeout)
	defer cancel()
	list, err := c.List(ctx, region, &ecs.DescribeReservedInstancesRequest{Status: tea.StringSlice(liveStatuses)})
	if err != nil {
		snap.err = err
		return
	}
	snap.ris = make(map[string]ReservedInstance, len(list))
	ids := make([]string, 0, len(list))
	for _, ri := range list {
		snap.ris[ri.ID] = ri
		ids = append(ids, ri.ID)
	}
	snap.renew, snap.err = c.describeAutoRenewNow(ctx, region, ids)
}

// invalidate marks RIs as changed: later look-ups ask the API for them.
func (c *Client) invalidate(ids ...string) {
	c.look.mu.Lock()
	defer c.look.mu.Unlock()
	for _, id := range ids {
		c.look.dirty[id] = true
	}
}
