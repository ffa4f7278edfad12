package ecsmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// The control surface: what tests (through these methods) and users of the
// standalone server (through /_ecsmock/ endpoints) use to arrange and
// inspect a scenario. None of it exists in the real API.

// Seed adds an RI directly, as if it had been bought earlier. Empty fields
// get the purchase defaults; the ID is generated when empty. It returns the
// stored record.
func (s *Server) Seed(ri ReservedInstance) (ReservedInstance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	if ri.RegionID == "" {
		ri.RegionID = "cn-hangzhou"
	}
	if _, ok := s.regions[ri.RegionID]; !ok {
		return ReservedInstance{}, fmt.Errorf("unknown region %q", ri.RegionID)
	}
	if _, ok := s.catalog[ri.InstanceType]; !ok {
		return ReservedInstance{}, fmt.Errorf("unknown instance type %q", ri.InstanceType)
	}
	if ri.ID == "" {
		ri.ID = randomID("ecsri-", 20)
	}
	if _, dup := s.st.RIs[ri.ID]; dup {
		return ReservedInstance{}, fmt.Errorf("reserved instance %s already exists", ri.ID)
	}
	if ri.Scope == "" {
		ri.Scope = "Region"
		if ri.ZoneID != "" {
			ri.Scope = "Zone"
		}
	}
	if ri.Platform == "" {
		ri.Platform = "Linux"
	}
	if ri.OfferingType == "" {
		ri.OfferingType = "All Upfront"
	}
	if ri.InstanceAmount == 0 {
		ri.InstanceAmount = 1
	}
	if ri.ResourceGroupID == "" {
		ri.ResourceGroupID = s.opts.DefaultResourceGroupID
	}
	if ri.Status == "" {
		ri.Status = StatusActive
	}
	if ri.StartTime.IsZero() {
		ri.StartTime = now.Truncate(time.Hour)
	}
	if ri.ExpiredTime.IsZero() {
		ri.ExpiredTime = termEnd(ri.StartTime, 12)
	}
	if ri.CreationTime.IsZero() {
		ri.CreationTime = now
	}
	if ri.Tags == nil {
		ri.Tags = map[string]string{}
	}
	ri.Seq = s.st.nextSeq()
	stored := ri
	s.st.RIs[ri.ID] = &stored
	s.persist()
	return stored.clone(), nil
}

// ReservedInstances returns every RI, in creation order, as of now on the
// emulated clock.
func (s *Server) ReservedInstances() []ReservedInstance {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.settle(s.clock.Now())
	out := []ReservedInstance{}
	for _, ri := range s.st.sorted() {
		out = append(out, ri.clone())
	}
	return out
}

// ReservedInstance returns one RI by ID.
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

// Remove makes an RI vanish, as if it had been purged after expiry.
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
		s.persist()
	}
	return ok
}

// Now is the emulated time.
func (s *Server) Now() time.Time { return s.clock.Now() }

// AdvanceClock moves the emulated time forward and settles everything that
// became due (activations, expiries, auto-renewals).
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

// ClearFaults removes all faults and throttles.
func (s *Server) ClearFaults() { s.faults.clear() }

// SetLatency changes the latency added to every API call.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetStock makes a type available or sold out in a zone; zone "*" means
// every zone.
func (s *Server) SetStock(zoneID, instanceType string, available bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := s.st.stockKey(zoneID, instanceType)
	if available {
		delete(s.st.NoStock, key)
	} else {
		s.st.NoStock[key] = true
	}
	s.persist()
}

// Calls returns the API calls received, oldest first; an empty action means
// all of them.
func (s *Server) Calls(action string) []Call { return s.calls.list(action) }

// CountCalls counts the calls of an action that succeeded (HTTP 200),
// whether or not their response was dropped.
func (s *Server) CountCalls(action string) int {
	n := 0
	for _, c := range s.calls.list(action) {
		if c.Status == http.StatusOK && !c.Replayed {
			n++
		}
	}
	return n
}

// ResetCalls empties the call log.
func (s *Server) ResetCalls() { s.calls.reset() }

// Reset forgets everything: RIs, tokens, stock, faults, calls and clock.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = newState()
	s.clock.SetOffset(0)
	s.faults.clear()
	s.calls.reset()
	s.latency.Store(int64(s.opts.Latency))
	s.persist()
}

func (s *Server) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_ecsmock/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"ok": true, "now": s.Now().Format(time.RFC3339)})
	})
	mux.HandleFunc("POST /_ecsmock/reset", func(w http.ResponseWriter, r *http.Request) {
		s.Reset()
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	mux.HandleFunc("GET /_ecsmock/reserved-instances", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, s.ReservedInstances())
	})
	mux.HandleFunc("POST /_ecsmock/reserved-instances", func(w http.ResponseWriter, r *http.Request) {
		var ri ReservedInstance
		if !decode(w, r, &ri) {
			return
		}
		stored, err := s.Seed(ri)
		if err != nil {
			writeJSON(w, 400, map[string]any{"error": err.Error()})
			return
		}
		writeJSON(w, 200, stored)
	})
	mux.HandleFunc("DELETE /_ecsmock/reserved-instances/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !s.Remove(r.PathValue("id")) {
			writeJSON(w, 404, map[string]any{"error": "no such reserved instance"})
			return
		}
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	mux.HandleFunc("GET /_ecsmock/clock", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"now": s.Now().Format(time.RFC3339)})
	})
	mux.HandleFunc("POST /_ecsmock/clock", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Advance Duration `json:"advance"`
		}
		if !decode(w, r, &req) {
			return
		}
		if req.Advance < 0 {
			writeJSON(w, 400, map[string]any{"error": "the clock only moves forward"})
			return
		}
		writeJSON(w, 200, map[string]any{"now": s.AdvanceClock(time.Duration(req.Advance)).Format(time.RFC3339)})
	})
	mux.HandleFunc("POST /_ecsmock/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		if decode(w, r, &f) {
			s.InjectFault(f)
			writeJSON(w, 200, map[string]any{"ok": true})
		}
	})
	mux.HandleFunc("DELETE /_ecsmock/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	mux.HandleFunc("POST /_ecsmock/throttle", func(w http.ResponseWriter, r *http.Request) {
		var t Throttle
		if decode(w, r, &t) {
			s.SetThrottle(t)
			writeJSON(w, 200, map[string]any{"ok": true})
		}
	})
	mux.HandleFunc("POST /_ecsmock/latency", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Latency Duration `json:"latency"`
		}
		if decode(w, r, &req) {
			s.SetLatency(time.Duration(req.Latency))
			writeJSON(w, 200, map[string]any{"ok": true})
		}
	})
	mux.HandleFunc("POST /_ecsmock/stock", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			ZoneID       string `json:"zone_id"`
			InstanceType string `json:"instance_type"`
			Available    bool   `json:"available"`
		}
		if decode(w, r, &req) {
			if req.ZoneID == "" {
				req.ZoneID = "*"
			}
			s.SetStock(req.ZoneID, req.InstanceType, req.Available)
			writeJSON(w, 200, map[string]any{"ok": true})
		}
	})
	mux.HandleFunc("GET /_ecsmock/calls", func(w http.ResponseWriter, r *http.Request) {
		calls := s.Calls(r.URL.Query().Get("action"))
		if calls == nil {
			calls = []Call{}
		}
		writeJSON(w, 200, calls)
	})
	mux.HandleFunc("DELETE /_ecsmock/calls", func(w http.ResponseWriter, r *http.Request) {
		s.ResetCalls()
		writeJSON(w, 200, map[string]any{"ok": true})
	})
	return mux
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeJSON(w, 400, map[string]any{"error": "invalid JSON body: " + err.Error()})
		return false
	}
	return true
}
