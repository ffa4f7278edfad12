package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

func TestAccReservedInstancesDataSource(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	var firstID string
	for i := range 130 {
		ri := ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", InstanceAmount: 1 + i%3, Name: fmt.Sprintf("fleet-%03d", i)}
		if i%10 == 0 {
			ri.InstanceType, ri.ZoneID, ri.Tags = "ecs.c6.xlarge", "cn-hangzhou-h", map[string]string{"team": "data"}
		}
		if i%2 == 0 {
			ri.AutoRenew, ri.AutoRenewDuration, ri.AutoRenewUnit = true, 3, "Month"
		}
		seeded, err := e.mock.Seed(ri)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			firstID = seeded.ID
		}
	}
	e.seed(t, ecsmock.ReservedInstance{InstanceType: "ecs.g6.large", RegionID: "cn-beijing"})
	ds := func(body string) string {
		return e.config("data \"ecsri_reserved_instances\" \"x\" {\n" + body + "\n}")
	}
	count := func(n int) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ecsri_reserved_instances.x", at("reserved_instances"), knownvalue.ListSizeExact(n))
	}
	first := func(key string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.ecsri_reserved_instances.x", at("reserved_instances").AtSliceIndex(0).AtMapKey(key), v)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: ds(`name_regex = "("`), ExpectError: regexp.MustCompile(`Invalid regular expression`)},
			{Config: ds(`statuses = ["Gone"]`), ExpectError: regexp.MustCompile(`value must be one of`)},
			{
				Config: ds(""),
				ConfigStateChecks: []statecheck.StateCheck{
					count(130), // pages of 100, one region only
					first("id", knownvalue.StringExact(firstID)),
					first("scope", knownvalue.StringExact("Zone")),
					first("platform", knownvalue.StringExact("Linux")),
					first("auto_renew", knownvalue.Bool(true)),
					first("auto_renew_period", knownvalue.Int64Exact(3)),
					first("auto_renew_period_unit", knownvalue.StringExact("Month")),
					first("tags", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("data")})),
					first("expired_time", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\dZ$`))),
				},
				PreConfig: func() { e.mock.ResetCalls() },
				Check: check(func() error {
					// Every read of the 130 RIs is two pages of DescribeReservedInstances
					// and two calls of auto-renewal (100 IDs each), nothing more.
					pages, renewals := e.mock.CountCalls("DescribeReservedInstances"), e.mock.CountCalls("DescribeReservedInstanceAutoRenewAttribute")
					reads := pages / 2
					if reads == 0 || pages != 2*reads || renewals != 2*reads || len(e.mock.Calls("")) != pages+renewals {
						return fmt.Errorf("want 2 pages and 2 auto-renewal calls per read; got %d pages, %d auto-renewal calls, %d calls in all",
							pages, renewals, len(e.mock.Calls("")))
					}
					return nil
				}),
			},
			{Config: ds(`instance_type_family = "ecs.c6"`), ConfigStateChecks: []statecheck.StateCheck{count(13)}},
			{Config: ds(`tags = { team = "data" }`), ConfigStateChecks: []statecheck.StateCheck{count(13)}},
			{Config: ds(`scope = "Region"` + "\n" + `instance_type = "ecs.g6.large"`), ConfigStateChecks: []statecheck.StateCheck{count(117)}},
			{Config: ds(`zone_id = "cn-hangzhou-h"`), ConfigStateChecks: []statecheck.StateCheck{count(13)}},
			{Config: ds(`name = "fleet-007"`), ConfigStateChecks: []statecheck.StateCheck{count(1), first("instance_amount", knownvalue.Int64Exact(2))}},
			{Config: ds(`name_regex = "^fleet-00[0-4]$"`), ConfigStateChecks: []statecheck.StateCheck{count(5)}},
			{Config: ds(`statuses = ["Creating"]`), ConfigStateChecks: []statecheck.StateCheck{count(0)}},
			{Config: ds(`ids = ["` + firstID + `", "ecsri-unknown"]`), ConfigStateChecks: []statecheck.StateCheck{count(1)}},
			{Config: ds(`region_id = "cn-beijing"`), ConfigStateChecks: []statecheck.StateCheck{count(1)}},
		},
	})
}
