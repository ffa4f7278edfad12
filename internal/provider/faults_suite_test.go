package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// The fault suite: whatever the emulator does wrong, nothing is bought
// twice, nothing bought is lost from state, and nothing is tainted. Each test
// checks the emulator's inventory and call log, not just the exit code.

const lifecycleStart = `
name           = "faulty"
configurations = [{ instance_type = "ecs.g6.2xlarge" }, { instance_type = "ecs.c6.large" }]`

const lifecycleEnd = `
name           = "faulty-renamed"
tags           = { stage = "end" }
period         = 2
period_unit    = "Year"
configurations = [{ instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.c6.large" }]`

func checkLifecycleEnd(e *accEnv, purchases int) error {
	if err := expectShapes(e, 1, "ecs.g6.xlarge×1@", "ecs.g6.xlarge×1@", "ecs.c6.large×1@"); err != nil {
		return err
	}
	if e.purchases() != purchases {
		return fmt.Errorf("want %d successful purchases, got %d", purchases, e.purchases())
	}
	for _, ri := range live(e) {
		if ri.Name != "faulty-renamed" || ri.Tags["stage"] != "end" || ri.ExpiredTime.Sub(ri.StartTime) < 2*365*24*time.Hour {
			return fmt.Errorf("%s did not end as configured: %+v", ri.ID, ri)
		}
	}
	return nil
}

func TestAccFaults_throttlingOnEveryAPI(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	e.mock.SetThrottle(ecsmock.CloudAlibaba, ecsmock.Throttle{RatePerSecond: 20, Burst: 3})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: riConfig(e, lifecycleStart)},
			{
				Config: riConfig(e, lifecycleEnd),
				Check: check(func() error {
					throttled := 0
					for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, "") {
						if c.Code == "Throttling.User" {
							throttled++
						}
					}
					if throttled == 0 {
						return fmt.Errorf("the throttle never bit; the test proves nothing")
					}
					return checkLifecycleEnd(e, 2)
				}),
			},
		},
	})
}

func TestAccFaults_serverErrorBursts(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	burst := func() {
		e.mock.ClearFaults()
		for _, action := range []string{"PurchaseReservedInstancesOffering", "DescribeReservedInstances", "DescribeReservedInstanceAutoRenewAttribute",
			"ModifyReservedInstanceAttribute", "RenewReservedInstances", "TagResources"} {
			e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: action, Times: 2, Status: 503, Code: "ServiceUnavailable"})
		}
		// Without a ClientToken, a 5xx is ambiguous: the provider must look
		// before it calls again.
		e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "ModifyReservedInstances", Times: 1, Status: 500, Code: "InternalError"})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{PreConfig: burst, Config: riConfig(e, lifecycleStart)},
			{
				PreConfig: burst,
				Config:    riConfig(e, lifecycleEnd),
				Check: check(func() error {
					if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "RenewReservedInstances"); n != 1 {
						return fmt.Errorf("renewed %d times, want once", n)
					}
					modifies := e.mock.Calls(ecsmock.CloudAlibaba, "ModifyReservedInstances")
					if len(modifies) != 2 || modifies[0].Code != "InternalError" {
						return fmt.Errorf("want the failed split looked into and then made once more: %+v", modifies)
					}
					return checkLifecycleEnd(e, 2)
				}),
			},
		},
	})
}

func TestAccFaults_renewResponseDropped(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	var before time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }]`),
				Check:  check(func() error { before = e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0].ExpiredTime; return nil }),
			},
			{
				PreConfig: func() {
					e.mock.InjectFault(ecsmock.CloudAlibaba, ecsmock.Fault{Action: "RenewReservedInstances", DropResponse: true})
				},
				Config: riConfig(e, "period = 2\nperiod_unit = \"Year\"\nconfigurations = [{ instance_type = \"ecs.g6.large\" }]"),
				Check: check(func() error {
					ri := e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0]
					day := before.Add(-time.Hour)
					if want := time.Date(day.Year()+1, day.Month(), day.Day()+1, 0, 0, 0, 0, time.UTC); !ri.ExpiredTime.Equal(want) {
						return fmt.Errorf("expiry %s, want exactly one renewal: %s", ri.ExpiredTime, want)
					}
					calls := e.mock.Calls(ecsmock.CloudAlibaba, "RenewReservedInstances")
					if len(calls) != 2 || !calls[0].Dropped || !calls[1].Replayed || calls[0].Params["ClientToken"] != calls[1].Params["ClientToken"] {
						return fmt.Errorf("want a dropped renewal retried with its token and answered from memory: %+v", calls)
					}
					return nil
				}),
			},
		},
	})
}

// restartingMock serves one emulator, then, after the first successful
// purchase, a new one loaded from the same state file: a restart in the
// middle of an apply.
type restartingMock struct {
	current   atomic.Pointer[ecsmock.Server]
	stateFile string
	once      sync.Once
	first     *ecsmock.Server
	err       error
}

func (m *restartingMock) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	srv := m.current.Load()
	srv.ServeHTTP(w, r)
	if srv == m.first && srv.CountCalls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering") > 0 {
		m.once.Do(func() {
			next, err := ecsmock.New(ecsmock.Options{StateFile: m.stateFile, ActivationDelay: 100 * time.Millisecond})
			if err != nil {
				m.err = err
				return
			}
			m.current.Store(next)
		})
	}
}

func TestAccFaults_emulatorRestartsMidApply(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "ecsmock.json")
	first, err := ecsmock.New(ecsmock.Options{StateFile: state, ActivationDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	m := &restartingMock{stateFile: state, first: first}
	m.current.Store(first)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	e := &accEnv{mock: first, endpoint: srv.URL, diags: &diagnostics{}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.large" }, { instance_type = "ecs.g6.xlarge" }, { instance_type = "ecs.c6.large" }]`),
			Check: check(func() error {
				if m.err != nil {
					return m.err
				}
				now := m.current.Load()
				if now == first {
					return fmt.Errorf("the emulator never restarted")
				}
				total := first.CountCalls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering") + now.CountCalls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering")
				ris := now.ReservedInstances(ecsmock.CloudAlibaba)
				if total != 3 || len(ris) != 3 {
					return fmt.Errorf("after the restart: %d purchases in all, %d RIs known; want 3 and 3", total, len(ris))
				}
				for _, ri := range ris {
					if ri.Status != "Active" {
						return fmt.Errorf("%s is %s", ri.ID, ri.Status)
					}
				}
				return nil
			}),
		}},
	})
}
