package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
)

// Every documented mistake is caught at plan time, with an error that names
// the attribute and the rule, before any API call.
func TestAccReservedInstance_badInputsRejectedAtPlan(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	tags21 := make([]string, 21)
	for i := range tags21 {
		tags21[i] = fmt.Sprintf("k%d = \"v\"", i)
	}
	cases := []struct {
		name, body string
		want       string
	}{
		{"amount 0", `configurations = [{ instance_type = "ecs.g6.large", instance_amount = 0 }]`, `instance_amount value must be between 1 and 50`},
		{"amount 51", `configurations = [{ instance_type = "ecs.g6.large", instance_amount = 51 }]`, `instance_amount value must be between 1 and 50`},
		{"no configurations", `configurations = []`, `configurations list must contain at least 1 elements`},
		{"instance type", `configurations = [{ instance_type = "g6-large" }]`, `Invalid instance type`},
		{"scope value", `configurations = [{ instance_type = "ecs.g6.large", scope = "Global" }]`, `scope value must be one of`},
		{"zone missing", `configurations = [{ instance_type = "ecs.g6.large", scope = "Zone" }]`, `zone_id is required when scope is Zone`},
		{"zone with region scope", `configurations = [{ instance_type = "ecs.g6.large", scope = "Region", zone_id = "cn-hangzhou-h" }]`, `zone_id must not be set when scope is Region`},
		{"zonal-only family", `configurations = [{ instance_type = "ecs.gn6i-c4g1.xlarge" }]`, `can only be reserved in a zone`},
		{"platform", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nplatform = \"linux\"", `platform value must be one of`},
		{"offering type", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\noffering_type = \"AllUpfront\"", `offering_type value must be one of`},
		{"period unit", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nperiod = 1\nperiod_unit = \"Week\"", `period_unit value must be one of`},
		{"period 0", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nperiod = 0\nperiod_unit = \"Year\"", `period value must be at least 1`},
		{"period without unit", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nperiod = 3", `must be configured together: [period,period_unit]`},
		{"name too short", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nname = \"a\"", `name must be 2 to 128 characters long`},
		{"name starts with digit", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nname = \"1ri\"", `name must start with a letter`},
		{"name character", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nname = \"ri.web\"", `name may contain only letters`},
		{"name URL", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nname = \"https://x\"", `name must not start with http`},
		{"description short", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\ndescription = \"x\"", `description must be 2 to 256 characters long`},
		{"description URL", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\ndescription = \"http://spam\"", `description must not start with http`},
		{"tag key prefix", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\ntags = { \"acs:x\" = \"v\" }", `must not start with "acs:" or "aliyun"`},
		{"tag value prefix", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\ntags = { k = \"acs:v\" }", `value of tag "k" must not start with "acs:"`},
		{"too many tags", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\ntags = {" + strings.Join(tags21, "\n") + "}", `tags may hold at most 20 tags`},
		{"auto renew period", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nauto_renew_period = 2", `auto_renew_period value must be one of`},
		{"start time format", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nstart_time = \"2030-01-01\"", `start_time "2030-01-01" is not in the format`},
		{"start time in the past", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\nstart_time = \"2001-01-01T00Z\"", `start_time 2001-01-01T00Z is before the current hour`},
		{"start time on zonal", `configurations = [{ instance_type = "ecs.g6.large", zone_id = "cn-hangzhou-h" }]` + "\nstart_time = \"2099-01-01T00Z\"", `start_time can only be set when every element of configurations is regional`},
		{"timeouts", `configurations = [{ instance_type = "ecs.g6.large" }]` + "\ntimeouts = { create = \"soon\" }", `"soon" must be a string containing a sequence of decimal numbers`},
	}
	var configs, wants []string
	for _, c := range cases {
		configs, wants = append(configs, e.config("resource \"ecsri_reserved_instance\" \"test\" {\n"+c.body+"\n}")), append(wants, c.want)
	}
	resource.Test(t, e.rejectedAtPlan(configs, wants))
}

func TestAccReservedInstance_purchaseErrorsNameTheCause(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-h", "ecs.g6.large", false)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config: e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [{ instance_type = "ecs.g6.large", zone_id = "cn-hangzhou-h" }]
}`),
			ExpectError: regexp.MustCompile(`(?s)No reserved instance was bought.*OperationDenied\.NoStock\s+\(HTTP\s+403,\s+RequestId\s+[0-9A-F-]+\)`),
		}},
	})
}

func TestAccReservedInstance_partialPurchaseIsFinishedByNextApply(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, ecsmock.Options{})
	e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.g6.large", false)
	cfg := e.config(`
resource "ecsri_reserved_instance" "test" {
  configurations = [
    { instance_type = "ecs.g6.large" },
    { instance_type = "ecs.g6.large", zone_id = "cn-hangzhou-i" },
  ]
}`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				// The first element is bought, the second is not; the apply
				// still succeeds so nothing is tainted, and a plan follows.
				Config:             cfg,
				ExpectNonEmptyPlan: true,
				Check: check(func() error {
					if e.purchases() != 1 {
						return fmt.Errorf("want one purchase, got %d", e.purchases())
					}
					e.mock.SetStock(ecsmock.CloudAlibaba, "cn-hangzhou-i", "ecs.g6.large", true)
					return nil
				}),
			},
			{
				Config: cfg,
				Check: check(func() error {
					if e.purchases() != 2 || len(e.mock.ReservedInstances(ecsmock.CloudAlibaba)) != 2 {
						return fmt.Errorf("the next apply should buy only the missing element: %d purchases; calls %+v", e.purchases(), e.mock.Calls(ecsmock.CloudAlibaba, ""))
					}
					return nil
				}),
			},
		},
	})
}
