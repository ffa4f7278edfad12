package ecsmock

import (
	"fmt"
	"slices"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// The control surface: what Go tests (through these methods) and users of
// the standalone server (through /_ecsmock/ endpoints) use to arrange and
// inspect a scenario. None of it exists in the real APIs.
//
// Every method that concerns one cloud takes it as its first argument;
// there is no default cloud. A cloud the server does not speak (the empty
// one included) is a mistake in the test: methods that return an error
// return it, the others panic.

// dialect returns the dialect of a cloud, or an error naming the clouds
// there are.
func (s *Server) dialect(cloud Cloud) (core.Dialect, error) {
	if d, ok := s.byCloud[cloud]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("unknown cloud %q: use one of %q", cloud, s.Clouds())
}

// mustDialect is dialect for the methods that return no error.
func (s *Server) mustDialect(cloud Cloud) core.Dialect {
	d, err := s.dialect(cloud)
	if err != nil {
		panic("ecsmock: " + err.Error())
	}
	return d
}

// Clouds lists the clouds the emulator speaks, in order of name.
func (s *Server) Clouds() []Cloud {
	out := make([]Cloud, 0, len(s.byCloud))
	for c := range s.byCloud {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Lifecycle returns how a cloud spells the states of its RIs.
func (s *Server) Lifecycle(cloud Cloud) Lifecycle {
	return s.mustDialect(cloud).Profile().Lifecycle
}

// Seed adds an RI of a cloud directly, as if it had been bought earlier.
// ri.Cloud may be left empty; set, it must be cloud. Empty fields get the
// cloud's purchase defaults (see the README); the ID is generated when
// empty, and the term is 12 months from now. It returns the stored record.
func (s *Server) Seed(cloud Cloud, ri ReservedInstance) (ReservedInstance, error) {
	d, err := s.dialect(cloud)
	if err != nil {
		return ReservedInstance{}, err
	}
	if ri.Cloud != "" && ri.Cloud != cloud {
		return ReservedInstance{}, fmt.Errorf("the reserved instance names cloud %q, not %q", ri.Cloud, cloud)
	}
	ri.Cloud = cloud
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.world(d)
	if ri.ID == "" {
		ri.ID = core.NewReservedInstanceID()
	}
	if _, dup := s.st.RIs[ri.ID]; dup {
		return ReservedInstance{}, fmt.Errorf("reserved instance %s already exists", ri.ID)
	}
	if err := d.PrepareSeed(&ri, w); err != nil {
		return ReservedInstance{}, err
	}
	if ri.StartTime.IsZero() {
		ri.StartTime = w.Now.Truncate(time.Hour)
	}
	if ri.ExpiredTime.IsZero() {
		ri.ExpiredTime = core.TermEnd(ri.StartTime, 12)
	}
	if ri.CreationTime.IsZero() {
		ri.CreationTime = w.Now
	}
	if ri.Tags == nil {
		ri.Tags = map[string]string{}
	}
	stored := ri
	s.st.Add(&stored)
	s.persist()
	return stored.Clone(), nil
}

// ReservedInstances returns every RI of a cloud, in creation order, as of
// now on the emulated clock.
func (s *Server) ReservedInstances(cloud Cloud) []ReservedInstance {
	s.mustDialect(cloud)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Settle(s.clock.Now(), s.lifecycles)
	out := []ReservedInstance{}
	for _, ri := range s.st.Sorted(cloud) {
		out = append(out, ri.Clone())
	}
	return out
}

// ReservedInstance returns one RI of any cloud by ID.
func (s *Server) ReservedInstance(id string) (ReservedInstance, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Settle(s.clock.Now(), s.lifecycles)
	ri, ok := s.st.RIs[id]
	if !ok {
		return ReservedInstance{}, false
	}
	return ri.Clone(), true
}

// Remove makes an RI of any cloud vanish, as if it had been purged.
func (s *Server) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.st.RIs[id]
	delete(s.st.RIs, id)
	s.persist()
	return ok
}

// Update changes an RI record of any cloud in place through fn, for tests
// that need a state no API call produces (a lock, a past expiry). The RI
// stays in its cloud.
func (s *Server) Update(id string, fn func(*ReservedInstance)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ri, ok := s.st.RIs[id]
	if ok {
		cloud := ri.Cloud
		fn(ri)
		ri.Cloud = cloud
		s.persist()
	}
	return ok
}

// AddProject creates a project on a cloud whose RIs belong to projects
// (Volcengine); "default" always exists.
func (s *Server) AddProject(cloud Cloud, name string) error {
	return s.withGroups(cloud, "projects", func(g core.Groups, w *core.World) error { return g.AddProject(w, name) })
}

// AddHpcCluster creates an HPC cluster in a zone, on a cloud whose RIs can
// name one (Volcengine).
func (s *Server) AddHpcCluster(cloud Cloud, id, zoneID string) error {
	return s.withGroups(cloud, "HPC clusters", func(g core.Groups, w *core.World) error { return g.AddHpcCluster(w, id, zoneID) })
}

// withGroups runs fn against a dialect that has projects and HPC clusters,
// with the store locked, and saves what it changed.
func (s *Server) withGroups(cloud Cloud, what string, fn func(core.Groups, *core.World) error) error {
	d, err := s.dialect(cloud)
	if err != nil {
		return err
	}
	g, ok := d.(core.Groups)
	if !ok {
		return fmt.Errorf("cloud %q has no %s", cloud, what)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := fn(g, s.world(d)); err != nil {
		return err
	}
	s.persist()
	return nil
}

// Now is the emulated time.
func (s *Server) Now() time.Time { return s.clock.Now() }

// AdvanceClock moves the emulated time forward and settles everything that
// became due (activations, expiries, auto-renewals) on every cloud.
func (s *Server) AdvanceClock(d time.Duration) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock.Advance(d)
	now := s.clock.Now()
	s.st.Settle(now, s.lifecycles)
	s.persist()
	return now
}

// InjectFault queues a fault for the calls of a cloud; see Fault.
func (s *Server) InjectFault(cloud Cloud, f Fault) {
	s.mustDialect(cloud)
	s.faults.Add(cloud, f)
}

// SetThrottle installs (or, with a zero rate, removes) a token bucket for
// the calls of a cloud.
func (s *Server) SetThrottle(cloud Cloud, t Throttle) {
	s.mustDialect(cloud)
	s.faults.Throttle(cloud, t)
}

// ClearFaults removes all faults and throttles of every cloud.
func (s *Server) ClearFaults() { s.faults.Clear() }

// SetLatency changes the latency added to every API call of every cloud.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetStock makes a type of a cloud available or sold out in a zone; zone
// "*" means every zone.
func (s *Server) SetStock(cloud Cloud, zoneID, instanceType string, available bool) {
	d := s.mustDialect(cloud)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.SetStock(d.Profile(), zoneID, instanceType, available)
	s.persist()
}

// Calls returns a cloud's API calls, oldest first; an empty action means
// all of them.
func (s *Server) Calls(cloud Cloud, action string) []Call {
	s.mustDialect(cloud)
	return s.calls.List(cloud, false, action)
}

// CountCalls counts a cloud's calls of an action that took effect: HTTP
// 200 (even when the response was then dropped), and not a ClientToken
// replay.
func (s *Server) CountCalls(cloud Cloud, action string) int {
	n := 0
	for _, c := range s.Calls(cloud, action) {
		if c.Succeeded() {
			n++
		}
	}
	return n
}

// ResetCalls empties the call log of every cloud.
func (s *Server) ResetCalls() { s.calls.Reset() }

// Reset forgets everything, on every cloud: RIs, tokens, stock, projects,
// HPC clusters, faults, calls and clock. What the options say exists from
// the start exists again.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = core.NewStore()
	s.clock.SetOffset(0)
	// The options were checked when the server was built.
	_ = s.initialise()
	s.faults.Clear()
	s.calls.Reset()
	s.latency.Store(int64(s.opts.Latency))
	s.persist()
}
