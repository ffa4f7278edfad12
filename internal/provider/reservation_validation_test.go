package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsri/terraform-provider-ecsri/internal/ecsmock"
	"github.com/ecsri/terraform-provider-ecsri/internal/provider/acctest"
)

// Every input a cloud does not accept is rejected before any call, by
// validation or the plan, naming the attribute and the rule: the cases run
// over the provider's protocol, as terraform sends them, on both clouds.
func TestReservationRejectsBadInputsWithTheAttributeAndTheRule(t *testing.T) {
	type bad struct {
		name   string
		values map[string]any
		path   string // the diagnostic's attribute path
		want   string
	}
	one := func(c acctest.Cloud, extra map[string]any) map[string]any {
		v := map[string]any{"configurations": []any{acctest.Elem(c.Small, 1, c.Zone)}}
		for k, x := range extra {
			v[k] = x
		}
		return c.Body(v)
	}
	tags := func(n int) map[string]string {
		out := map[string]string{}
		for i := range n {
			out[fmt.Sprintf("k%d", i)] = "v"
		}
		return out
	}
	common := func(c acctest.Cloud) []bad {
		most := c.Rules.MaxAmount
		return []bad{
			{"amount 0", c.Body(map[string]any{"configurations": []any{acctest.Elem(c.Small, 0, c.Zone)}}), "configurations[0].instance_amount",
				fmt.Sprintf("value must be between 1 and %d", most)},
			{"amount over the maximum", c.Body(map[string]any{"configurations": []any{acctest.Elem(c.Small, most+1, c.Zone)}}), "configurations[0].instance_amount",
				fmt.Sprintf("value must be between 1 and %d", most)},
			{"no configurations", c.Body(map[string]any{"configurations": []any{}}), "configurations", "list must contain at least 1 elements"},
			{"instance type", c.Body(map[string]any{"configurations": []any{acctest.Elem("g6-large", 1, "")}}), "configurations[0].instance_type",
				`is not an instance type name`},
			{"scope", c.Body(map[string]any{"configurations": []any{map[string]any{"instance_type": c.Small, "scope": "Global"}}}),
				"configurations[0].scope", "value must be one of"},
			{"zone missing", c.Body(map[string]any{"configurations": []any{map[string]any{"instance_type": c.Small, "scope": "Zone"}}}),
				"configurations[0].zone_id", "configurations[0].zone_id is required when scope is Zone"},
			{"zone with region scope", c.Body(map[string]any{"configurations": []any{map[string]any{"instance_type": c.Small, "scope": "Region", "zone_id": c.Zone}}}),
				"configurations[0].zone_id", "must not be set when scope is Region"},
			{"empty zone", c.Body(map[string]any{"configurations": []any{acctest.Elem(c.Small, 1, "")}}), "", ""}, // placeholder, replaced below
			{"period 0", one(c, map[string]any{"period": 0}), "period", "value must be at least 1"},
			{"term over five years", one(c, map[string]any{"period": 61, "period_unit": "Month"}), "period", "61 Months is longer than the 5 Years that " + c.Rules.Cloud + " allows"},
			{"period unit", one(c, map[string]any{"period_unit": "Week"}), "period_unit", "value must be one of"},
			{"null tag", one(c, map[string]any{"tags": map[string]any{"owner": nil}}), `tags["owner"]`, `tags["owner"] is null`},
			{"too many tags", one(c, map[string]any{"tags": tags(c.Rules.Text.MaxTags + 1)}), "tags", fmt.Sprintf("may hold at most %d tags", c.Rules.Text.MaxTags)},
			{"timeouts", one(c, map[string]any{"timeouts": map[string]any{"create": "soon"}}), "timeouts.create", `"soon" must be a string containing a sequence of decimal numbers`},
		}
	}
	own := map[string]func(c acctest.Cloud) []bad{
		"alibaba": func(c acctest.Cloud) []bad {
			return []bad{
				{"zonal-only family", c.Body(map[string]any{"configurations": []any{acctest.Elem("ecs.gn6i-c4g1.xlarge", 1, "")}}), "configurations[0].scope", "can only be reserved in a zone"},
				{"platform", one(c, map[string]any{"platform": "linux"}), "platform", "value must be one of"},
				{"offering type", one(c, map[string]any{"offering_type": "AllUpfront"}), "offering_type", "value must be one of"},
				{"period alone too long", one(c, map[string]any{"period": 6}), "period", `period = 6, period_unit = "Year": 6 Years is longer`},
				{"name too short", one(c, map[string]any{"name": "a"}), "name", "must be 2 to 128 characters long"},
				{"name starts with a digit", one(c, map[string]any{"name": "1ri"}), "name", "must start with a letter"},
				{"name URL", one(c, map[string]any{"name": "https://x"}), "name", "must not start with http"},
				{"description URL", one(c, map[string]any{"description": "http://spam"}), "description", "must not start with http"},
				{"tag key prefix", one(c, map[string]any{"tags": map[string]string{"acs:x": "v"}}), `tags["acs:x"]`, `must not start with "acs:" or "aliyun"`},
				{"tag value prefix", one(c, map[string]any{"tags": map[string]string{"k": "acs:v"}}), `tags["k"]`, `value of tag "k" must not start with "acs:"`},
				{"resource group empty", one(c, map[string]any{"resource_group_id": ""}), "resource_group_id", "string length must be at least 1"},
				{"auto-renewal of 3 months", one(c, map[string]any{"auto_renew": true, "auto_renew_period": 3, "auto_renew_period_unit": "Month"}),
					"auto_renew_period", "an automatic renewal of 3 Months is not offered"},
				{"auto-renewal of 2", one(c, map[string]any{"auto_renew_period": 2}), "auto_renew_period", "value must be one of"},
				{"start time minutes", c.Body(map[string]any{"configurations": []any{acctest.Elem(c.Small, 1, "")}, "start_time": "2030-11-23T05:30Z"}), "start_time",
					`"2030-11-23T05:30Z" is not in the format yyyy-MM-ddTHHZ (or yyyy-MM-ddTHH:00Z): the API keeps only the hour`},
				{"start time in the past", c.Body(map[string]any{"configurations": []any{acctest.Elem(c.Small, 1, "")}, "start_time": "2001-01-01T00Z"}), "start_time",
					"start_time 2001-01-01T00Z is before the current hour"},
				{"start time on a zonal reservation", one(c, map[string]any{"start_time": time.Now().Add(72 * time.Hour).UTC().Format("2006-01-02T15Z")}), "start_time",
					"start_time can only be set when every element of configurations is regional"},
			}
		},
		"volcengine": func(c acctest.Cloud) []bad {
			return []bad{
				{"name starts with a digit", one(c, map[string]any{"name": "1ri"}), "name", "must not start with a digit, '_' or '-'"},
				{"name character", one(c, map[string]any{"name": "ri.x"}), "name", "may contain only letters, digits, Chinese characters, '_' and '-'"},
				{"tag key prefix", one(c, map[string]any{"tags": map[string]string{"VOLC:x": "v"}}), `tags["VOLC:x"]`, `must not start with "volc:" or "sys:"`},
				{"project name", one(c, map[string]any{"project_name": "a b"}), "project_name", "may contain only letters, digits, '_', '.' and '-'"},
				{"auto-renewal of 13 months", one(c, map[string]any{"auto_renew": true, "auto_renew_period": 13}), "auto_renew_period", "value must be one of"},
				{"empty HPC cluster", c.Body(map[string]any{"configurations": []any{map[string]any{"instance_type": c.Small, "zone_id": c.Zone, "hpc_cluster_id": ""}}}),
					"configurations[0].hpc_cluster_id", "string length must be at least 1"},
			}
		},
	}
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		h := c.Harness(t, e, nil)
		cases := append(common(c), own[c.Name](c)...)
		cases[7] = bad{"empty zone", c.Body(map[string]any{"configurations": []any{map[string]any{"instance_type": c.Small, "zone_id": ""}}}),
			"configurations[0].zone_id", "string length must be at least 1"}
		for _, tc := range cases {
			config := h.Config(tc.values)
			diags := h.Validate(config)
			if !acctest.HasErrors(diags) {
				diags = h.Plan(h.Absent(), config).Diagnostics
			}
			if err := rejected(diags, tc.path, tc.want); err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
		for _, cl := range e.Mock.Clouds() {
			if n := len(e.Mock.Calls(cl, "")); n != 0 {
				t.Fatalf("rejected configurations made %d API calls", n)
			}
		}
	})
}

// rejected checks for an error on the attribute path that says want.
func rejected(diags []*tfprotov6.Diagnostic, path, want string) error {
	for _, d := range diags {
		at := ""
		if d.Attribute != nil {
			for _, step := range d.Attribute.Steps() {
				switch s := step.(type) {
				case tftypes.AttributeName:
					at += "." + string(s)
				case tftypes.ElementKeyInt:
					at += fmt.Sprintf("[%d]", int64(s))
				case tftypes.ElementKeyString:
					at += fmt.Sprintf("[%q]", string(s))
				}
			}
			at = strings.TrimPrefix(at, ".")
		}
		if d.Severity == tfprotov6.DiagnosticSeverityError && at == path && strings.Contains(d.Summary+": "+d.Detail, want) {
			return nil
		}
	}
	return fmt.Errorf("no error on %q saying %q:%s", path, want, acctest.DiagText(diags))
}

// Through the real terraform binary: a rejected term names the attribute
// and the rule with no call, and period or period_unit written alone takes
// the other's default (issue #18: `period = 3` on Volcengine is 3 months).
func TestAccReservationPlanTimeRulesThroughTerraform(t *testing.T) {
	acctest.PreCheck(t)
	acctest.EachCloud(t, func(t *testing.T, c acctest.Cloud) {
		e := acctest.New(t, ecsmock.Options{})
		alone, term := "period = 3", "3 Months"
		if c.Name == "alibaba" {
			alone, term = `period_unit = "Month"`, "1 Month"
		}
		elems := acctest.Elements(c.Element(c.Small, 1, c.Zone))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.Factories(),
			Steps: []resource.TestStep{
				{
					Config: c.Config(e, elems+"period = 6\nperiod_unit = \"Year\""), PlanOnly: true,
					ExpectError: regexp.MustCompile(`period\s*=\s*6,\s*period_unit\s*=\s*"Year":\s*6\s+Years\s+is\s+longer\s+than\s+the\s+5\s+Years`),
				},
				{
					Config: c.Config(e, elems+alone), PlanOnly: true, ExpectNonEmptyPlan: true,
					ConfigPlanChecks: acctest.PlanOnlyChecks(e.Warned([]string{regexp.QuoteMeta(
						fmt.Sprintf("This apply buys reserved instances: 1 %s call(s): %s × 1 (zone %s), for %s each.", c.Rules.Calls.Purchase, c.Small, c.Zone, term))}),
						e.Quiet()),
				},
			},
		})
	})
}
