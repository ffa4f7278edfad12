package ecsmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock/core"
)

// The control API over HTTP, for the standalone server. Every endpoint that
// concerns one cloud takes a "cloud" field (in a JSON body) or query
// parameter: "alibaba" (the default, so existing scripts keep working) or
// "volcengine". Projects and HPC clusters are Volcengine's, the only cloud
// that has them.

// The cloud an endpoint means when its request names none: the one the
// emulator spoke first, so that scripts written then keep working.
const (
	defaultControlCloud = CloudAlibaba
	groupsCloud         = CloudVolcengine
)

func (s *Server) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_ecsmock/health", func(w http.ResponseWriter, r *http.Request) {
		core.WriteJSON(w, 200, map[string]any{"ok": true, "now": s.Now().Format(time.RFC3339)})
	})
	mux.HandleFunc("POST /_ecsmock/reset", func(w http.ResponseWriter, r *http.Request) {
		s.Reset()
		writeOK(w)
	})
	mux.HandleFunc("GET /_ecsmock/reserved-instances", s.listReservedInstances)
	mux.HandleFunc("POST /_ecsmock/reserved-instances", s.seedReservedInstance)
	mux.HandleFunc("DELETE /_ecsmock/reserved-instances/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !s.Remove(r.PathValue("id")) {
			core.WriteJSON(w, 404, map[string]any{"error": "no such reserved instance"})
			return
		}
		writeOK(w)
	})
	mux.HandleFunc("GET /_ecsmock/clock", func(w http.ResponseWriter, r *http.Request) {
		core.WriteJSON(w, 200, map[string]any{"now": s.Now().Format(time.RFC3339)})
	})
	mux.HandleFunc("POST /_ecsmock/clock", s.advanceClock)
	mux.HandleFunc("POST /_ecsmock/faults", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Cloud Cloud `json:"cloud,omitempty"`
			Fault
		}
		if decode(w, r, &req) && s.checkCloud(w, &req.Cloud) {
			s.InjectFault(req.Cloud, req.Fault)
			writeOK(w)
		}
	})
	mux.HandleFunc("DELETE /_ecsmock/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		writeOK(w)
	})
	mux.HandleFunc("POST /_ecsmock/throttle", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Cloud Cloud `json:"cloud,omitempty"`
			Throttle
		}
		if decode(w, r, &req) && s.checkCloud(w, &req.Cloud) {
			s.SetThrottle(req.Cloud, req.Throttle)
			writeOK(w)
		}
	})
	mux.HandleFunc("POST /_ecsmock/latency", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Latency Duration `json:"latency"`
		}
		if decode(w, r, &req) {
			s.SetLatency(time.Duration(req.Latency))
			writeOK(w)
		}
	})
	mux.HandleFunc("POST /_ecsmock/stock", s.setStock)
	mux.HandleFunc("POST /_ecsmock/projects", s.addProject)
	mux.HandleFunc("POST /_ecsmock/hpc-clusters", s.addHpcCluster)
	mux.HandleFunc("GET /_ecsmock/instances", s.listInstances)
	mux.HandleFunc("POST /_ecsmock/instances", s.declareInstances)
	mux.HandleFunc("DELETE /_ecsmock/instances/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !s.RemoveInstances(r.PathValue("id")) {
			core.WriteJSON(w, 404, map[string]any{"error": "no such instances"})
			return
		}
		writeOK(w)
	})
	mux.HandleFunc("GET /_ecsmock/prices", func(w http.ResponseWriter, r *http.Request) {
		if cloud, ok := s.cloudParam(w, r); ok {
			core.WriteJSON(w, 200, s.Prices(cloud))
		}
	})
	mux.HandleFunc("POST /_ecsmock/prices", s.setPrice)
	mux.HandleFunc("GET /_ecsmock/calls", s.listCalls)
	mux.HandleFunc("DELETE /_ecsmock/calls", func(w http.ResponseWriter, r *http.Request) {
		s.ResetCalls()
		writeOK(w)
	})
	return mux
}

func (s *Server) listReservedInstances(w http.ResponseWriter, r *http.Request) {
	cloud, ok := s.cloudParam(w, r)
	if ok {
		core.WriteJSON(w, 200, s.ReservedInstances(cloud))
	}
}

func (s *Server) seedReservedInstance(w http.ResponseWriter, r *http.Request) {
	var ri ReservedInstance
	if !decode(w, r, &ri) || !s.checkCloud(w, &ri.Cloud) {
		return
	}
	stored, err := s.Seed(ri.Cloud, ri)
	if err != nil {
		core.WriteJSON(w, 400, map[string]any{"error": err.Error()})
		return
	}
	core.WriteJSON(w, 200, stored)
}

func (s *Server) advanceClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Advance Duration `json:"advance"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Advance < 0 {
		core.WriteJSON(w, 400, map[string]any{"error": "the clock only moves forward"})
		return
	}
	core.WriteJSON(w, 200, map[string]any{"now": s.AdvanceClock(time.Duration(req.Advance)).Format(time.RFC3339)})
}

func (s *Server) setStock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Cloud        Cloud  `json:"cloud"`
		ZoneID       string `json:"zone_id"`
		InstanceType string `json:"instance_type"`
		Available    bool   `json:"available"`
	}
	if !decode(w, r, &req) || !s.checkCloud(w, &req.Cloud) {
		return
	}
	if req.ZoneID == "" {
		req.ZoneID = "*"
	}
	s.SetStock(req.Cloud, req.ZoneID, req.InstanceType, req.Available)
	writeOK(w)
}

func (s *Server) addProject(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if decode(w, r, &req) {
		replyTo(w, s.AddProject(groupsCloud, req.Name))
	}
}

func (s *Server) addHpcCluster(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ID     string `json:"id"`
		ZoneID string `json:"zone_id"`
	}
	if decode(w, r, &req) {
		replyTo(w, s.AddHpcCluster(groupsCloud, req.ID, req.ZoneID))
	}
}

// declareInstances answers with the stored declaration, its id included.
func (s *Server) declareInstances(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Cloud        Cloud  `json:"cloud"`
		RegionID     string `json:"region_id"`
		ZoneID       string `json:"zone_id"`
		InstanceType string `json:"instance_type"`
		Count        int    `json:"count"`
		Platform     string `json:"platform"`
		StartTime    string `json:"start_time"`
		EndTime      string `json:"end_time"`
	}
	if !decode(w, r, &req) || !s.checkCloud(w, &req.Cloud) {
		return
	}
	in := Instances{
		RegionID: req.RegionID, ZoneID: req.ZoneID, InstanceType: req.InstanceType, Count: req.Count, Platform: req.Platform,
	}
	var err error
	if in.StartTime, err = parseTime("start_time", req.StartTime); err == nil {
		in.EndTime, err = parseTime("end_time", req.EndTime)
	}
	if err == nil {
		in, err = s.declare(req.Cloud, in)
	}
	if err != nil {
		core.WriteJSON(w, 400, map[string]any{"error": err.Error()})
		return
	}
	core.WriteJSON(w, 200, in)
}

// listInstances takes cloud=all besides the clouds, like listCalls.
func (s *Server) listInstances(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("cloud") == "all" {
		out := []Instances{}
		for _, c := range s.Clouds() {
			if _, err := s.metering(c); err == nil {
				out = append(out, s.Instances(c)...)
			}
		}
		core.WriteJSON(w, 200, out)
	} else if cloud, ok := s.cloudParam(w, r); ok {
		core.WriteJSON(w, 200, s.Instances(cloud))
	}
}

// setPrice sets a price, the table's currency, or both; a price left out of
// the body keeps its current value.
func (s *Server) setPrice(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Cloud        Cloud    `json:"cloud"`
		InstanceType string   `json:"instance_type"`
		Platform     string   `json:"platform"`
		PayAsYouGo   *float64 `json:"pay_as_you_go"`
		Reserved     *float64 `json:"reserved"`
		Currency     string   `json:"currency"`
	}
	if !decode(w, r, &req) || !s.checkCloud(w, &req.Cloud) {
		return
	}
	if req.InstanceType == "" && req.Currency == "" {
		core.WriteJSON(w, 400, map[string]any{"error": "instance_type (with pay_as_you_go, reserved or both) or currency is required"})
		return
	}
	if req.Currency != "" {
		if err := s.SetCurrency(req.Cloud, req.Currency); err != nil {
			core.WriteJSON(w, 400, map[string]any{"error": err.Error()})
			return
		}
	}
	if req.InstanceType == "" {
		core.WriteJSON(w, 200, s.Prices(req.Cloud))
		return
	}
	p, _ := s.Prices(req.Cloud).Find(req.InstanceType, req.Platform)
	p.InstanceType, p.Platform = req.InstanceType, req.Platform
	if req.PayAsYouGo != nil {
		p.PayAsYouGo = *req.PayAsYouGo
	}
	if req.Reserved != nil {
		p.Reserved = *req.Reserved
	}
	if err := s.SetPrice(req.Cloud, p); err != nil {
		core.WriteJSON(w, 400, map[string]any{"error": err.Error()})
		return
	}
	core.WriteJSON(w, 200, s.Prices(req.Cloud))
}

// listCalls takes cloud=all besides the two clouds, for tools that show
// everything an emulator saw.
func (s *Server) listCalls(w http.ResponseWriter, r *http.Request) {
	action := r.URL.Query().Get("action")
	var calls []Call
	if r.URL.Query().Get("cloud") == "all" {
		calls = s.calls.List("", true, action)
	} else if cloud, ok := s.cloudParam(w, r); ok {
		calls = s.Calls(cloud, action)
	} else {
		return
	}
	if calls == nil {
		calls = []Call{}
	}
	core.WriteJSON(w, 200, calls)
}

// cloudParam reads the cloud query parameter, answering 400 when it is not
// a cloud.
func (s *Server) cloudParam(w http.ResponseWriter, r *http.Request) (Cloud, bool) {
	cloud := Cloud(r.URL.Query().Get("cloud"))
	return cloud, s.checkCloud(w, &cloud)
}

// checkCloud defaults an empty cloud of a request, and answers 400 when it
// names no cloud the emulator speaks.
func (s *Server) checkCloud(w http.ResponseWriter, c *Cloud) bool {
	if *c == "" {
		*c = defaultControlCloud
	}
	if _, ok := s.byCloud[*c]; !ok {
		core.WriteJSON(w, 400, map[string]any{"error": fmt.Sprintf("unknown cloud %q: use one of %q", *c, s.Clouds())})
		return false
	}
	return true
}

func replyTo(w http.ResponseWriter, err error) {
	if err != nil {
		core.WriteJSON(w, 400, map[string]any{"error": err.Error()})
		return
	}
	writeOK(w)
}

func writeOK(w http.ResponseWriter) { core.WriteJSON(w, 200, map[string]any{"ok": true}) }

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, core.MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		core.WriteJSON(w, 400, map[string]any{"error": "invalid JSON body: " + err.Error()})
		return false
	}
	return true
}
