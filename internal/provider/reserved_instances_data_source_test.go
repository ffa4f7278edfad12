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
		seeded, err := e.mock.Seed(ecsmock.CloudAlibaba, ri)
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
	// Every filter is a data source of its own in one configuration, read
	// together in one plan.
	filters := []struct {
		name, body string
		count      int
	}{
		{"family", `instance_type_family = "ecs.c6"`, 13}, {"tags", `tags = { team = "data" }`, 13},
		{"regional", `scope = "Region"` + "\n" + `instance_type = "ecs.g6.large"`, 117}, {"zone", `zone_id = "cn-hangzhou-h"`, 13},
		{"name", `name = "fleet-007"`, 1}, {"regex", `name_regex = "^fleet-00[0-4]$"`, 5}, {"creating", `statuses = ["Creating"]`, 0},
		{"ids", `ids = ["` + firstID + `", "ecsri-unknown"]`, 1}, {"beijing", `region_id = "cn-beijing"`, 1},
	}
	config := e.config("")
	checks := []statecheck.StateCheck{statecheck.ExpectKnownValue("data.ecsri_reserved_instances.name", at("reserved_instances").AtSliceIndex(0).AtMapKey("instance_amount"), knownvalue.Int64Exact(2))}
	for _, f := range filters {
		config += fmt.Sprintf("data \"ecsri_reserved_instances\" %q {\n%s\n}\n", f.name, f.body)
		checks = append(checks, statecheck.ExpectKnownValue("data.ecsri_reserved_instances."+f.name, at("reserved_instances"), knownvalue.ListSizeExact(f.count)))
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
			{Config: ds(`name_regex = "("` + "\n" + `statuses = ["Gone"]`), ExpectError: regexp.MustCompile(`(?s)Invalid regular expression.*value must be one of|(?s)value must be one of.*Invalid regular expression`)},
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
					pages, renewals := e.mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstances"), e.mock.CountCalls(ecsmock.CloudAlibaba, "DescribeReservedInstanceAutoRenewAttribute")
					reads := pages / 2
					if reads == 0 || pages != 2*reads || renewals != 2*reads || len(e.mock.Calls(ecsmock.CloudAlibaba, "")) != pages+renewals {
						return fmt.Errorf("want 2 pages and 2 auto-renewal calls per read; got %d pages, %d auto-renewal calls, %d calls in all",
							pages, renewals, len(e.mock.Calls(ecsmock.CloudAlibaba, "")))
					}
					return nil
				}),
			},
			{Config: config, ConfigStateChecks: checks},
		},
	})
}
