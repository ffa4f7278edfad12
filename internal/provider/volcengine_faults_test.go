package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/converge"
	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// On Volcengine too: a purchase whose answers are all lost is recorded and
// confirmed with its token by the next apply, never bought twice.
func TestAccVolcengineMoney_lostPurchaseAnswer(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := e.volcengineRI(`
name           = "ri"
configurations = [{ instance_type = "ecs.g3i.large", zone_id = "cn-beijing-a" }]`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { e.proxy.add(proxyRule{action: "PurchaseReservedInstances", from: 1, drop: true}) },
				Config:             cfg,
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volcAddr, at("configurations").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact(converge.StatusUnconfirmed)),
				},
				Check: e.warnedNow([]string{`A purchase got no answer`, `ClientToken ecsri-[0-9a-f]+`}, `nothing was charged`),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg,
				Check: check(func() error {
					if n, p := len(e.mock.ReservedInstances(ecsmock.CloudVolcengine)), e.volcengineCalls("PurchaseReservedInstances"); n != 1 || p != 1 {
						return fmt.Errorf("one RI bought once: %d RIs, %d purchases", n, p)
					}
					return nil
				}),
			},
		},
	})
}

// A modification whose answer is lost is retried with the token derived
// from it, and the emulator answers with the first call's result: one
// modification, the configured RIs.
func TestAccVolcengineMoney_lostModifyAnswer(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(elems string) string {
		return e.volcengineRI("name = \"ri\"\nconfigurations = [" + elems + "]")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(`{ instance_type = "ecs.g3i.2xlarge", zone_id = "cn-beijing-a" }`)},
			{
				PreConfig: func() { e.proxy.add(proxyRule{action: "ModifyReservedInstances", from: 1, to: 1, drop: true}) },
				Config:    cfg(`{ instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" }, { instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" }`),
				Check: check(func() error {
					calls := e.mock.Calls(ecsmock.CloudVolcengine, "ModifyReservedInstances")
					if len(calls) != 2 || !calls[1].Replayed || e.volcengineCalls("ModifyReservedInstances") != 1 {
						return fmt.Errorf("one modification, its retry answered from the first: %+v", calls)
					}
					if got := volcengineShapes(e); got["ecs.g3i.xlarge×1@cn-beijing-a"] != 2 || len(got) != 1 {
						return fmt.Errorf("RIs in effect %v", got)
					}
					return nil
				}),
			},
		},
	})
}

// A renewal whose answers are all lost after it happened is not renewed
// again by the next apply: the expiry has moved.
func TestAccVolcengineMoney_lostRenewalAnswer(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(months int) string {
		return e.volcengineRI(fmt.Sprintf("name = \"ri\"\nperiod = %d\nperiod_unit = \"Month\"\nconfigurations = [{ instance_type = \"ecs.g3i.large\", zone_id = \"cn-beijing-a\" }]", months))
	}
	var before time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(1), Check: check(func() error { before = e.volcengineLive()[0].ExpiredTime; return nil })},
			{
				PreConfig:   func() { e.proxy.add(proxyRule{action: "RenewInstance", from: 1, drop: true}) },
				Config:      cfg(3),
				ExpectError: regexp.MustCompile(`Renewal stopped part way`),
			},
			{
				PreConfig: func() { e.proxy.clear() },
				Config:    cfg(3),
				Check: check(func() error {
					after := e.volcengineLive()[0].ExpiredTime
					if n := e.volcengineCalls("RenewInstance"); n != 1 || after.Sub(before) < 58*24*time.Hour || after.Sub(before) > 63*24*time.Hour {
						return fmt.Errorf("two months renewed once: %d renewals, %s → %s", n, before, after)
					}
					return nil
				}),
			},
		},
	})
}

// Under a throttling storm on every Volcengine action, a whole lifecycle
// ends as configured, slower, with nothing bought twice.
func TestAccVolcengineFaults_throttlingStorm(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	e.mock.SetThrottle(ecsmock.CloudVolcengine, ecsmock.Throttle{RatePerSecond: 20, Burst: 3})
	cfg := func(name, elems string) string {
		return e.volcengineRI(fmt.Sprintf("name = %q\ntags = { stage = %q }\nconfigurations = [%s]", name, name, elems))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg("start", `{ instance_type = "ecs.g3i.2xlarge", zone_id = "cn-beijing-a" }, { instance_type = "ecs.c3i.large", zone_id = "cn-beijing-a" }`)},
			{
				Config: cfg("end", `{ instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" }, { instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" }, { instance_type = "ecs.c3i.large", zone_id = "cn-beijing-a" }`),
				Check: check(func() error {
					throttled := 0
					for _, c := range e.mock.Calls(ecsmock.CloudVolcengine, "") {
						if c.Code == "FlowLimitExceeded" {
							throttled++
						}
					}
					if throttled == 0 {
						return fmt.Errorf("the storm throttled nothing")
					}
					if p := e.volcengineCalls("PurchaseReservedInstances"); p != 2 {
						return fmt.Errorf("2 purchases, got %d", p)
					}
					for _, ri := range e.volcengineLive() {
						if ri.Name != "end" || ri.Tags["stage"] != "end" {
							return fmt.Errorf("%s did not end as configured: %+v", ri.ID, ri)
						}
					}
					return nil
				}),
			},
		},
	})
}
