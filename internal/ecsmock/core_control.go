package ecsmock

import (
	"fmt"
	"time"
)

// The control surface: what Go tests (through these methods) and users of
// the standalone server (through /_ecsmock/ endpoints) use to arrange and
// inspect a scenario. None of it exists in the real APIs. Wherever a cloud
// is not named, Alibaba Cloud is meant, as before Volcengine was added.

// seedPreparers fill in a seeded RI's defaults and check it against its
// cloud's catalogue.
var seedPreparers = map[Cloud]func(ri *ReservedInstance, w *world) error{
	CloudAlibaba:    prepareAlibabaSeed,
	CloudVolcengine: prepareVolcengineSeed,
}

// Seed adds an RI directly, as if it had been bought earlier. ri.Cloud
// selects the cloud (empty: Alibaba). Empty fields get the purchase
// defaults; the ID is generated when empty. It returns the stored record.
func (s *Server) Seed(ri ReservedInstance) (ReservedInstance, error) {
	ri.Cloud = ri.Cloud.orDefault()
	prepare, ok := seedPreparers[ri.Cloud]
	if !ok {
		return ReservedInstance{}, fmt.Errorf("unknown cloud %q", ri.Cloud)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := &world{now: s.clock.Now(), st: s.st, opts: &s.opts}
	if ri.ID == "" {
		ri.ID = newReservedInstanceID()
	}
	if _, dup := s.st.RIs[ri.ID]; dup {
		return ReservedInstance{}, fmt.Errorf("reserved instance %s already exists", ri.ID)
	}
	if err := prepare(&ri, w); err != nil {
		return ReservedInstance{}, err
	}
	if ri.StartTime.IsZero() {
		ri.StartTime = w.now.Truncate(time.Hour)
	}
	if ri.ExpiredTime.IsZero() {
		ri.ExpiredTime = termEnd(ri.StartTime, 12)
	}
	if ri.CreationTime.IsZero() {
		ri.CreationTime = w.now
	}
	if ri.Tags == nil {
		ri.Tags = map[string]string{}
	}
	stored := ri
	s.st.add(&stored)
	s.persist()
	return stored.clone(), nil
}

// SeedVolcengine is Seed for a Volcengine RI: defaults are region
// cn-beijing, scope ZonalRI when a zone is given (RegionalRI otherwise),
// project "default", status ACTIVE, a 12-month term from now, renew type
// AutoRenewal when AutoRenew is set and ManualRenewal otherwise. A project
// or HPC cluster it names is created when missing.
func (s *Server) SeedVolcengine(ri ReservedInstance) (ReservedInstance, error) {
	ri.Cloud = CloudVolcengine
	return s.Seed(ri)
}

// ReservedInstances returns every Alibaba RI, in creation order, as of now
// on the emulated clock.
func (s *Server) ReservedInstances() []ReservedInstance {
	return s.ReservedInstancesOf(CloudAlibaba)
}

// ReservedInstancesOf returns every RI of one cloud, in creation order, as
// of now on the emulated clock.
func (s *Server) ReservedInstancesOf(cloud Cloud) []ReservedInstance {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.settle(s.clock.Now())
	out := []ReservedInstance{}
	for _, ri := range s.st.sorted(cloud.orDefault()) {
		out = append(out, ri.clone())
	}
	return out
}

// ReservedInstance returns one RI of either cloud by ID.
func (s *Server) ReservedInstance(id string) (ReservedInstance, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.settle(s.clock.Now())
	ri, ok := s.st.RIs[id]
	if !ok {
		return ReservedInstance{}, false
	}
	return ri.clone(), true
}

// Remove makes an RI of either cloud vanish, as if it had been purged.
func (s *Server) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.st.RIs[id]
	delete(s.st.RIs, id)
	s.persist()
	return ok
}

// Update changes an RI record in place through fn, for tests that need a
// state no API call produces (a lock, a past expiry).
func (s *Server) Update(id string, fn func(*ReservedInstance)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ri, ok := s.st.RIs[id]
	if ok {
		fn(ri)
		ri.Cloud = ri.Cloud.orDefault()
		s.persist()
	}
	return ok
}

// AddProject creates a Volcengine project; "default" always exists.
func (s *Server) AddProject(name string) error {
	if !validVolcengineProjectName(name) {
		return fmt.Errorf("project name %q is not valid: 1-64 letters, digits, '_', '.' or '-'", name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Projects[name] = true
	s.persist()
	return nil
}

// AddHpcCluster creates a Volcengine HPC cluster in a zone.
func (s *Server) AddHpcCluster(id, zoneID string) error {
	if id == "" {
		return fmt.Errorf("an HPC cluster needs an ID")
	}
	if _, ok := volcengineZone(zoneID); !ok {
		return fmt.Errorf("unknown Volcengine zone %q", zoneID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.HpcClusters[id] = zoneID
	s.persist()
	return nil
}

// Now is the emulated time.
func (s *Server) Now() time.Time { return s.clock.Now() }

// AdvanceClock moves the emulated time forward and settles everything that
// became due (activations, expiries, auto-renewals) on both clouds.
func (s *Server) AdvanceClock(d time.Duration) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock.Advance(d)
	now := s.clock.Now()
	s.st.settle(now)
	s.persist()
	return now
}

// InjectFault queues a fault; see Fault.
func (s *Server) InjectFault(f Fault) { s.faults.add(f) }

// SetThrottle installs (or, with a zero rate, removes) a token bucket.
func (s *Server) SetThrottle(t Throttle) { s.faults.throttle(t) }

// ClearFaults removes all faults and throttles of both clouds.
func (s *Server) ClearFaults() { s.faults.clear() }

// SetLatency changes the latency added to every API call of both clouds.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetStock makes an Alibaba type available or sold out in a zone; zone "*"
// means every zone.
func (s *Server) SetStock(zoneID, instanceType string, available bool) {
	s.SetStockOf(CloudAlibaba, zoneID, instanceType, available)
}

// SetStockOf is SetStock for any cloud.
func (s *Server) SetStockOf(cloud Cloud, zoneID, instanceType string, available bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.setStock(cloud.orDefault(), zoneID, instanceType, available)
	s.persist()
}

// Calls returns the Alibaba API calls received, oldest first; an empty
// action means all of them.
func (s *Server) Calls(action string) []Call { return s.CallsOf(CloudAlibaba, action) }

// CallsOf returns one cloud's API calls, oldest first; an empty action means
// all of them.
func (s *Server) CallsOf(cloud Cloud, action string) []Call {
	return s.calls.list(cloud.orDefault(), false, action)
}

// CountCalls counts the Alibaba calls of an action that took effect: HTTP
// 200 (even when the response was then dropped), and not a ClientToken
// replay.
func (s *Server) CountCalls(action string) int { return s.CountCallsOf(CloudAlibaba, action) }

// CountCallsOf is CountCalls for any cloud.
func (s *Server) CountCallsOf(cloud Cloud, action string) int {
	n := 0
	for _, c := range s.CallsOf(cloud, action) {
		if c.succeeded() {
			n++
		}
	}
	return n
}

// ResetCalls empties the call log of both clouds.
func (s *Server) ResetCalls() { s.calls.reset() }

// Reset forgets everything, on both clouds: RIs, tokens, stock, projects,
// HPC clusters, faults, calls and clock.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = newState()
	for _, p := range s.opts.VolcengineProjects {
		s.st.Projects[p] = true
	}
	s.clock.SetOffset(0)
	s.faults.clear()
	s.calls.reset()
	s.latency.Store(int64(s.opts.Latency))
	s.persist()
}

// setDefault fills an empty string field.
func setDefault(v *string, def string) {
	if *v == "" {
		*v = def
	}
}
