package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

const volcAddr = "ecsri_volcengine_reserved_instance.test"

// Buying with every argument, then tags and auto-renewal in place (IDs
// unchanged), a rename (new IDs, nothing bought), and a renewal by raising
// the term; each plan after apply and refresh is empty.
func TestAccVolcengine_lifecycle(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	full := func(name, tags string, autoRenew bool, period int) string {
		return e.volcengineRI(fmt.Sprintf(`
region_id         = "cn-beijing"
name              = %q
description       = "web tier"
project_name      = "default"
tags              = %s
period            = %d
period_unit       = "Month"
auto_renew        = %t
auto_renew_period = 3
configurations = [
  { instance_type = "ecs.g3i.xlarge", instance_amount = 2, zone_id = "cn-beijing-a" },
  { instance_type = "ecs.c3i.large", zone_id = "cn-beijing-b", scope = "Zone" },
]`, name, tags, period, autoRenew))
	}
	var ids string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: full("web", `{ team = "web" }`, false, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volcAddr, at("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(volcAddr, at("project_name"), knownvalue.StringExact("default")),
				},
				Check: check(func() error {
					ris := e.volcengineLive()
					if len(ris) != 2 || e.volcengineCalls("PurchaseReservedInstances") != 2 {
						return fmt.Errorf("want 2 RIs from 2 purchases: %+v", ris)
					}
					for _, ri := range ris {
						if ri.Name != "web" || ri.Description != "web tier" || ri.Tags["team"] != "web" || ri.ProjectName != "default" {
							return fmt.Errorf("%s was not bought as configured: %+v", ri.ID, ri)
						}
						ids += ri.ID + ","
					}
					return nil
				}),
			},
			{
				Config: full("web", `{ team = "web", env = "prod" }`, true, 1),
				Check: check(func() error {
					got := ""
					for _, ri := range e.volcengineLive() {
						if ri.Tags["env"] != "prod" || ri.RenewType != "AutoRenewal" || ri.AutoRenewDuration != 3 {
							return fmt.Errorf("%s: tags and auto-renewal not changed in place: %+v", ri.ID, ri)
						}
						got += ri.ID + ","
					}
					if got != ids || e.volcengineCalls("ModifyReservedInstances") != 0 {
						return fmt.Errorf("tags and auto-renewal keep the IDs: %s, was %s", got, ids)
					}
					return nil
				}),
			},
			{
				Config: full("renamed", `{ team = "web", env = "prod" }`, true, 1),
				Check: check(func() error {
					ris := e.volcengineLive()
					if len(ris) != 2 || e.volcengineCalls("PurchaseReservedInstances") != 2 || e.volcengineCalls("ModifyReservedInstances") != 2 {
						return fmt.Errorf("a rename is a modification per RI, with no purchase: %d RIs, calls %+v", len(ris), e.mock.CallsOf(ecsmock.CloudVolcengine, ""))
					}
					for _, ri := range ris {
						if ri.Name != "renamed" || ri.Tags["env"] != "prod" || ri.RenewType != "AutoRenewal" {
							return fmt.Errorf("the renamed RI %s lost something: %+v", ri.ID, ri)
						}
					}
					return nil
				}),
			},
			{
				Config: full("renamed", `{ team = "web", env = "prod" }`, true, 3),
				Check: check(func() error {
					if n := e.volcengineCalls("RenewInstance"); n != 2 {
						return fmt.Errorf("raising the term by 2 months renews each RI once: %d renewals", n)
					}
					return nil
				}),
			},
		},
		CheckDestroy: check(func() error {
			for _, ri := range e.volcengineLive() {
				if ri.RenewType != "NonRenewal" {
					return fmt.Errorf("destroy must stop renewal of %s: %+v", ri.ID, ri)
				}
			}
			return nil
		}),
	})
}
