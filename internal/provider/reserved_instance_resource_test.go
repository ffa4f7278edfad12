package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

const addr = "ecsri_reserved_instance.test"

func at(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// check runs a Go assertion against the emulator inside a test step.
func check(fn func() error) resource.TestCheckFunc {
	return func(*terraform.State) error { return fn() }
}

func TestAccReservedInstance_lifecycle(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	full := func(name, description, tags string, autoRenew bool) string {
		return e.config(fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  region_id     = "cn-hangzhou"
  platform      = "Linux"
  offering_type = "Partial Upfront"
  period        = 3
  period_unit   = "Year"
  name          = %q
  description   = %s
  tags          = %s
  auto_renew             = %t
  auto_renew_period      = 1
  auto_renew_period_unit = "Year"

  configurations = [
    { instance_type = "ecs.g6.large", instance_amount = 4 },
    { instance_type = "ecs.c6.xlarge", zone_id = "cn-hangzhou-h" },
  ]

  timeouts = { create = "5m" }
}
`, name, description, tags, autoRenew))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: full("web-ri", `"reserved for the web tier"`, `{ env = "prod", team = "web" }`, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(0).AtMapKey("scope"), knownvalue.StringExact("Region")),
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(1).AtMapKey("scope"), knownvalue.StringExact("Zone")),
					statecheck.ExpectKnownValue(addr, at("configurations").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(addr, at("resource_group_id"), knownvalue.StringExact("rg-ecsmockdefault")),
					statecheck.ExpectKnownValue(addr, at("id"), knownvalue.StringRegexp(regexp.MustCompile(`^ecsri-[a-z0-9]+,ecsri-[a-z0-9]+$`))),
					statecheck.ExpectKnownValue(addr, at("expired_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT00:00Z$`))),
				},
				Check: check(func() error {
					ris := e.mock.ReservedInstances(ecsmock.CloudAlibaba)
					if len(ris) != 2 || e.purchases() != 2 {
						return fmt.Errorf("want 2 RIs from 2 purchases, got %d RIs, %d purchases", len(ris), e.purchases())
					}
					for _, ri := range ris {
						if ri.Name != "web-ri" || ri.Tags["team"] != "web" || !ri.AutoRenew || ri.OfferingType != "Partial Upfront" ||
							ri.ExpiredTime.Sub(ri.StartTime) < 3*365*24*time.Hour {
							return fmt.Errorf("RI not bought as configured: %+v", ri)
						}
					}
					for _, c := range e.mock.Calls(ecsmock.CloudAlibaba, "PurchaseReservedInstancesOffering") {
						if !strings.HasPrefix(c.Params["ClientToken"], "ecsri-") {
							return fmt.Errorf("purchase without a ClientToken: %+v", c.Params)
						}
					}
					return nil
				}),
			},
			{
				// Everything that can change in place does, and nothing is bought.
				Config: full("web-ri-2", "null", `{ env = "staging" }`, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: check(func() error {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						if ri.Name != "web-ri-2" || ri.Description != "" || len(ri.Tags) != 1 || ri.Tags["env"] != "staging" || ri.AutoRenew {
							return fmt.Errorf("in-place update not applied: %+v", ri)
						}
					}
					if e.purchases() != 2 {
						return fmt.Errorf("an in-place update bought something: %d purchases", e.purchases())
					}
					if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstances"); n != 0 {
						return fmt.Errorf("a rename must not use ModifyReservedInstances (%d calls)", n)
					}
					if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstanceAttribute"); n != 2 {
						return fmt.Errorf("want one ModifyReservedInstanceAttribute per RI, got %d", n)
					}
					return nil
				}),
			},
			{
				// A refresh alone finds nothing to change.
				RefreshState: true,
			},
			{
				// The same term in other units is no change.
				Config: strings.Replace(strings.Replace(full("web-ri-2", "null", `{ env = "staging" }`, false), "period        = 3", "period        = 36", 1), `period_unit   = "Year"`, `period_unit   = "Month"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: check(func() error {
					if n := len(e.mock.Calls(ecsmock.CloudAlibaba, "")); e.purchases() != 2 || e.mock.CountCalls(ecsmock.CloudAlibaba, "RenewReservedInstances") != 0 {
						return fmt.Errorf("changing units of the same term made calls (%d total)", n)
					}
					return nil
				}),
			},
		},
		CheckDestroy: check(func() error {
			ris := e.mock.ReservedInstances(ecsmock.CloudAlibaba)
			if len(ris) != 2 {
				return fmt.Errorf("destroy must not remove RIs from the account: %d left", len(ris))
			}
			for _, ri := range ris {
				if ri.AutoRenew {
					return fmt.Errorf("destroy must leave auto-renew off: %s", ri.ID)
				}
			}
			return nil
		}),
	})
}

func TestAccReservedInstance_destroySwitchesAutoRenewOff(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }]
  auto_renew     = true
  auto_renew_period      = 1
  auto_renew_period_unit = "Month"
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, at("auto_renew_period_unit"), knownvalue.StringExact("Month")),
			},
			Check: check(func() error {
				if ri := e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0]; !ri.AutoRenew || ri.AutoRenewDuration != 1 || ri.AutoRenewUnit != "Month" {
					return fmt.Errorf("auto-renew not bought as 1 Month: %+v", ri)
				}
				return nil
			}),
		}},
		CheckDestroy: check(func() error {
			ris := e.mock.ReservedInstances(ecsmock.CloudAlibaba)
			if len(ris) != 1 || ris[0].AutoRenew || ris[0].Status != "Active" {
				return fmt.Errorf("after destroy the RI must still exist, Active, with auto-renew off: %+v", ris)
			}
			if n := e.mock.CountCalls(ecsmock.CloudAlibaba, "ModifyReservedInstanceAutoRenewAttribute"); n != 1 {
				return fmt.Errorf("want one call switching auto-renew off, got %d", n)
			}
			return nil
		}),
	})
}

func TestAccReservedInstance_waitFailureDoesNotTaint(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{ActivationDelay: time.Hour})
	cfg := e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }]
  timeouts       = { create = "2s" }
}`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("status"), knownvalue.StringExact("Creating")),
				},
			},
			{
				// The next apply plans nothing: no taint, no second purchase.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: check(func() error {
					if e.purchases() != 1 {
						return fmt.Errorf("want exactly one purchase, got %d", e.purchases())
					}
					return nil
				}),
			},
		},
	})
}

func TestAccReservedInstance_vanishedIsRemovedFromState(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large" }]
}`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					for _, ri := range e.mock.ReservedInstances(ecsmock.CloudAlibaba) {
						e.mock.Remove(ri.ID)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				Check: check(func() error {
					if e.purchases() != 2 || len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)) != 1 {
						return fmt.Errorf("after the RI vanished the resource should be bought anew: %d purchases", e.purchases())
					}
					return nil
				}),
			},
		},
	})
}

func TestAccReservedInstance_import(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	a := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.xlarge", InstanceAmount: 2, Name: "imported", Description: "bought by hand",
		Tags: map[string]string{"owner": "ops"}, StartTime: time.Now().UTC().Truncate(time.Hour), ExpiredTime: time.Now().UTC().AddDate(3, 0, 1).Truncate(24 * time.Hour)})
	b := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", ZoneID: "cn-hangzhou-i", Name: "imported", Description: "bought by hand",
		Tags: map[string]string{"owner": "ops"}, StartTime: a.StartTime, ExpiredTime: a.ExpiredTime})
	cfg := e.config(fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  name        = "imported"
  description = "bought by hand"
  tags        = { owner = "ops" }
  period      = 3
  period_unit = "Year"
  configurations = [
    { instance_type = "ecs.g6.xlarge", instance_amount = 2 },
    { instance_type = "ecs.g6.large", zone_id = "cn-hangzhou-i" },
  ]
}

import {
  to = ecsri_reserved_instance.test
  id = "cn-hangzhou:%s,%s"
}
`, a.ID, b.ID))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				// An import block, then a plan with no changes: the term was
				// derived from the dates.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("period"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(addr, at("id"), knownvalue.StringExact(a.ID+","+b.ID)),
				},
			},
			{
				// terraform import on the command line, verified against state.
				ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateId:           a.ID + "," + b.ID,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
		CheckDestroy: check(func() error {
			if e.purchases() != 0 {
				return fmt.Errorf("import must not buy anything: %d purchases", e.purchases())
			}
			return nil
		}),
	})
}

func TestAccReservedInstance_importGeneratesConfig(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	ri := e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.c6.2xlarge", InstanceAmount: 3, Name: "generated"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:          e.providerBlock(""),
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   ri.ID,
			GenerateConfig:  true,
			// The generated configuration plans the import and nothing else,
			// with what the RI is.
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				plancheck.ExpectKnownValue(addr, at("name"), knownvalue.StringExact("generated")),
				plancheck.ExpectKnownValue(addr, at("configurations"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id": knownvalue.StringExact(ri.ID), "instance_type": knownvalue.StringExact("ecs.c6.2xlarge"), "instance_amount": knownvalue.Int64Exact(3),
					"scope": knownvalue.StringExact("Region"), "zone_id": knownvalue.Null(),
				})})),
			}},
		}},
		CheckDestroy: check(func() error {
			if e.purchases() != 0 {
				return fmt.Errorf("an import buys nothing: %d purchases", e.purchases())
			}
			return nil
		}),
	})
}

func TestAccReservedInstance_impossibleChangesRejectedAndAppendBuys(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := func(amount, period int) string {
		return e.config(fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large", instance_amount = %d }]
  period         = %d
  period_unit    = "Year"
}`, amount, period))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(2, 1)},
			{Config: cfg(4, 1), ExpectError: regexp.MustCompile(`computing\s+power\s+must\s+stay\s+the\s+same`)},
			{Config: e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.c6.xlarge" }]
}`), ExpectError: regexp.MustCompile(`instance\s+family\s+of\s+a\s+reserved\s+instance\s+cannot\s+change`)},
			{
				Config: e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large", instance_amount = 2 }, { instance_type = "ecs.g6.xlarge" }]
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: check(func() error {
					if e.purchases() != 2 {
						return fmt.Errorf("appending an element should buy exactly one more RI: %d purchases", e.purchases())
					}
					return nil
				}),
			},
			{
				Config: e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large", instance_amount = 2 }, { instance_type = "ecs.g6.xlarge" }]
  platform       = "Windows"
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: check(func() error {
					if e.purchases() != 4 || len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)) != 4 {
						return fmt.Errorf("a replacement buys both elements again: %d purchases", e.purchases())
					}
					return nil
				}),
			},
		},
	})
}

func TestAccReservedInstance_startTimeAndResourceGroup(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	start := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Hour)
	cfg := func(rg string) string {
		return e.config(fmt.Sprintf(`
resource "ecsri_reserved_instance" "test" {
  configurations    = [{ instance_type = "ecs.g6.large" }]
  start_time        = %q
  resource_group_id = %q
}`, start.Format("2006-01-02T15Z"), rg))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				// The configured spelling stays in state: no diff against the API's.
				Config: cfg("rg-team"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("start_time"), knownvalue.StringExact(start.Format("2006-01-02T15Z"))),
				},
				Check: check(func() error {
					ri := e.mock.ReservedInstances(ecsmock.CloudAlibaba)[0]
					if !ri.StartTime.Equal(start) || ri.ResourceGroupID != "rg-team" {
						return fmt.Errorf("bought with start %s and group %s, want %s and rg-team", ri.StartTime, ri.ResourceGroupID, start)
					}
					return nil
				}),
			},
			{
				Config: cfg("rg-other"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}
