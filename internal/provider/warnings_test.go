package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestAccWarningsTellWhatMoneyMoves(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.2xlarge" }]`+"\nperiod = 2\nperiod_unit = \"Year\""),
				Check: e.warnedNow([]string{`This apply buys reserved instances`, `1 PurchaseReservedInstancesOffering call\(s\): ecs\.g6\.2xlarge × 1 \(regional\), for 2 Years each`,
					`so 1 RenewReservedInstances call\(s\) follow \(1 Year\)`}),
			},
			{
				Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-h" }, { instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-i" }]`+"\nperiod = 2\nperiod_unit = \"Year\""),
				Check: e.warnedNow([]string{`This apply reshapes reserved instances`, `3 ModifyReservedInstances call\(s\)`,
					`1\. split ecsri-[a-z0-9]+ into 2 reserved instances`, `2\. modify the result 1 of step 1 into ecs\.g6\.xlarge × 1 \(zone cn-hangzhou-h\)`}),
			},
			{
				Config: riConfig(e, `configurations = [{ instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-h" }, { instance_type = "ecs.g6.xlarge", zone_id = "cn-hangzhou-i" }]`+"\nperiod = 2\nperiod_unit = \"Year\"\nplatform = \"Windows\""),
				Check: e.warnedNow([]string{`Replacement means a new, non-refundable purchase`, `platform cannot change after purchase, so this plan REPLACES ecsri-`,
					`Reserved instances keep billing until they expire`}),
			},
		},
		CheckDestroy: e.warnedNow([]string{`Destroying reserved instances refunds nothing`}),
	})
}

func TestAccExpiredReservedInstanceStaysInState(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	cfg := riConfig(e, "period = 1\nperiod_unit = \"Month\"\nconfigurations = [{ instance_type = \"ecs.g6.large\" }]")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// A month and more later the RI has lapsed: it stays in state,
				// with its status, and nothing is bought again.
				PreConfig: func() { e.mock.AdvanceClock(40 * 24 * time.Hour) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, at("status"), knownvalue.StringExact("Expired")),
					statecheck.ExpectKnownValue(addr, at("operation_locks"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("financial")})),
				},
				Check: func(s *terraform.State) error {
					if e.purchases() != 1 {
						return fmt.Errorf("an expired RI must not be bought again: %d purchases", e.purchases())
					}
					return e.warnedNow([]string{`Reserved instance no longer in effect`, `is Expired`})(s)
				},
			},
		},
	})
}
