package provider_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// A reservation's whole life (buy two; then split one, rename, tag and
// double the term) survives a misbehaving cloud, on each cloud, over the
// provider's protocol: every planned value is what each apply produced,
// nothing is bought or renewed twice, and the RIs end as configured.
func TestReservationSurvivesAMisbehavingCloud(t *testing.T) {
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		renewalRead := map[string]string{"alibaba": "DescribeReservedInstanceAutoRenewAttribute", "volcengine": "ListAvailableInstances"}[c.Name]
		cases := []struct {
			name   string
			before func(e *acctest.Env)
			after  func(e *acctest.Env) error
		}{
			{"throttling on every API", func(e *acctest.Env) {
				e.Mock.SetThrottle(c.Mock, ecsmock.Throttle{RatePerSecond: 20, Burst: 3})
			}, func(e *acctest.Env) error {
				throttled := 0
				for _, call := range e.Mock.Calls(c.Mock, "") {
					if call.Code == "Throttling.User" || call.Code == "FlowLimitExceeded" {
						throttled++
					}
				}
				return acctest.Expect(throttled > 0, "the throttle never bit; the case proves nothing")
			}},
			{"bursts of server errors", func(e *acctest.Env) {
				for _, action := range []string{c.Rules.Calls.Purchase, "DescribeReservedInstances", renewalRead, c.Rules.Calls.Renew, c.Rules.Calls.Tag} {
					e.Mock.InjectFault(c.Mock, ecsmock.Fault{Action: action, Times: 2, Status: 503, Code: "ServiceUnavailable"})
				}
				// A 5xx to a modification is ambiguous: Alibaba's client looks
				// before it calls again, Volcengine's repeats its ClientToken.
				e.Mock.InjectFault(c.Mock, ecsmock.Fault{Action: c.Rules.Calls.Modify, Times: 1, Status: 500, Code: "InternalError"})
			}, func(e *acctest.Env) error {
				// The split, and on Volcengine the rename of the other RI.
				made := map[string]int{"alibaba": 1, "volcengine": 2}[c.Name]
				modifies := e.Mock.Calls(c.Mock, c.Rules.Calls.Modify)
				return acctest.Expect(len(modifies) == made+1 && modifies[0].Code == "InternalError" && e.Mock.CountCalls(c.Mock, c.Rules.Calls.Modify) == made,
					"want the failed modification settled, and each modification made once: %+v", modifies)
			}},
		}
		for _, tc := range cases {
			e := acctest.New(t, ecsmock.Options{ActivationDelay: 20 * time.Millisecond})
			h := c.Harness(t, e, map[string]any{"max_retries": 4})
			tc.before(e)
			if err := lifecycle(h, c); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if err := lifecycleEnded(e, c); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if err := tc.after(e); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
		}
	})
}

// lifecycle buys two RIs, then splits one, renames, tags and doubles the
// term, each applied, read back and planned again.
func lifecycle(h *acctest.Harness, c acctest.Cloud) error {
	period, unit := 24, "Month"
	if c.Name == "alibaba" {
		period, unit = 2, "Year"
	}
	state, err := h.RoundTrip(h.Absent(), h.Config(c.Body(map[string]any{"name": "faulty",
		"configurations": []any{acctest.Elem(c.Large, 1, ""), acctest.Elem(c.Other, 1, "")}})))
	if err != nil {
		return fmt.Errorf("buying: %w", err)
	}
	_, err = h.RoundTrip(state, h.Config(c.Body(map[string]any{"name": "faulty-renamed", "tags": map[string]string{"stage": "end"},
		"period": period, "period_unit": unit,
		"configurations": []any{acctest.Elem(c.Medium, 1, ""), acctest.Elem(c.Medium, 1, ""), acctest.Elem(c.Other, 1, "")}})))
	if err != nil {
		return fmt.Errorf("changing: %w", err)
	}
	return nil
}

// lifecycleEnded: the RIs are what the lifecycle configured, from two
// purchases and one renewal each.
func lifecycleEnded(e *acctest.Env, c acctest.Cloud) error {
	var shapes []string
	for _, ri := range e.Live(c.Mock) {
		shapes = append(shapes, acctest.Shape(ri))
		if ri.Name != "faulty-renamed" || ri.Tags["stage"] != "end" || ri.ExpiredTime.Sub(ri.StartTime) < 2*365*24*time.Hour {
			return fmt.Errorf("%s did not end as configured: %+v", ri.ID, ri)
		}
	}
	slices.Sort(shapes)
	want := []string{c.Other + "×1@", c.Medium + "×1@", c.Medium + "×1@"}
	slices.Sort(want)
	if !slices.Equal(shapes, want) {
		return fmt.Errorf("live %v, want %v", shapes, want)
	}
	return acctest.Expect(e.Mock.CountCalls(c.Mock, c.Rules.Calls.Purchase) == 2, "want 2 purchases carried out, got %d", e.Mock.CountCalls(c.Mock, c.Rules.Calls.Purchase))
}

// restartingMock serves one emulator, then, after the first purchase it
// carried out, a new one loaded from the same state file: a restart in the
// middle of an apply.
type restartingMock struct {
	cloud     ecsmock.Cloud
	action    string
	current   atomic.Pointer[ecsmock.Server]
	stateFile string
	once      sync.Once
	first     *ecsmock.Server
	err       error
}

func (m *restartingMock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	srv := m.current.Load()
	srv.ServeHTTP(w, r)
	if srv == m.first && srv.CountCalls(m.cloud, m.action) > 0 {
		m.once.Do(func() {
			next, err := ecsmock.New(ecsmock.Options{StateFile: m.stateFile, ActivationDelay: 20 * time.Millisecond})
			if err != nil {
				m.err = err
				return
			}
			m.current.Store(next)
		})
	}
}

// The emulator restarts, from its state file, in the middle of a purchase
// of three: the apply goes on against the new process, and exactly three
// RIs are bought in all.
func TestReservationSurvivesAnEmulatorRestart(t *testing.T) {
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		state := filepath.Join(t.TempDir(), "ecsmock.json")
		first, err := ecsmock.New(ecsmock.Options{StateFile: state, ActivationDelay: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		m := &restartingMock{cloud: c.Mock, action: c.Rules.Calls.Purchase, stateFile: state, first: first}
		m.current.Store(first)
		srv := httptest.NewServer(m)
		t.Cleanup(srv.Close)
		h := c.Harness(t, &acctest.Env{Mock: first, Endpoint: srv.URL}, nil)
		_, err = h.RoundTrip(h.Absent(), h.Config(c.Body(map[string]any{
			"configurations": []any{acctest.Elem(c.Small, 1, ""), acctest.Elem(c.Medium, 1, ""), acctest.Elem(c.Other, 1, "")}})))
		if err != nil || m.err != nil {
			t.Fatal(err, m.err)
		}
		now := m.current.Load()
		if now == first {
			t.Fatal("the emulator never restarted")
		}
		total := first.CountCalls(c.Mock, c.Rules.Calls.Purchase) + now.CountCalls(c.Mock, c.Rules.Calls.Purchase)
		if ris := now.ReservedInstances(c.Mock); total != 3 || len(ris) != 3 {
			t.Fatalf("after the restart: %d purchases in all, %d RIs known; want 3 and 3", total, len(ris))
		}
	})
}
